import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

let ticksPerSecond: number | undefined;

function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/**
 * CPU time (user + system, all threads) a process has used so far, in milliseconds, from
 * /proc/<pid>/stat; undefined where there is no /proc (macOS). Resolution: one clock tick (10 ms),
 * nothing over a measured window of seconds.
 */
export function processCpuMs(pid: number): number | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return undefined;
  }
  // Field 2 (comm) may hold spaces and parentheses: count fields after its closing ")".
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // utime and stime are fields 14 and 15 of the whole line, so 12 and 13 after comm and state.
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) return undefined;
  return ((utime + stime) * 1000) / clockTicks();
}

/**
 * The pid of the local MariaDB (tooling/mariadb) when the tenant's server is that one, so its CPU
 * per request can be reported too; undefined for any other database server.
 */
export function localDbPid(repoRoot: string, serverUrl: string): number | undefined {
  const url = new URL(serverUrl);
  if (url.hostname !== "127.0.0.1" && url.hostname !== "localhost") return undefined;
  const file = join(repoRoot, ".data", "mariadb", url.port || "3306", "mariadbd.pid");
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, "utf8").trim());
  return Number.isInteger(pid) && processCpuMs(pid) !== undefined ? pid : undefined;
}

/**
 * Starts a window on the machine's CPU accounting (/proc/stat); calling the result ends it: the
 * share of all CPU time (every core) the hypervisor gave to other guests while this VM wanted to
 * run ("steal"), in percent, or undefined without /proc. A window with high steal measured a slow
 * host, not a slow build: two runs of one build differed by ±15 % on this project's VM.
 */
export function stealWindow(): () => number | undefined {
  const before = cpuTimes();
  return () => {
    const after = cpuTimes();
    if (!before || !after) return undefined;
    const total = after.total - before.total;
    return total > 0 ? (100 * (after.steal - before.steal)) / total : undefined;
  };
}

function cpuTimes(): { steal: number; total: number } | undefined {
  let line: string | undefined;
  try {
    line = readFileSync("/proc/stat", "utf8").split("\n", 1)[0];
  } catch {
    return undefined;
  }
  // "cpu  user nice system idle iowait irq softirq steal guest guest_nice" (guest time is already
  // counted in user and nice).
  const fields = line?.trim().split(/\s+/).slice(1, 9).map(Number) ?? [];
  if (fields.length < 8 || fields.some((n) => !Number.isFinite(n))) return undefined;
  return { steal: fields[7] as number, total: fields.reduce((sum, n) => sum + n, 0) };
}
