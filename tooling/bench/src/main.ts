/**
 * `pnpm bench`: what our framework stack costs over the bare minimum, for the app's hottest read
 * (`orders.list`, page 1 of 200 orders, with client names and totals). The floor replays the SQL
 * the app was seen sending (captured from MariaDB's general log) and answers the same JSON; the
 * app answers over REST, tRPC and a tRPC batch of three pages. Side by side in one run, rounds
 * rotated because these machines are noisy; see README.md for how to read the numbers.
 * `--studios N` runs the many-studios mode instead (many.ts).
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";
import { dbConfigFromEnv, findRepoRoot } from "@fotostudio/db";
import { type Capture, captureSql, describeCapture } from "./capture.js";
import { localDbPid } from "./cpu.js";
import { measure } from "./load.js";
import { runManyStudios } from "./many.js";
import { type BenchOptions, parseOptions } from "./options.js";
import { killChildrenNow, stopChildren } from "./processes.js";
import { type BenchConfig, formatTable, machineInfo, type Round, summarize, writeResults } from "./report.js";
import { BENCH_DATA, BENCH_TENANT, buildServer, prepareTenant } from "./setup.js";
import {
  appTargets,
  fetchPages,
  logIn,
  type Page,
  startApp,
  startFloor,
  studioHeaders,
  type Target,
} from "./targets.js";
import { formatVerdicts, verdicts } from "./verdicts.js";

const INSTANT = /'\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)?'/g;
const benchDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const progress = (message: string) => console.error(`[bench] ${message}`);

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const repoRoot = findRepoRoot(benchDir);
  if (!repoRoot) throw new Error("repository root (pnpm-workspace.yaml) not found");
  const startedAt = new Date();
  // Before the build: the commit the measured code came from, and the load the run started under.
  const machine = machineInfo(repoRoot);
  mkdirSync(join(repoRoot, "bench-results"), { recursive: true });
  if (options.studios > 0) {
    if (options.build) buildApp(repoRoot);
    return runManyStudios({ repoRoot, options, startedAt, machine, progress });
  }

  progress(`tenant "${BENCH_TENANT}" with ${BENCH_DATA.clients} clients and ${BENCH_DATA.orders} orders`);
  const tenant = await prepareTenant(dbConfigFromEnv());
  if (options.build) buildApp(repoRoot);

  const appLog = join(repoRoot, "bench-results", "app-server.log");
  progress(`starting the app (log: ${appLog})`);
  const app = await startApp(repoRoot, appLog);
  const headers = studioHeaders(BENCH_TENANT, await logIn(app.base, BENCH_TENANT));
  const [rest, trpc, trpcBatch] = appTargets(app, headers) as [Target, Target, Target];

  const captures = await captureAll(tenant.serverUrl, { rest, trpc, trpcBatch });
  const captureFile = join(repoRoot, "bench-results", "captured-sql.json");
  writeFileSync(captureFile, `${JSON.stringify(captures, null, 2)}\n`);
  progress("starting the floor");
  const [floor, floorBatch] = (await startFloor(repoRoot, benchDir, tenant, captureFile)) as [Target, Target];
  const targets = [floor, rest, trpc, floorBatch, trpcBatch];
  await verifySamePages([floor, rest, trpc]);
  await verifySamePages([floorBatch, trpcBatch]);
  const dbPid = localDbPid(repoRoot, tenant.serverUrl);

  const rounds = await measureRounds(targets, options, dbPid);
  const summary = summarize(targets, rounds);
  const checks = verdicts(summary);
  const config: BenchConfig = {
    duration: options.duration,
    warmup: options.warmup,
    connections: options.connections,
    pipelining: 1,
    rounds: options.rounds,
    tenant: BENCH_TENANT,
    data: BENCH_DATA,
  };
  const file = writeResults(repoRoot, startedAt, {
    startedAt: startedAt.toISOString(),
    machine,
    config: { ...config, dbPoolSize: tenant.poolSize },
    targets: Object.fromEntries(
      targets.map((t) => [t.id, { label: t.label, path: new URL(t.url).pathname, floor: t.floor }]),
    ),
    capturedSql: captures,
    rounds,
    summary: Object.fromEntries(summary.map((s) => [s.id, s])),
    verdicts: checks,
  });

  console.log(
    `\norders.list, ${options.connections} connections, ${options.duration} s x ${options.rounds} rounds (median round)\n`,
  );
  console.log(formatTable(summary));
  console.log(`\n${formatVerdicts(checks)}`);
  console.log(`\nresults: ${file}`);

  const failures = summary.filter((s) => s.non2xxTotal > 0 || s.errorsTotal > 0);
  if (failures.length > 0) {
    console.error(`[bench] FAILED: non-2xx or errors under load from ${failures.map((f) => f.label).join(", ")}`);
    process.exitCode = 1;
  }
}

function buildApp(repoRoot: string): void {
  progress("building the server");
  buildServer(repoRoot);
  const appEntry = join(repoRoot, "apps", "server", "dist", "main.js");
  if (!existsSync(appEntry)) throw new Error(`${appEntry} missing after the build`);
}

/**
 * The SQL of one REST page and of one batch of three, from the app itself (capture.ts). tRPC's
 * single page is captured too: it should send what REST sends, and a difference is reported.
 */
