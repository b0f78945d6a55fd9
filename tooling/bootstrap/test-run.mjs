// `npm test`: one vitest run over the whole repo with coverage, then plain closing lines that CI
// reads (vitest's own summary is not in a format it knows):
//
//   coverage: lines 91.02% (min 90%), branches 80.4% (min 80%)     ← "below the minimum" when not
//   412 passed, 0 failed                                            ← always the last line
//
// No npm dependencies: this runs before `pnpm install`.

import fs from "node:fs";
import path from "node:path";
import { repoRoot } from "../mariadb/local.mjs";
import { coverageDirectory, coverageThresholds } from "../vitest/coverage.mjs";

const REPORT = path.join(repoRoot, ".data", "test-results.json");
const COVERAGE_SUMMARY = path.join(repoRoot, coverageDirectory, "coverage-summary.json");

/**
 * @param {(args: string[]) => Promise<number>} runPnpm
 * @param {string[]} extra  more vitest arguments (`npm test -- <filter>`; `--coverage.enabled=false`
 *                          turns coverage off for a partial run)
 * @returns {Promise<number>} exit code: vitest's, and 1 when coverage is below the minimum
 */
export async function runTests(runPnpm, extra) {
  fs.mkdirSync(path.dirname(REPORT), { recursive: true });
  fs.rmSync(REPORT, { force: true });
  fs.rmSync(COVERAGE_SUMMARY, { force: true });
  let code = await runPnpm([
    "exec",
    "vitest",
    "run",
    "--config",
    "tooling/vitest/vitest.config.ts",
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${REPORT}`,
    // on, unless the command line says otherwise (vitest rejects the option given twice)
    ...(extra.some((arg) => /^--(no-)?coverage(\.enabled)?(=|$)/.test(arg)) ? [] : ["--coverage.enabled=true"]),
    ...extra,
  ]);
  const coverage = coverageVerdict(extra);
  if (coverage) {
    process.stdout.write(`\n${coverage.line}\n`);
    if (!coverage.ok && code === 0) code = 1;
  }
  if (fs.existsSync(REPORT)) {
    process.stdout.write(`${coverage ? "" : "\n"}${testsLine(JSON.parse(fs.readFileSync(REPORT, "utf8")))}\n`);
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

/**
 * The coverage line from vitest's json-summary, or undefined when coverage was turned off.
 * @param {string[]} extra
 * @returns {{ ok: boolean, line: string } | undefined}
 */
function coverageVerdict(extra) {
  if (extra.some((arg) => /^--coverage(\.enabled)?=false$/.test(arg) || arg === "--no-coverage")) return undefined;
  /** @type {{ total?: Record<string, { pct: number }> }} */
  let summary;
  try {
    summary = JSON.parse(fs.readFileSync(COVERAGE_SUMMARY, "utf8"));
  } catch {
    // vitest stopped before its coverage report (a crash, a bad argument)
    return { ok: false, line: "coverage: not measured (the run stopped before the coverage report)" };
  }
  return coverageLine(summary.total ?? {});
}

/**
 * @param {Record<string, { pct: number }>} total
 * @returns {{ ok: boolean, line: string }}
 */
export function coverageLine(total) {
  const parts = [];
  let ok = true;
  for (const [metric, min] of Object.entries(coverageThresholds)) {
    const pct = total[metric]?.pct ?? 0;
    if (pct < min) ok = false;
    parts.push(`${metric} ${pct}% (min ${min}%)`);
  }
  return { ok, line: `coverage: ${parts.join(", ")}${ok ? "" : ": below the minimum"}` };
}
