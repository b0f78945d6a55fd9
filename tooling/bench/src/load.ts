import autocannon from "autocannon";
import { processCpuMs, stealWindow } from "./cpu.js";

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
  /** CPU the host gave other guests during the window, % of all cores' time (undefined without /proc). */
  stealPercent: number | undefined;
}

/**
 * One autocannon run of warm-up + duration on the same connections: the window opens after the
 * warm-up, with the server's (and database's) CPU time read around it, and holds the responses to
 * requests sent inside it. Why not a warm-up run and then a measured run: the second opened 50
 * new connections, and on a server at full CPU their first requests wait for Node to accept them,
 * one a loop turn (~45 ms): the last connection's first answer took 1.8 s, which is connection
 * setup, not the read, yet it was the measured p99 of every CPU-bound target (the tRPC batch
 * read 3.5× its floor; with its connections open, 1.7× its own p50).
 */
export async function measure(target: LoadTarget, settings: LoadSettings, dbPid?: number): Promise<Measurement> {
  const latencies: number[] = [];
  let window:
    | {
        opened: number;
        server: () => number | undefined;
        db: () => number | undefined;
        steal: () => number | undefined;
        loader: NodeJS.CpuUsage;
      }
    | undefined;
  const open = () => {
    window = {
      opened: performance.now(),
      server: cpuWindow(target.pid),
      db: cpuWindow(dbPid),
      steal: stealWindow(),
      loader: process.cpuUsage(),
    };
  };
  if (settings.warmup === 0) open();
  const opening = settings.warmup > 0 ? setTimeout(open, settings.warmup * 1000) : undefined;
  let requests = 0;
  const result = await run(target, settings.connections, settings.warmup + settings.duration, (statusCode, ms) => {
    if (!window || performance.now() - ms < window.opened) return;
    requests++;
    if (statusCode >= 200 && statusCode < 300) latencies.push(ms);
  });
  clearTimeout(opening);
  if (!window) throw new Error("the measured window never opened");
  const { opened, server, db, steal, loader: loaderBefore } = window;
  const wallMs = performance.now() - opened;
  const loader = process.cpuUsage(loaderBefore);
  const serverCpuMs = server();
  const dbCpuMs = db();
  const stealPercent = steal();

  const perRequest = (ms: number | undefined) =>
    ms === undefined || requests === 0 ? undefined : round((ms * 1000) / requests, 1);
  const percent = (ms: number | undefined) => (ms === undefined ? undefined : round((100 * ms) / wallMs, 1));
  latencies.sort((a, b) => a - b);
  return {
    requests,
    seconds: round(wallMs / 1000, 2),
    reqPerSec: round((requests * 1000) / wallMs, 1),
    latencyMs: {
      mean: round(latencies.reduce((s, v) => s + v, 0) / Math.max(1, latencies.length), 3),
      p50: percentile(latencies, 50),
      p90: percentile(latencies, 90),
      p99: percentile(latencies, 99),
      max: round(latencies.at(-1) ?? 0, 3),
    },
    // Over the whole run, warm-up included: any failure fails the run.
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    serverCpuUsPerReq: perRequest(serverCpuMs),
    serverCpuPercent: percent(serverCpuMs),
    dbCpuUsPerReq: perRequest(dbCpuMs),
    dbCpuPercent: percent(dbCpuMs),
    loaderCpuPercent: round((100 * (loader.user + loader.system)) / 1000 / wallMs, 1),
    stealPercent: stealPercent === undefined ? undefined : round(stealPercent, 1),
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
 * autocannon's own latency histogram has 1 ms resolution, too coarse for 1-3 ms answers, and
 * covers the whole run: every response (status, fractional ms) goes to `onResponse` instead.
 */
function run(
  target: LoadTarget,
  connections: number,
  seconds: number,
  onResponse: (statusCode: number, ms: number) => void,
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
    instance.on("response", (_client, statusCode, _bytes, responseTime) => onResponse(statusCode, responseTime));
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
