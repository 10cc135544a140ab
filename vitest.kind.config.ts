import { defineConfig } from 'vitest/config';

// The kind tier (npm run test:kind): real containers, a private registry, HTTP
// to real pods. Not part of `npm test`, which stays on the fast KWOK cluster.
export default defineConfig({
  test: {
    name: 'kind',
    include: ['test/kind/**/*.test.ts'],
    globalSetup: ['test/kind/global-setup.ts'],
    // Two cores, three nodes: one test file at a time keeps pulls and rollouts predictable.
    fileParallelism: false,
    // Image pulls, rollouts and whole lab proofs on real nodes take minutes.
    testTimeout: 600_000,
    // kind:up builds the images first on a cold machine.
    hookTimeout: 3_600_000,
    teardownTimeout: 120_000,
    // testcontainers (test/kind/image.test.ts) would pull its reaper image (Ryuk) from Docker Hub,
    // which cannot be reached: each test file stops and removes its containers itself.
    env: { TESTCONTAINERS_RYUK_DISABLED: 'true' },
  },
});
