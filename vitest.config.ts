import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Prints the embedded clusters' logs for a failing test only.
    setupFiles: ['test/helpers/setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // A worker process keeps the modules it loaded from one file to the next (vitest's isolate: false): the CLI,
    // the embedded cluster and their dependencies are imported once per worker, not once per file (~3 s each).
    // Nothing of a run lives in module state (src/run/io.ts holds it per run), so files cannot see each other.
    isolate: false,
    // Most files wait on the embedded clusters' simulated delays, not on the CPU: the suite uses ~290 s of CPU,
    // so on 2 cores six files at a time keep both cores busy (four: 185 s, six: 167 s on a quiet machine).
    maxWorkers: 6,
  },
});
