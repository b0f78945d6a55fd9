// `npm test`: one vitest run over the whole repo, then one plain closing line `N passed, N failed`
// (what CI reads: vitest's own summary is not in a format it knows).
//
// No npm dependencies: this runs before `pnpm install`.

import fs from "node:fs";
import path from "node:path";
import { repoRoot } from "../mariadb/local.mjs";

const REPORT = path.join(repoRoot, ".data", "test-results.json");

/**
 * @param {(args: string[]) => Promise<number>} runPnpm
 * @param {string[]} extra  more vitest arguments (`npm test -- <filter>`)
 * @returns {Promise<number>} vitest's exit code
 */
export async function runTests(runPnpm, extra) {
  fs.mkdirSync(path.dirname(REPORT), { recursive: true });
  fs.rmSync(REPORT, { force: true });
  const code = await runPnpm([
    "exec",
    "vitest",
    "run",
    "--config",
    "tooling/vitest/vitest.config.ts",
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${REPORT}`,
    ...extra,
  ]);
  if (fs.existsSync(REPORT)) {
    process.stdout.write(`\n${testsLine(JSON.parse(fs.readFileSync(REPORT, "utf8")))}\n`);
  }
  return code;
}

/**
 * @param {{ numPassedTests: number, numFailedTests: number, numPendingTests: number,
 *   numTodoTests: number, testResults: { status: string, assertionResults: { status: string }[] }[] }} results
 */
export function testsLine(results) {
  const skipped = results.numPendingTests + results.numTodoTests;
  // A file that fails outside any test (a hook, an import) counts as one failure: it must not
  // read as "0 failed" while the run fails.
  const brokenFiles = results.testResults.filter(
    (file) => file.status === "failed" && !file.assertionResults.some((a) => a.status === "failed"),
  ).length;
  const failed = results.numFailedTests + brokenFiles;
  return `${results.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`;
}
