import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { coverageDirectory, coverageExclude, coverageInclude, coverageThresholds } from "./coverage.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
// Every file of the database projects starts away from midnight in the studios' zone.
const waitOutMidnight = fileURLToPath(new URL("./wait-out-midnight.ts", import.meta.url));

// One run for the whole repo (`npm test`): unit, integration and end-to-end tests, all against
// the real MariaDB that the bootstrap (or globalSetup) starts. Three projects: the repo's tests,
// the end-to-end tests again on the stock adapters, then — after they have all finished — the
// tooling's, which build, generate and run the root scripts the way a newcomer does (they must
// not rebuild dist/ under the SDK's pack test, and would only compete with the database tests
// for the two cores).
export default defineConfig({
  resolve: {
    // End-to-end tests use the SDK's source (the same code the build bundles); the built and packed
    // artifact has its own test (packages/sdk/test/pack.test.ts).
    alias: { "@fotostudio/sdk": fileURLToPath(new URL("../../packages/sdk/src/index.ts", import.meta.url)) },
  },
  test: {
    root,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Two cores: more workers only add contention on the one MariaDB.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: "repo",
          include: ["packages/*/src/**/*.test.ts", "packages/*/test/**/*.test.ts", "apps/*/test/**/*.test.ts"],
          globalSetup: [fileURLToPath(new URL("./global-setup.ts", import.meta.url))],
          setupFiles: [waitOutMidnight],
          sequence: { groupOrder: 0 },
        },
      },
      {
        // The end-to-end suite once more on the stock tRPC plugin and trpc-to-openapi handler
        // (FAST_PATH=off, the escape hatch): both serving paths give the same answers.
        extends: true,
        test: {
          name: "stock-adapters",
          include: ["apps/*/test/**/*.test.ts"],
          env: { FAST_PATH: "off" },
          globalSetup: [fileURLToPath(new URL("./global-setup.ts", import.meta.url))],
          setupFiles: [waitOutMidnight],
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          name: "tooling",
          include: ["tooling/test/**/*.test.ts"],
          sequence: { groupOrder: 2 },
        },
      },
    ],
    // On with `--coverage.enabled=true` (the bootstrap's `npm test`): a partial run would miss
    // the thresholds by construction.
    coverage: {
      enabled: false,
      provider: "v8",
      include: coverageInclude,
      exclude: coverageExclude,
      reportsDirectory: coverageDirectory,
      reporter: ["text-summary", "json-summary"],
      thresholds: coverageThresholds,
      // a run with failing tests still says where coverage stands
      reportOnFailure: true,
    },
  },
});
