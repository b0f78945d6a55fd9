import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL("../..", import.meta.url));

// One run for the whole repo (`npm test`): unit, integration and end-to-end tests, all against
// the real MariaDB that the bootstrap (or globalSetup) starts.
export default defineConfig({
  resolve: {
    // End-to-end tests use the SDK's source (the same code the build bundles); the built and packed
    // artifact has its own test (packages/sdk/test/pack.test.ts).
    alias: { "@fotostudio/sdk": fileURLToPath(new URL("../../packages/sdk/src/index.ts", import.meta.url)) },
  },
  test: {
    root,
    include: ["packages/*/src/**/*.test.ts", "packages/*/test/**/*.test.ts", "apps/*/test/**/*.test.ts"],
    globalSetup: [fileURLToPath(new URL("./global-setup.ts", import.meta.url))],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Two cores: more workers only add contention on the one MariaDB.
    maxWorkers: 2,
  },
});
