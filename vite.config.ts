import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	// `npm run dev` serves the app with hot reload; the API and sync socket stay with
	// the sync server (`npm run server`, port 3000).
	server: {
		proxy: {
			'/api': 'http://127.0.0.1:3000',
			'/sync': { target: 'ws://127.0.0.1:3000', ws: true }
		}
	},
	test: {
		include: ['src/**/*.test.ts', 'sync-server/**/*.test.ts', 'tests/{convergence,security,integration}/**/*.test.ts', 'tests/e2e/support/**/*.test.ts'],
		environment: 'node',
		testTimeout: 20_000
	}
});
