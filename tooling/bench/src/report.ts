import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import type { LoadSettings, Measurement } from "./load.js";
import type { Target, TargetId } from "./targets.js";

export interface Round {
  round: number;
  /** Targets in the order they were loaded (rotated each round, so none always goes first). */
  order: TargetId[];
  results: Partial<Record<TargetId, Measurement>>;
}

export interface TargetSummary extends Measurement {
  id: TargetId;
  label: string;
  /** The floor this row is compared with (a floor row names itself: its ratios are 1). */
  floor: TargetId;
  /** The round whose req/s is the median of this target's rounds; the other numbers are from it. */
  medianRound: number;
  /** Median req/s over its floor's median req/s: 1 = as fast as the floor, 0.5 = half its throughput. */
  ratioToFloor: number;
  /** The same ratio within each round (the targets of one round ran back to back). */
  ratioToFloorPerRound: number[];
  /** p99 over the floor's p99 (median rounds): 2 = twice the floor's tail latency. */
  p99VsFloor: number;
  /** Server CPU µs/req over the floor's: what the stack burns per request beyond the same SQL. */
  cpuVsFloor: number | undefined;
  non2xxTotal: number;
  errorsTotal: number;
}

export function summarize(targets: Target[], rounds: Round[]): TargetSummary[] {
  const medians = new Map(
    targets.map((t) => {
      const measured = rounds.flatMap((r) =>
        r.results[t.id] ? [{ round: r.round, m: r.results[t.id] as Measurement }] : [],
      );
      const sorted = [...measured].sort((a, b) => a.m.reqPerSec - b.m.reqPerSec);
      const median = sorted[Math.floor((sorted.length - 1) / 2)];
      if (!median) throw new Error(`no measurement for ${t.id}`);
      return [t.id, { target: t, median, measured }] as const;
    }),
  );
  return [...medians.values()].map(({ target, median, measured }) => {
    const floor = medians.get(target.floor)?.median.m;
    const m = median.m;
    const cpu = m.serverCpuUsPerReq;
    const floorCpu = floor?.serverCpuUsPerReq;
    return {
      id: target.id,
      label: target.label,
      floor: target.floor,
      medianRound: median.round,
      ...m,
      ratioToFloor: round3(m.reqPerSec / (floor?.reqPerSec ?? Number.NaN)),
      ratioToFloorPerRound: rounds.map((r) =>
        round3((r.results[target.id]?.reqPerSec ?? 0) / (r.results[target.floor]?.reqPerSec ?? 1)),
      ),
      p99VsFloor: round3(m.latencyMs.p99 / (floor?.latencyMs.p99 ?? Number.NaN)),
      cpuVsFloor: cpu === undefined || !floorCpu ? undefined : round3(cpu / floorCpu),
      non2xxTotal: measured.reduce((s, x) => s + x.m.non2xx, 0),
      errorsTotal: measured.reduce((s, x) => s + x.m.errors + x.m.timeouts, 0),
    };
  });
}

export function formatTable(summaries: TargetSummary[]): string {
  const header = [
    "target",
    "req/s",
    "p50 ms",
    "p99 ms",
    "vs floor",
    "p99 vs floor",
    "CPU vs floor",
    "non-2xx",
    "errors",
    "server CPU µs/req",
    "server CPU %",
    "db CPU µs/req",
    "steal %",
  ];
  const rows = summaries.map((s) => [
    s.label,
    s.reqPerSec.toFixed(0),
    s.latencyMs.p50.toFixed(2),
    s.latencyMs.p99.toFixed(2),
    s.ratioToFloor.toFixed(2),
    s.p99VsFloor.toFixed(2),
    s.cpuVsFloor?.toFixed(2) ?? "n/a",
    String(s.non2xxTotal),
    String(s.errorsTotal),
    s.serverCpuUsPerReq?.toFixed(0) ?? "n/a",
    s.serverCpuPercent?.toFixed(0) ?? "n/a",
    s.dbCpuUsPerReq?.toFixed(0) ?? "n/a",
    s.stealPercent?.toFixed(1) ?? "n/a",
  ]);
  return markdownTable(header, rows);
}

/** A Markdown table, numbers right-aligned (the first column left). */
export function markdownTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(" | ")} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? `${"-".repeat(w + 1)}-` : `${"-".repeat(w + 1)}:`)).join("|")}|`;
  return [line(header), rule, ...rows.map(line)].join("\n");
}

export function machineInfo(repoRoot: string) {
  const cpu = cpus();
  return {
    cpuModel: cpu[0]?.model ?? "unknown",
    cpuCount: cpu.length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    loadAverageAtStart: loadavg().map(round3),
    ...gitState(repoRoot),
  };
}

/** Writes bench-results/bench-<timestamp>.json and bench-results/latest.json at the repo root. */
export function writeResults(repoRoot: string, startedAt: Date, doc: object): string {
  const dir = join(repoRoot, "bench-results");
  mkdirSync(dir, { recursive: true });
  const json = `${JSON.stringify(doc, null, 2)}\n`;
  const file = join(dir, `bench-${startedAt.toISOString().replaceAll(":", "-")}.json`);
  writeFileSync(file, json);
  writeFileSync(join(dir, "latest.json"), json);
  return file;
}

export type BenchConfig = LoadSettings & {
  rounds: number;
  pipelining: 1;
  tenant: string;
  data: { clients: number; orders: number };
};

function gitState(repoRoot: string): { commit?: string; dirty?: boolean } {
  try {
    const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: repoRoot, encoding: "utf8" }).trim();
    const status = execFileSync("git", ["status", "--porcelain"], { cwd: repoRoot, encoding: "utf8" });
    return { commit, dirty: status.trim().length > 0 };
  } catch {
    return {};
  }
}

export function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
