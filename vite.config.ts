import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	test: {
		include: ['src/**/*.test.ts', 'sync-server/**/*.test.ts', 'tests/{convergence,security,integration}/**/*.test.ts'],
		environment: 'node',
		testTimeout: 20_000
	}
});
