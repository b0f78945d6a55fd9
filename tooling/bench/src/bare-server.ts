/**
 * Target A, the floor: `node:http` + a mysql2 pool on the tenant database, nothing else. It sends
 * the same two queries as `clients.list` and the same JSON body as `GET /api/clients/`, so the
 * difference to the app is what the framework stack costs. Started by targets.ts as a child.
 */
import { createServer, type ServerResponse } from "node:http";
import mysql, { type RowDataPacket } from "mysql2/promise";

const env = process.env;
const port = Number(env.PORT);
const pool = mysql.createPool({
  uri: required("BENCH_DB_URL"),
  database: required("BENCH_DB_NAME"),
  // The app's options (packages/db pools.ts), so both sides get the same rows back.
  connectionLimit: Number(env.BENCH_DB_POOL ?? 50),
  maxIdle: Number(env.BENCH_DB_POOL ?? 50),
  timezone: "Z",
  charset: "utf8mb4_unicode_ci",
  supportBigNumbers: true,
  decimalNumbers: false,
});

// What Drizzle sends for clients.list with the default input (placeholders filled client-side).
const LIST_SQL =
  "SELECT id, kind, name, tax_id, email, phone, address, notes, whatsapp_opt_in, created_at, updated_at" +
  " FROM clients ORDER BY name ASC, id ASC LIMIT ? OFFSET ?";
const COUNT_SQL = "SELECT COUNT(*) AS n FROM clients";
const PAGE_SIZE = 20;

async function listClients(): Promise<string> {
  const [[rows], [[total]]] = await Promise.all([
    pool.query<RowDataPacket[]>(LIST_SQL, [PAGE_SIZE, 0]),
    pool.query<RowDataPacket[]>(COUNT_SQL),
  ]);
  return JSON.stringify({
    count: Number(total?.n ?? 0),
    page: 1,
    pageSize: PAGE_SIZE,
    // Key order as the app's output schema, so the bodies compare equal byte for byte.
    results: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      name: r.name,
      taxId: r.tax_id,
      email: r.email,
      phone: r.phone,
      address: r.address,
      notes: r.notes,
      whatsappOptIn: r.whatsapp_opt_in === 1,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    })),
  });
}

function send(res: ServerResponse, status: number, body: string) {
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(body),
  });
  res.end(body);
}

const server = createServer((req, res) => {
  const path = req.url?.split("?")[0];
  if (path === "/health") return send(res, 200, '{"status":"ok"}');
  if (req.method !== "GET" || (path !== "/clients" && path !== "/clients/"))
    return send(res, 404, '{"code":"NOT_FOUND"}');
  listClients().then(
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
