import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests drive Debian's Chromium (browsers cannot be downloaded here):
 * `apt-get install chromium` provides /usr/bin/chromium; STEADY_CHROMIUM overrides it.
 * Each test file starts its own sync server (tests/e2e/support/server.ts), because
 * the tests stop and restart it.
 */
export default defineConfig({
	testDir: 'tests/e2e',
	// *.test.ts beside them are vitest's (unit tests of the e2e helpers)
	testMatch: '**/*.spec.ts',
	fullyParallel: false,
	workers: 1,
	retries: 0,
	timeout: 90_000,
	expect: { timeout: 20_000 },
	reporter: 'list',
	use: {
		browserName: 'chromium',
		launchOptions: {
			executablePath: process.env.STEADY_CHROMIUM ?? '/usr/bin/chromium',
			args: [
				'--headless',
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		},
		trace: 'off'
	}
});
