// What `npm test` measures and the floor it must not go under: read by vitest.config.ts and by
// the bootstrap (tooling/bootstrap/test-run.mjs), which prints the one-line verdict.
//
// No npm dependencies: the bootstrap imports this before `pnpm install`.

/** Minimum coverage, in percent, of the production code (`include` minus `exclude`). */
export const coverageThresholds = { lines: 90, branches: 80 };

/** Relative to the repository root. */
export const coverageDirectory = ".data/coverage";

export const coverageInclude = ["apps/*/src/**", "packages/*/src/**"];

export const coverageExclude = [
  "**/*.test.ts",
  "**/__snapshots__/**",
  "**/*.d.ts",
  // helpers for tests, and the sample studios only dev-setup creates: not production code
  "packages/db/src/testing.ts",
  "packages/db/src/cli/cli-harness.ts",
  "packages/db/src/demo.ts",
];
