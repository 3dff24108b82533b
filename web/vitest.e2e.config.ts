import { defineConfig } from 'vitest/config';

// End-to-end tests of the built playground (web/dist) in headless Chromium: `npm run test:e2e`.
export default defineConfig({
  test: {
    root: new URL('.', import.meta.url).pathname,
    include: ['e2e/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