async function captureAll(
  serverUrl: string,
  app: { rest: Target; trpc: Target; trpcBatch: Target },
): Promise<{ single: Capture; batch3: Capture; trpcSingle: Capture; trpcSendsWhatRestSends: boolean }> {
  const tag = `/*procedure='orders.list',tenant='${BENCH_TENANT}'*/`;
  const send = (target: Target) => async () => {
    const res = await fetch(target.url, { headers: target.headers });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${target.label}: HTTP ${res.status} while capturing its SQL`);
  };
  const single = await captureSql(serverUrl, tag, send(app.rest));
  const trpcSingle = await captureSql(serverUrl, tag, send(app.trpc));
  const batch3 = await captureSql(serverUrl, tag, send(app.trpcBatch));
  // The session lookup inlines the current time (`expires_at > '…'`): not a difference in the SQL.
  const texts = (c: Capture) => c.statements.map((s) => s.text.replace(INSTANT, "'<now>'"));
  const same = isDeepStrictEqual(texts(single), texts(trpcSingle));
  progress(describeCapture("captured SQL of GET /api/orders/ (the floor replays it)", single));
  progress(describeCapture("captured SQL of the tRPC batch of 3 (the batch floor replays it)", batch3));
  if (!same) progress(describeCapture("WARNING: tRPC's single page sends other SQL than REST", trpcSingle));
  return { single, batch3, trpcSingle, trpcSendsWhatRestSends: same };
}

/** Targets compared must answer 200 with the same pages: otherwise we would compare different work. */
async function verifySamePages(targets: Target[]): Promise<void> {
  const answers = await Promise.all(targets.map((t) => fetchPages(t, BENCH_DATA.orders)));
  const first = answers[0] ?? [];
  answers.forEach((pages, i) => {
    if (isDeepStrictEqual(pages, first)) return;
    // The first page and row that differ, both sides, so a mapping drift is easy to see.
    const n = Math.max(
      0,
      pages.findIndex((p, k) => !isDeepStrictEqual(p, first[k])),
    );
    const rows = pages[n]?.results ?? [];
    const k = Math.max(
      0,
      rows.findIndex((r, j) => !isDeepStrictEqual(r, first[n]?.results[j])),
    );
    const show = (p: Page | undefined) => JSON.stringify({ ...p, results: [p?.results[k]] });
    throw new Error(
      `${targets[i]?.label} answers other pages than ${targets[0]?.label} (page ${n + 1}, row ${k + 1}):\n` +
        `${show(pages[n])}\nvs\n${show(first[n])}`,
    );
  });
}

async function measureRounds(targets: Target[], options: BenchOptions, dbPid: number | undefined): Promise<Round[]> {
  const rounds: Round[] = [];
  for (let r = 0; r < options.rounds; r++) {
    // Rotate the order each round, so no target always goes first (or right after its floor).
    const order = targets.map((_, i) => targets[(i + r) % targets.length] as Target);
    const round: Round = { round: r + 1, order: order.map((t) => t.id), results: {} };
    for (const target of order) {
      progress(
        `round ${r + 1}/${options.rounds}: ${target.label} (${options.warmup} s warm-up + ${options.duration} s)`,
      );
      const m = await measure(target, options, dbPid);
      round.results[target.id] = m;
      progress(`  ${m.reqPerSec} req/s, p50 ${m.latencyMs.p50} ms, p99 ${m.latencyMs.p99} ms, non-2xx ${m.non2xx}`);
    }
    rounds.push(round);
  }
  return rounds;
}

// Children never outlive the harness: Ctrl-C, kill, error or normal end.
process.on("exit", killChildrenNow);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    progress(`${signal}: stopping the servers`);
    stopChildren().finally(() => process.exit(130));
  });
}

try {
  await main();
} catch (error) {
  console.error(`[bench] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
} finally {
  await stopChildren();
}
