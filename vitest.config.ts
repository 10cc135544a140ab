import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Two cores: one worker each. The cluster's own processes share them.
    maxWorkers: 2,
    // Stopping the cluster (TP_TEST_CLUSTER_DOWN=1) takes a few seconds.
    teardownTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          // Property tests run thousands of cases; on two shared cores under CI load 5 s is too tight.
          testTimeout: 30_000,
          include: ['test/**/*.test.ts'],
          // test/ mirrors src/; the tests that need a live cluster are apart, in test/live/,
          // and test/kind/ is the kind tier (npm run test:kind, vitest.kind.config.ts).
          exclude: [...configDefaults.exclude, 'test/live/**', 'test/kind/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'live',
          include: ['test/live/**/*.test.ts'],
          // Runs only when a live test is selected: starts (or finds) the cluster.
          globalSetup: ['test/live/global-setup.ts'],
          // Rollouts on the local cluster take seconds; a shared CI cluster may be slower.
          testTimeout: 60_000,
          hookTimeout: 600_000,
        },
      },
    ],
  },
});
