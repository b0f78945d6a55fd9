import { request as httpRequest } from "node:http";
import { Writable } from "node:stream";
import type { DataLayer } from "@fotostudio/db";
import { createTestLayer } from "@fotostudio/db/testing";
import type { FastifyInstance } from "fastify";
import pino from "pino";
import { type AppOptions, buildApp } from "../../src/app.js";
import { type Env, parseEnv } from "../../src/env.js";
import { loggerOptions } from "../../src/logger.js";

// `await using` needs Symbol.asyncDispose: Node 20.4+ has it; older runtimes get the symbol the
// TypeScript and esbuild helpers fall back to.
if (!Symbol.asyncDispose) Object.defineProperty(Symbol, "asyncDispose", { value: Symbol.for("Symbol.asyncDispose") });

export interface TestServer extends AsyncDisposable {
  url: string;
  app: FastifyInstance;
  layer: DataLayer;
  /** Every log line the server wrote, parsed. */
  logs: Record<string, unknown>[];
  close(): Promise<void>;
}

/** The real server on 127.0.0.1 (random port) over the real database; logs captured in memory. */
export async function startServer(
  envOverrides: Partial<Record<keyof Env, string>> = {},
  layer?: DataLayer,
  options: Pick<AppOptions, "generations"> = {},
) {
  // FAST_PATH passes through: the suite runs once on the fast path and once on the stock adapters.
  const env = parseEnv({ NODE_ENV: "test", LOG_LEVEL: "info", FAST_PATH: process.env.FAST_PATH, ...envOverrides });
  const dataLayer = layer ?? (await createTestLayer());
  const logs: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) logs.push(JSON.parse(line));
      done();
    },
  });
  // The server's own logger settings (redaction, error serializer), writing to memory.
  const logger = pino(loggerOptions(env), stream);
  const app = await buildApp({ env, layer: dataLayer, loggerInstance: logger, ...options });
  await app.listen({ host: "127.0.0.1", port: 0 });
  const address = app.server.address();
  if (!address || typeof address === "string") throw new Error("server has no TCP address");
  const close = async () => {
    await app.close();
    if (!layer) await dataLayer.close();
  };
  return {
    url: `http://127.0.0.1:${address.port}`,
    app,
    layer: dataLayer,
    logs,
    close,
    [Symbol.asyncDispose]: close,
  } satisfies TestServer;
}

/** `await using x = closing(resource)`: closes the resource (a data layer…) when the block ends. */
export function closing<T extends { close(): Promise<unknown> }>(resource: T): T & AsyncDisposable {
  return Object.assign(resource, { [Symbol.asyncDispose]: async () => void (await resource.close()) });
}

/** Logs in over REST and returns the access token. */
export async function login(base: string, tenant: string, email: string, password: string): Promise<string> {
  const res = await http(base, "POST", "/api/auth/login/", { tenant, body: { email, password } });
  if (res.status !== 200) throw new Error(`login ${email}@${tenant} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.access;
}

export interface HttpOptions {
  tenant?: string | undefined;
  token?: string | undefined;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

/** fetch + JSON with the tenant header; returns status, headers and parsed body. */
export async function http(base: string, method: string, path: string, opts: HttpOptions = {}) {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.tenant) headers["x-tenant-id"] = opts.tenant;
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body: string | undefined;
  if (opts.rawBody !== undefined) body = opts.rawBody;
  else if (opts.body !== undefined) body = JSON.stringify(opts.body);
  if (body !== undefined) headers["content-type"] ??= "application/json";
  const response = await fetch(`${base}${path}`, { method, headers, body });
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = text;
  }
  // biome-ignore lint/suspicious/noExplicitAny: test responses are inspected field by field
  return { status: response.status, headers: response.headers, body: json as any };
}

/** A GET through node:http: fetch() does not let a caller set the Host header. */
export function getWithHost(base: string, path: string, host: string, headers: Record<string, string> = {}) {
  // biome-ignore lint/suspicious/noExplicitAny: inspected field by field
  return new Promise<{ status: number; body: any }>((resolve, reject) => {
    const request = httpRequest(`${base}${path}`, { headers: { ...headers, host } }, (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk) => {
        text += chunk;
      });
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) }));
    });
    request.on("error", reject);
    request.end();
  });
}

/** The fields a 400 VALIDATION_ERROR names, in its order. */
export const issuePaths = (body: { issues?: { path: string }[] }) => (body.issues ?? []).map((i) => i.path);
