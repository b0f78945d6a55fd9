/**
 * `pnpm bench`: what our framework stack costs over the bare minimum, for one representative read
 * (`clients.list`, 20 of 50 rows + a count). Three targets side by side in one run, interleaved
 * round by round because these machines are noisy; see README.md for how to read the numbers.
 */
import { existsSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";
import { dbConfigFromEnv, findRepoRoot } from "@fotostudio/db";
import { localDbPid } from "./cpu.js";
import { measure } from "./load.js";
import { parseOptions } from "./options.js";
import { type BenchConfig, formatTable, machineInfo, type Round, summarize, writeResults } from "./report.js";
import { BENCH_CLIENTS, BENCH_TENANT, buildServer, prepareTenant } from "./setup.js";
import { fetchPage, killChildrenNow, startApp, startBare, stopChildren, type Target } from "./targets.js";

const benchDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const progress = (message: string) => console.error(`[bench] ${message}`);

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const repoRoot = findRepoRoot(benchDir);
  if (!repoRoot) throw new Error("repository root (pnpm-workspace.yaml) not found");
  const startedAt = new Date();
  // Before the build: the commit the measured code came from, and the load the run started under.
  const machine = machineInfo(repoRoot);
  const config: BenchConfig = {
    duration: options.duration,
    warmup: options.warmup,
    connections: options.connections,
    pipelining: 1,
    rounds: options.rounds,
    tenant: BENCH_TENANT,
    clients: BENCH_CLIENTS,
  };

  progress(`tenant "${BENCH_TENANT}" with ${BENCH_CLIENTS} clients`);
  const tenant = await prepareTenant(dbConfigFromEnv());
  if (options.build) {
    progress("building the server");
    buildServer(repoRoot);
  }
  const appEntry = join(repoRoot, "apps", "server", "dist", "main.js");
  if (!existsSync(appEntry)) throw new Error(`${appEntry} missing: run without --no-build`);

  mkdirSync(join(repoRoot, "bench-results"), { recursive: true });
  const appLog = join(repoRoot, "bench-results", "app-server.log");
  progress(`starting targets (app log: ${appLog})`);
  const targets = [await startBare(benchDir, tenant), ...(await startApp(repoRoot, appLog))];
  await verifySamePage(targets);
  const dbPid = localDbPid(repoRoot, tenant.serverUrl);

  const rounds: Round[] = [];
  for (let r = 0; r < options.rounds; r++) {
    // Rotate the order each round: A,B,C then B,C,A then C,A,B.
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

  const summary = summarize(targets, rounds);
  const file = writeResults(repoRoot, startedAt, {
    startedAt: startedAt.toISOString(),
    machine,
    config: { ...config, dbPoolSize: tenant.poolSize },
    targets: Object.fromEntries(targets.map((t) => [t.id, { label: t.label, path: new URL(t.url).pathname }])),
    rounds,
    summary: Object.fromEntries(summary.map((s) => [s.id, s])),
  });

  console.log(
    `\nclients.list, ${options.connections} connections, ${options.duration} s x ${options.rounds} rounds (median round)\n`,
  );
  console.log(formatTable(summary));
  console.log(`\nresults: ${file}`);

  const failures = summary.filter((s) => s.non2xxTotal > 0 || s.errorsTotal > 0);
  if (failures.length > 0) {
    console.error(`[bench] FAILED: non-2xx or errors under load from ${failures.map((f) => f.label).join(", ")}`);
    process.exitCode = 1;
  }
}

/** Every target must answer 200 with the same 20 clients: otherwise we would compare different work. */
async function verifySamePage(targets: Target[]): Promise<void> {
  const pages = await Promise.all(targets.map(fetchPage));
  const [first] = pages;
  pages.forEach((page, i) => {
    if (!isDeepStrictEqual(page, first)) {
      throw new Error(
        `${targets[i]?.label} answers a different page than ${targets[0]?.label}:\n` +
          `${JSON.stringify(page.results[0])}\nvs\n${JSON.stringify(first?.results[0])}`,
      );
    }
  });
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
