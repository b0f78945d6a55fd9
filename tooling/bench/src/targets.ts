import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { BENCH_CLIENTS, BENCH_TENANT, BENCH_USER, type BenchTenant, PAGE_SIZE } from "./setup.js";

export type TargetId = "bare" | "rest" | "trpc";

export interface Target {
  id: TargetId;
  label: string;
  url: string;
  headers: Record<string, string>;
  /** The server process answering: its CPU time is read around each measurement. */
  pid: number;
  /** The `{count, page, pageSize, results}` page inside this target's response body. */
  unwrap(body: unknown): unknown;
}

export interface Page {
  count: number;
  page: number;
  pageSize: number;
  results: unknown[];
}

const children = new Set<ChildProcess>();

/** Target A: tooling/bench/src/bare-server.ts, run by node with tsx's loader (no tsx wrapper process). */
export async function startBare(benchDir: string, tenant: BenchTenant): Promise<Target> {
  const port = await freePort();
  const child = track(
    spawn(process.execPath, ["--import", "tsx", join(benchDir, "src", "bare-server.ts")], {
      cwd: benchDir,
      env: {
        ...process.env,
        PORT: String(port),
        BENCH_DB_URL: tenant.serverUrl,
        BENCH_DB_NAME: tenant.databaseName,
        BENCH_DB_POOL: String(tenant.poolSize),
      },
      stdio: ["ignore", 2, 2, "ipc"],
    }),
  );
  const base = `http://127.0.0.1:${port}`;
  await waitReady(`${base}/health`, child, "bare server");
  return {
    id: "bare",
    label: "A bare node:http+mysql2",
    url: `${base}/clients`,
    headers: {},
    pid: pid(child),
    unwrap: (b) => b,
  };
}

/** Targets B and C: one production build of the app, logging every request as in production. */
export async function startApp(repoRoot: string, logFile: string): Promise<Target[]> {
  const port = await freePort();
  const log = openSync(logFile, "w");
  const child = track(
    spawn(process.execPath, [join(repoRoot, "apps", "server", "dist", "main.js")], {
      cwd: repoRoot,
      env: { ...process.env, NODE_ENV: "production", LOG_LEVEL: "info", HOST: "127.0.0.1", PORT: String(port) },
      stdio: ["ignore", log, log],
    }),
  );
  closeSync(log);
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitReady(`${base}/health`, child, "app server");
  } catch (error) {
    throw new Error(`${(error as Error).message}\n--- ${logFile} (tail) ---\n${tail(logFile)}`);
  }
  const headers = { "x-tenant-id": BENCH_TENANT, authorization: `Bearer ${await logIn(base)}` };
  const input = encodeURIComponent(JSON.stringify({ json: {} }));
  return [
    { id: "rest", label: "B REST (app)", url: `${base}/api/clients/`, headers, pid: pid(child), unwrap: (b) => b },
    {
      id: "trpc",
      label: "C tRPC (app)",
      url: `${base}/trpc/clients.list?input=${input}`,
      headers,
      pid: pid(child),
      unwrap: (b) => (b as { result?: { data?: { json?: unknown } } }).result?.data?.json,
    },
  ];
}

/** One request: 200 and a full first page, or an error saying what came back instead. */
export async function fetchPage(target: Target): Promise<Page> {
  const res = await fetch(target.url, { headers: target.headers });
  const text = await res.text();
  if (res.status !== 200)
    throw new Error(`${target.label}: HTTP ${res.status} from ${target.url}\n${text.slice(0, 500)}`);
  const page = target.unwrap(JSON.parse(text)) as Page | undefined;
  if (!page || !Array.isArray(page.results) || page.results.length !== PAGE_SIZE || page.count !== BENCH_CLIENTS) {
    throw new Error(
      `${target.label}: expected ${PAGE_SIZE} results of ${BENCH_CLIENTS}, got ${text.slice(0, 300)}${text.length > 300 ? "…" : ""}`,
    );
  }
  return page;
}

/** SIGTERM every child still running, SIGKILL after 5 s. */
export async function stopChildren(): Promise<void> {
  await Promise.all(
    [...children].map(async (child) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      const killed = await Promise.race([exited.then(() => true), sleep(5_000).then(() => false)]);
      if (!killed) child.kill("SIGKILL");
    }),
  );
  children.clear();
}

/** Last resort from a `process.on("exit")` handler, which cannot wait. */
export function killChildrenNow(): void {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
}

function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once("exit", () => children.delete(child));
  return child;
}

function pid(child: ChildProcess): number {
  if (child.pid === undefined) throw new Error("child process did not start");
  return child.pid;
}

async function waitReady(url: string, child: ChildProcess, name: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${name} exited during startup (${child.exitCode ?? child.signalCode})`);
    }
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`${name} not ready at ${url} after ${timeoutMs / 1000} s`);
}

/** A port nobody listens on right now (the OS picks it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      srv.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

/** The app answers only logged-in users: one login before measuring, its token on every request. */
async function logIn(base: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login/`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-tenant-id": BENCH_TENANT },
    body: JSON.stringify(BENCH_USER),
  });
  if (res.status !== 200) throw new Error(`bench login failed: HTTP ${res.status} ${await res.text()}`);
  return ((await res.json()) as { access: string }).access;
}
