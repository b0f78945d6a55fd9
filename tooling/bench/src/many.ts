/**
 * `pnpm bench -- --studios N`: does serving many studios cost throughput and memory? N studios
 * (bench-0001…, reused when they exist), one login each, then REST `orders.list` loaded twice per
 * round, rotated: every request to one studio, and requests spread round-robin over all N.
 */
import { join } from "node:path";
import { localDbPid } from "./cpu.js";
import { type LoadTarget, type Measurement, measure } from "./load.js";
import { appState, dbStatus, inBatches, kib, provisionStudios } from "./many-state.js";
import type { BenchOptions } from "./options.js";
import { markdownTable, round3, writeResults } from "./report.js";
import type { BenchTenant, DataSize } from "./setup.js";
import { logIn, restPath, startApp, studioHeaders } from "./targets.js";

/** Small studios: page 1 is still full (20 of 30), so the count statement runs as in the main run. */
export const MANY_DATA: DataSize = { clients: 10, orders: 30 };
/** The app's connection budget in this mode (packages/db config.ts): more studios, one pool per server. */
const DB_MAX_CONNECTIONS = "64";
/** Studios provisioned (or logged in to) at a time. */
const PARALLEL = 4;
/** Goal: spreading the load over N studios keeps ≥ 0.9× the throughput of one studio. */
const MIN_SPREAD_RATIO = 0.9;

interface Context {
  repoRoot: string;
  options: BenchOptions;
  startedAt: Date;
  machine: object;
  progress: (message: string) => void;
}

