import type { TargetSummary } from "./report.js";

/**
 * The targets of issue 8, per app row against its own floor: throughput at least 0.6× the floor's,
 * p99 at most 2× the floor's, server CPU per request at most 2× the floor's. A miss is printed,
 * never an exit code: only non-2xx answers and errors fail the run.
 */
export const GOALS = { minThroughput: 0.6, maxP99: 2, maxCpu: 2 } as const;

export interface Verdict {
  target: string;
  check: string;
  value: number | undefined;
  limit: string;
  pass: boolean;
}

export function verdicts(summaries: TargetSummary[]): Verdict[] {
  return summaries
    .filter((s) => s.id !== s.floor)
    .flatMap((s) => {
      const against = summaries.find((f) => f.id === s.floor)?.label ?? s.floor;
      return [
        {
          target: s.label,
          check: `req/s vs ${against}`,
          value: s.ratioToFloor,
          limit: `≥ ${GOALS.minThroughput}`,
          pass: s.ratioToFloor >= GOALS.minThroughput,
        },
        {
          target: s.label,
          check: `p99 vs ${against}`,
          value: s.p99VsFloor,
          limit: `≤ ${GOALS.maxP99}`,
          pass: s.p99VsFloor <= GOALS.maxP99,
        },
        {
          target: s.label,
          check: `server CPU/req vs ${against}`,
          value: s.cpuVsFloor,
          limit: `≤ ${GOALS.maxCpu}`,
          // Without /proc there is nothing to judge: not a pass.
          pass: s.cpuVsFloor !== undefined && s.cpuVsFloor <= GOALS.maxCpu,
        },
      ];
    });
}

export function formatVerdicts(list: Verdict[]): string {
  return list
    .map(
      (v) =>
        `${v.pass ? "PASS" : "FAIL"}  ${v.target}: ${v.check} = ${v.value?.toFixed(2) ?? "n/a"} (target ${v.limit})`,
    )
    .join("\n");
}
