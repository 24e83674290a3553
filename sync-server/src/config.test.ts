import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration', () => {
	it('has defaults that work with no variables set', () => {
		const config = loadConfig({});
		expect(config).toMatchObject({ port: 3000, host: '127.0.0.1', maxMessageBytes: 2 * 1024 * 1024, seedDemo: false });
		expect(config.dataDir).toBe(path.resolve('data'));
		expect(config.appDir).toBe(path.resolve('build'));
	});

	it('reads the variables', () => {
		const config = loadConfig({ STEADY_PORT: '8080', STEADY_DATA_DIR: '/tmp/x', STEADY_IDLE_UNLOAD_MS: '5' });
		expect(config).toMatchObject({ port: 8080, dataDir: '/tmp/x', idleUnloadMs: 5 });
	});

	it('a bad value names the variable and says how to fix it', () => {
		expect(() => loadConfig({ STEADY_PORT: 'eighty' })).toThrow(ConfigError);
		expect(() => loadConfig({ STEADY_PORT: '70000' })).toThrow(/STEADY_PORT="70000".*\n.*Fix or unset these environment variables/s);
		expect(() => loadConfig({ STEADY_MAX_MESSAGE_BYTES: '-1' })).toThrow(/STEADY_MAX_MESSAGE_BYTES/);
	});

	it('off the loopback address, the public URL must be given: cookies and invite links depend on it', () => {
		expect(() => loadConfig({ STEADY_HOST: '0.0.0.0' })).toThrow(/STEADY_PUBLIC_URL="".*must be set when STEADY_HOST is not a loopback/s);
		expect(loadConfig({ STEADY_HOST: '0.0.0.0', STEADY_PUBLIC_URL: 'https://steady.example.org/' })).toMatchObject({
			host: '0.0.0.0',
			publicUrl: 'https://steady.example.org'
		});
		expect(loadConfig({ STEADY_HOST: '::1' }).publicUrl).toBeNull();
	});
});
