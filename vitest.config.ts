import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Browser tests print real PDFs with Chromium: give them room, never skip them.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Child processes and Chromium are happier in forks than in worker threads.
    pool: 'forks',
    // Only two files start a browser; the others are fast, so files may run side by side.
    fileParallelism: true,
    allowOnly: false,
    passWithNoTests: false,
  },
});
