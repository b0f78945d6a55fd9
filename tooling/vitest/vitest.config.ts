import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL("../..", import.meta.url));

// One run for the whole repo (`npm test`): unit, integration and end-to-end tests, all against
// the real MariaDB that the bootstrap (or globalSetup) starts.
export default defineConfig({
  test: {
    root,
    include: ["packages/*/src/**/*.test.ts", "packages/*/test/**/*.test.ts", "apps/*/test/**/*.test.ts"],
    globalSetup: [fileURLToPath(new URL("./global-setup.ts", import.meta.url))],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Two cores: more workers only add contention on the one MariaDB.
    maxWorkers: 2,
    reporters: process.env.CI ? ["default"] : ["default"],
  },
});