export async function runManyStudios({ repoRoot, options, startedAt, machine, progress }: Context): Promise<void> {
  const n = options.studios;
  const provisionStarted = performance.now();
  const studios = await provisionStudios(n, MANY_DATA, PARALLEL, progress);
  const provisionSeconds = Math.round((performance.now() - provisionStarted) / 100) / 10;
  progress(`${n} studios ready in ${provisionSeconds} s`);

  const appLog = join(repoRoot, "bench-results", "app-server-studios.log");
  const cacheEnv: Record<string, string> =
    options.sessionCache === null ? {} : { SESSION_CACHE_SECONDS: String(options.sessionCache) };
  const cacheLabel = `SESSION_CACHE_SECONDS=${options.sessionCache ?? "the app's default"}`;
  progress(`starting the app with DB_MAX_CONNECTIONS=${DB_MAX_CONNECTIONS} ${cacheLabel} (log: ${appLog})`);
  const app = await startApp(repoRoot, appLog, { DB_MAX_CONNECTIONS, ...cacheEnv });
  const first = studios[0] as BenchTenant;
  const url = `${app.base}${restPath()}`;
  const single: LoadTarget = {
    url,
    headers: {},
    pid: app.pid,
    rotate: [studioHeaders(first.slug, await logIn(app.base, first.slug))],
  };
  // One studio warm (JIT, its pool connections) before the "before" numbers: the growth after it is the others'.
  await measure(single, { ...options, warmup: 0, duration: Math.max(2, options.warmup) });
  const before = await appState(app, first.serverUrl);

  progress(`logging in to ${n} studios`);
  const tokens = await inBatches(studios, PARALLEL, (s) => logIn(app.base, s.slug));
  const spread: LoadTarget = {
    url,
    headers: {},
    pid: app.pid,
    rotate: studios.map((s, i) => studioHeaders(s.slug, tokens[i] as string)),
  };
  const dbPid = localDbPid(repoRoot, first.serverUrl);

  // Steady state is what the rounds compare: one request to every studio first (its Drizzle
  // instance, prepared pages, session and settings caches, MariaDB's table handles), timed apart
  // as the cold pass. Without it the first spread round is mostly first visits (issue 8 measured
  // 0.37× that way), which is the start-up cost of a studio, not the cost of serving many.
  progress(`first request to each of ${n} studios (cold pass)`);
  const coldStarted = performance.now();
  await inBatches(spread.rotate ?? [], PARALLEL * 2, async (headers) => {
    const response = await fetch(url, { headers });
    if (!response.ok) throw new Error(`cold pass: ${response.status} from ${headers["x-tenant-id"]}`);
    await response.arrayBuffer();
  });
  const coldPass = { studios: n, seconds: round3((performance.now() - coldStarted) / 1000) };
  progress(`  ${coldPass.seconds} s (${((coldPass.seconds * 1000 * PARALLEL * 2) / n).toFixed(1)} ms a studio)`);

  type Measured = Measurement & { statementsPerRequest: number; useSwitchesPerRequest: number };
  const rounds: { round: number; order: string[]; single?: Measured; spread?: Measured }[] = [];
  for (let r = 0; r < options.rounds; r++) {
    const order = r % 2 === 0 ? (["single", "spread"] as const) : (["spread", "single"] as const);
    const round: (typeof rounds)[number] = { round: r + 1, order: [...order] };
    for (const which of order) {
      progress(`round ${r + 1}/${options.rounds}: ${which === "single" ? "one studio" : `${n} studios round-robin`}`);
      const statusBefore = await dbStatus(first.serverUrl);
      const m = await measure(which === "single" ? single : spread, options, dbPid);
      const statusAfter = await dbStatus(first.serverUrl);
      // Statements MariaDB received per request; the counters also saw the warm-up, at about the
      // measured window's rate.
      const requests = Math.max(1, (m.requests * (options.duration + options.warmup)) / options.duration);
      const per = (name: string) => round3(((statusAfter[name] ?? 0) - (statusBefore[name] ?? 0)) / requests);
      round[which] = { ...m, statementsPerRequest: per("Questions"), useSwitchesPerRequest: per("Com_change_db") };
      progress(
        `  ${m.reqPerSec} req/s, p99 ${m.latencyMs.p99} ms, non-2xx ${m.non2xx}, statements/req ${per("Questions")} (USE ${per("Com_change_db")})`,
      );
    }
    rounds.push(round);
  }
  const after = await appState(app, first.serverUrl);

  const median = (which: "single" | "spread") => {
    const sorted = rounds.map((r) => r[which] as Measured).sort((a, b) => a.reqPerSec - b.reqPerSec);
    return sorted[Math.floor((sorted.length - 1) / 2)] as Measured;
  };
  const one = median("single");
  const all = median("spread");
  const ratio = round3(all.reqPerSec / one.reqPerSec);
  // The machine is shared by the load generator, the app and MariaDB: CPU per request (app +
  // database) is the steadier measure of what spreading costs.
  const cpu = (m: Measurement) => (m.serverCpuUsPerReq ?? Number.NaN) + (m.dbCpuUsPerReq ?? Number.NaN);
  const cpuRatio = round3(cpu(all) / cpu(one));
  const perStudioKib =
    before.rssKib !== undefined && after.rssKib !== undefined ? round3((after.rssKib - before.rssKib) / n) : undefined;
  const file = writeResults(repoRoot, startedAt, {
    mode: "studios",
    startedAt: startedAt.toISOString(),
    machine,
    config: {
      ...options,
      data: MANY_DATA,
      dbMaxConnections: Number(DB_MAX_CONNECTIONS),
      sessionCacheSeconds: options.sessionCache,
    },
    provisionSeconds,
    coldPass,
    rounds,
    before,
    after,
    summary: {
      single: one,
      spread: all,
      spreadVsSingle: ratio,
      cpuSpreadVsSingle: cpuRatio,
      rssPerStudioKib: perStudioKib,
    },
  });

  console.log(
    `\norders.list over REST, ${options.connections} connections, one studio vs ${n} studios (median round), ${cacheLabel}\n`,
  );
  const row = (label: string, m: Measured) => [
    label,
    m.reqPerSec.toFixed(0),
    m.latencyMs.p50.toFixed(2),
    m.latencyMs.p99.toFixed(2),
    String(m.non2xx),
    String(m.errors + m.timeouts),
    m.serverCpuUsPerReq?.toFixed(0) ?? "n/a",
    m.dbCpuUsPerReq?.toFixed(0) ?? "n/a",
    m.statementsPerRequest.toFixed(2),
    m.useSwitchesPerRequest.toFixed(2),
  ];
  console.log(
    markdownTable(
      [
        "target",
        "req/s",
        "p50 ms",
        "p99 ms",
        "non-2xx",
        "errors",
        "server CPU µs/req",
        "db CPU µs/req",
        "SQL/req",
        "USE/req",
      ],
      [row("one studio", one), row(`${n} studios round-robin`, all)],
    ),
  );
  console.log(
    `\nspread / single req/s: ${ratio.toFixed(2)}; CPU per request (app + database): ${cpuRatio.toFixed(2)}×`,
  );
  console.log(`cold pass (first request to each studio, ${PARALLEL * 2} at a time): ${coldPass.seconds} s`);
  console.log(`app pool connections: ${JSON.stringify(before.pools)} before, ${JSON.stringify(after.pools)} after`);
  console.log(
    `MariaDB Threads_connected (whole server): ${before.threadsConnected} before, ${after.threadsConnected} after`,
  );
  console.log(
    `MariaDB tables opened during the runs: ${after.openedTables - before.openedTables} (definitions: ${after.openedTableDefinitions - before.openedTableDefinitions})`,
  );
  console.log(
    `app RSS: ${kib(before.rssKib)} before, ${kib(after.rssKib)} after touching ${n} studios → ${perStudioKib?.toFixed(1) ?? "n/a"} KiB per cached studio`,
  );
  console.log(
    `${ratio >= MIN_SPREAD_RATIO ? "PASS" : "FAIL"}  spread over ${n} studios = ${ratio.toFixed(2)}× one studio's req/s (target ≥ ${MIN_SPREAD_RATIO})`,
  );
  console.log(`\nresults: ${file}`);
  const bad = rounds.some((r) =>
    [r.single, r.spread].some((m) => (m?.non2xx ?? 0) + (m?.errors ?? 0) + (m?.timeouts ?? 0) > 0),
  );
  if (bad) {
    console.error("[bench] FAILED: non-2xx or errors under load");
    process.exitCode = 1;
  }
}
