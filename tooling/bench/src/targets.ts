import type { ChildProcess } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { freePort, pidOf, startChild, tail, waitReady } from "./processes.js";
import { BENCH_USER, type BenchTenant, PAGE_SIZE } from "./setup.js";

export type TargetId = "floor" | "rest" | "trpc" | "floor-batch3" | "trpc-batch3";

export interface Target {
  id: TargetId;
  label: string;
  url: string;
  headers: Record<string, string>;
  /** The server process answering: its CPU time is read around each measurement. */
  pid: number;
  /** The floor this target's ratios are taken against (a floor names itself). */
  floor: TargetId;
  /** The `{count, page, pageSize, results}` pages inside this target's response body. */
  unwrap(body: unknown): unknown[];
}

export interface Page {
  count: number;
  page: number;
  pageSize: number;
  results: unknown[];
}

export interface App {
  base: string;
  pid: number;
  child: ChildProcess;
}

/** The pages the batched targets ask for in one request. */
export const BATCH_PAGES = [1, 2, 3];

/**
 * The node flags `npm start` runs the server with (apps/server/package.json "start"): the bench
 * starts the app as production does, and the floor under the same runtime settings, so a ratio
 * measures the framework, never a difference in how V8 was configured.
 */
export function serverNodeFlags(repoRoot: string): string[] {
  const pkg = JSON.parse(readFileSync(join(repoRoot, "apps", "server", "package.json"), "utf8")) as {
    scripts?: Record<string, string>;
  };
  const start = pkg.scripts?.start ?? "";
  const match = /\bnode((?:\s+--\S+)*)\s+dist\/main\.js\b/.exec(start);
  if (!match) throw new Error(`apps/server's start script does not run "node [--flags] dist/main.js": ${start}`);
  return (match[1] ?? "").trim().split(/\s+/).filter(Boolean);
}

/** The production build of the app, started as `npm start` starts it, logging every request as in production. */
export async function startApp(repoRoot: string, logFile: string, env: Record<string, string> = {}): Promise<App> {
  const port = await freePort();
  const log = openSync(logFile, "w");
  const args = [...serverNodeFlags(repoRoot), join(repoRoot, "apps", "server", "dist", "main.js")];
  const child = startChild(process.execPath, args, {
    cwd: repoRoot,
    env: {
      ...process.env,
      NODE_ENV: "production",
      LOG_LEVEL: "info",
      HOST: "127.0.0.1",
      PORT: String(port),
      ...env,
    },
    stdio: ["ignore", log, log],
  });
  closeSync(log);
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitReady(`${base}/health`, child, "app server");
  } catch (error) {
    throw new Error(`${(error as Error).message}\n--- ${logFile} (tail) ---\n${tail(logFile)}`);
  }
  return { base, pid: pidOf(child), child };
}

/** The app answers only logged-in users: one login per studio before measuring, its token on every request. */
export async function logIn(base: string, slug: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login/`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-tenant-id": slug },
    body: JSON.stringify(BENCH_USER),
  });
  if (res.status !== 200) throw new Error(`bench login to ${slug} failed: HTTP ${res.status} ${await res.text()}`);
  return ((await res.json()) as { access: string }).access;
}

export const studioHeaders = (slug: string, token: string) => ({
  "x-tenant-id": slug,
  authorization: `Bearer ${token}`,
});

const trpcData = (entry: unknown) => (entry as { result?: { data?: { json?: unknown } } }).result?.data?.json;
const input = (page: number) => ({ json: { page, pageSize: PAGE_SIZE } });

export function restPath(): string {
  return `/api/orders/?page=1&pageSize=${PAGE_SIZE}`;
}

/** REST, tRPC and tRPC batched, all from the one app process. */
export function appTargets(app: App, headers: Record<string, string>): Target[] {
  const batchInput = Object.fromEntries(BATCH_PAGES.map((page, i) => [i, input(page)]));
  const batchPath = `/trpc/${BATCH_PAGES.map(() => "orders.list").join(",")}`;
  return [
    {
      id: "rest",
      label: "REST (app)",
      url: `${app.base}${restPath()}`,
      headers,
      pid: app.pid,
      floor: "floor",
      unwrap: (b) => [b],
    },
    {
      id: "trpc",
      label: "tRPC (app)",
      url: `${app.base}/trpc/orders.list?input=${encodeURIComponent(JSON.stringify(input(1)))}`,
      headers,
      pid: app.pid,
      floor: "floor",
      unwrap: (b) => [trpcData(b)],
    },
    {
      id: "trpc-batch3",
      label: "tRPC batch of 3 (app)",
      url: `${app.base}${batchPath}?batch=1&input=${encodeURIComponent(JSON.stringify(batchInput))}`,
      headers,
      pid: app.pid,
      floor: "floor-batch3",
      unwrap: (b) => (Array.isArray(b) ? b.map(trpcData) : [undefined]),
    },
  ];
}

/**
 * The floor (bare-server.ts), run by node with tsx's loader (no tsx wrapper process) and the
 * app's node flags (serverNodeFlags).
 */
export async function startFloor(
  repoRoot: string,
  benchDir: string,
  tenant: BenchTenant,
  captureFile: string,
): Promise<Target[]> {
  const port = await freePort();
  const args = [...serverNodeFlags(repoRoot), "--import", "tsx", join(benchDir, "src", "bare-server.ts")];
  const child = startChild(process.execPath, args, {
    cwd: benchDir,
    env: {
      ...process.env,
      PORT: String(port),
      BENCH_DB_URL: tenant.serverUrl,
      BENCH_DB_NAME: tenant.databaseName,
      BENCH_DB_POOL: String(tenant.poolSize),
      BENCH_CAPTURE: captureFile,
    },
    stdio: ["ignore", 2, 2, "ipc"],
  });
  const base = `http://127.0.0.1:${port}`;
  await waitReady(`${base}/health`, child, "floor server");
  const pid = pidOf(child);
  return [
    {
      id: "floor",
      label: "floor (node:http+mysql2)",
      url: `${base}/orders`,
      headers: {},
      pid,
      floor: "floor",
      unwrap: (b) => [b],
    },
    {
      id: "floor-batch3",
      label: "floor batch of 3",
      url: `${base}/orders-batch3`,
      headers: {},
      pid,
      floor: "floor-batch3",
      unwrap: (b) => (Array.isArray(b) ? b : [undefined]),
    },
  ];
}

/** One request: 200 and full pages, or an error saying what came back instead. */
export async function fetchPages(target: Target, expectedCount: number): Promise<Page[]> {
  const res = await fetch(target.url, { headers: target.headers });
  const text = await res.text();
  if (res.status !== 200)
    throw new Error(`${target.label}: HTTP ${res.status} from ${target.url}\n${text.slice(0, 500)}`);
  const pages = target.unwrap(JSON.parse(text)) as (Page | undefined)[];
  const full = (p: Page | undefined): p is Page =>
    p !== undefined && Array.isArray(p.results) && p.results.length === PAGE_SIZE && p.count === expectedCount;
  if (pages.length === 0 || !pages.every(full)) {
    throw new Error(
      `${target.label}: expected full pages of ${PAGE_SIZE} of ${expectedCount}, got ${text.slice(0, 300)}${text.length > 300 ? "…" : ""}`,
    );
  }
  return pages as Page[];
}
