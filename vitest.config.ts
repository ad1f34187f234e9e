import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Prints the embedded clusters' logs for a failing test only.
    setupFiles: ['test/helpers/setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Most files wait on child processes and the embedded cluster, not the CPU: two at a time on 2 cores
    // (vitest's default there is one).
    maxWorkers: 2,
  },
});
