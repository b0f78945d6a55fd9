/**
 * The floor: `node:http` + one mysql2 pool on the tenant database, nothing else. It replays the
 * SQL the app was seen sending for the same request (capture.ts: the exact strings, in the app's
 * order and concurrency) and answers the same JSON, so the difference to the app is what the
 * framework stack costs. Started by targets.ts as a child; BENCH_CAPTURE names the capture file.
 *
 *   GET /orders         what `GET /api/orders/?page=1&pageSize=20` sends; the REST body
 *   GET /orders-batch3  what one batched tRPC GET of pages 1-3 sends; a JSON array of the 3 pages
 */
import { readFileSync } from "node:fs";
import { createServer, type ServerResponse } from "node:http";
import mysql, { type FieldPacket } from "mysql2/promise";
import type { Capture } from "./capture.js";
import { type Cell, pagesBody, type StatementResult } from "./floor-body.js";

const env = process.env;
const port = Number(env.PORT);
const captures = JSON.parse(readFileSync(required("BENCH_CAPTURE"), "utf8")) as Record<string, Capture>;
const pool = mysql.createPool({
  uri: required("BENCH_DB_URL"),
  database: required("BENCH_DB_NAME"),
  // The app's options (packages/db pools.ts), so both sides get the same rows back and do the
  // same work per statement (`trace: false`: no stack captured per query, as the app).
  connectionLimit: Number(env.BENCH_DB_POOL ?? 50),
  maxIdle: Number(env.BENCH_DB_POOL ?? 50),
  timezone: "Z",
  charset: "utf8mb4_unicode_ci",
  supportBigNumbers: true,
  decimalNumbers: false,
  trace: false,
});

async function run(capture: Capture, index: number): Promise<StatementResult> {
  const statement = capture.statements[index];
  if (!statement) throw new Error(`capture has no statement ${index}`);
  const options = { sql: statement.text, rowsAsArray: true };
  const [rows, fields] = statement.command === "Execute" ? await pool.execute(options) : await pool.query(options);
  return {
    text: statement.text,
    rows: Array.isArray(rows) ? (rows as Cell[][]) : [],
    fields: (fields ?? []) as FieldPacket[],
  };
}

const ignore = () => {};

/**
 * The captured statements in logged order; each is sent once the one before it on the same app
 * connection has answered (capture.ts `replayPlan`), so what the app awaited is awaited and what
 * it sent in parallel goes in parallel.
 */
async function replay(capture: Capture): Promise<StatementResult[]> {
  const sent: Promise<StatementResult>[] = [];
  for (let i = 0; i < capture.statements.length; i++) {
    const after = capture.after[i] ?? -1;
    if (after >= 0) await sent[after];
    const result = run(capture, i);
    // Rejections surface from Promise.all below; until then they are not "unhandled".
    result.catch(ignore);
    sent.push(result);
  }
  return Promise.all(sent);
}

const routes: Record<string, (now: Date) => Promise<string>> = {
  "/orders": async (now) => JSON.stringify(pagesBody(await replay(capture("single")), now)[0] ?? null),
  "/orders-batch3": async (now) => JSON.stringify(pagesBody(await replay(capture("batch3")), now)),
};

function capture(name: string): Capture {
  const found = captures[name];
  if (!found) throw new Error(`bare-server: no capture "${name}" in ${env.BENCH_CAPTURE}`);
  return found;
}

function send(res: ServerResponse, status: number, body: string) {
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(body),
  });
  res.end(body);
}

const server = createServer((req, res) => {
  const path = req.url?.split("?")[0] ?? "";
  if (path === "/health") return send(res, 200, '{"status":"ok"}');
  const route = req.method === "GET" ? routes[path] : undefined;
  if (!route) return send(res, 404, '{"code":"NOT_FOUND"}');
  route(new Date()).then(
    (body) => send(res, 200, body),
    (error: unknown) => {
      console.error(error);
      send(res, 500, '{"code":"INTERNAL"}');
    },
  );
});

let closing = false;
function shutdown() {
  if (closing) return;
  closing = true;
  server.close();
  server.closeAllConnections();
  pool.end().finally(() => process.exit(0));
}
process.once("SIGTERM", shutdown);
process.once("SIGINT", shutdown);
// Started with an IPC channel: when the harness dies, so do we.
process.once("disconnect", shutdown);

server.listen(port, "127.0.0.1");

function required(name: string): string {
  const value = env[name];
  if (!value) throw new Error(`bare-server: ${name} is not set`);
  return value;
}
