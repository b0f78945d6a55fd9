import autocannon from "autocannon";
import { processCpuMs } from "./cpu.js";

export interface LoadSettings {
  duration: number;
  warmup: number;
  connections: number;
}

/** What to load: one URL, with the same headers on every request or (many studios) the next of a list. */
export interface LoadTarget {
  url: string;
  headers: Record<string, string>;
  /** The server process answering: its CPU time is read around each measurement. */
  pid: number;
  /** Headers of request i: rotate[i % length], counted over all connections (round-robin). */
  rotate?: Record<string, string>[];
}

/** One measured window against one target. Latencies in ms, CPU in µs per request. */
export interface Measurement {
  requests: number;
  seconds: number;
  reqPerSec: number;
  latencyMs: { mean: number; p50: number; p90: number; p99: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  /** CPU the target's server process spent in the window, per request (undefined without /proc). */
  serverCpuUsPerReq: number | undefined;
  /** That CPU over the window's wall time: 100 = one core busy the whole time. */
  serverCpuPercent: number | undefined;
  /** The same for the database server, when it is the local MariaDB (same work for every target). */
  dbCpuUsPerReq: number | undefined;
  dbCpuPercent: number | undefined;
  /** The load generator (this process) shares the machine: how much of a core it took. */
  loaderCpuPercent: number;
}

/** Warm-up (discarded), then the measured window with the server's (and database's) CPU time read around it. */
export async function measure(target: LoadTarget, settings: LoadSettings, dbPid?: number): Promise<Measurement> {
  if (settings.warmup > 0) await run(target, settings.connections, settings.warmup);
  const latencies: number[] = [];
  const server = cpuWindow(target.pid);
  const db = cpuWindow(dbPid);
  const loaderBefore = process.cpuUsage();
  const started = performance.now();
  const result = await run(target, settings.connections, settings.duration, latencies);
  const wallMs = performance.now() - started;
  const loader = process.cpuUsage(loaderBefore);
  const serverCpuMs = server();
  const dbCpuMs = db();

  const requests = result.requests.total;
  const perRequest = (ms: number | undefined) =>
    ms === undefined || requests === 0 ? undefined : round((ms * 1000) / requests, 1);
  const percent = (ms: number | undefined) => (ms === undefined ? undefined : round((100 * ms) / wallMs, 1));
  latencies.sort((a, b) => a - b);
  return {
    requests,
    seconds: result.duration,
    reqPerSec: round(requests / result.duration, 1),
    latencyMs: {
      mean: round(latencies.reduce((s, v) => s + v, 0) / Math.max(1, latencies.length), 3),
      p50: percentile(latencies, 50),
      p90: percentile(latencies, 90),
      p99: percentile(latencies, 99),
      max: round(latencies.at(-1) ?? 0, 3),
    },
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    serverCpuUsPerReq: perRequest(serverCpuMs),
    serverCpuPercent: percent(serverCpuMs),
    dbCpuUsPerReq: perRequest(dbCpuMs),
    dbCpuPercent: percent(dbCpuMs),
    loaderCpuPercent: round((100 * (loader.user + loader.system)) / 1000 / wallMs, 1),
  };
}

/** Starts a CPU-time window on a process; calling the result ends it (ms, or undefined). */
function cpuWindow(pid: number | undefined): () => number | undefined {
  const before = pid === undefined ? undefined : processCpuMs(pid);
  return () => {
    const after = pid === undefined ? undefined : processCpuMs(pid);
    return before === undefined || after === undefined ? undefined : after - before;
  };
}

/**
 * autocannon's own latency histogram has 1 ms resolution, too coarse for 1-3 ms answers: every
 * response time (fractional ms) is collected from its `response` events instead.
 */
function run(
  target: LoadTarget,
  connections: number,
  seconds: number,
  latencies?: number[],
): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: target.url,
        headers: target.headers,
        connections,
        pipelining: 1,
        duration: seconds,
        ...(target.rotate ? { requests: [rotating(target.url, target.rotate)] } : {}),
      },
      (error: unknown, result) => (error ? reject(error) : resolve(result)),
    );
    if (latencies) {
      instance.on("response", (_client, statusCode, _bytes, responseTime) => {
        if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
      });
    }
  });
}

/** One request whose headers are rebuilt before every send (setupRequest), taking the next set in turn. */
function rotating(url: string, rotate: Record<string, string>[]): autocannon.Request {
  const { pathname, search } = new URL(url);
  let next = 0;
  return {
    method: "GET",
    path: `${pathname}${search}`,
    setupRequest: (request) => {
      const headers = rotate[next++ % rotate.length] ?? {};
      return { ...request, headers };
    },
  };
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return round(sorted[rank] ?? 0, 3);
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
