import { randomUUID } from "node:crypto";
import cookie from "@fastify/cookie";
import cors from "@fastify/cors";
import rateLimit from "@fastify/rate-limit";
import { AppError, appRouter, ChangeRelay, type Generations } from "@fotostudio/api";
import { CacheChangeLog, type DataLayer, pingControl, REGISTRY_CHANGED } from "@fotostudio/db";
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from "fastify";
import { registerErrorHandlers } from "./adapters/errors.js";
import { registerRest } from "./adapters/rest.js";
import { registerFastRest } from "./adapters/rest-fast.js";
import { registerTrpc } from "./adapters/trpc.js";
import { registerFastTrpc } from "./adapters/trpc-fast.js";
import { createDeps } from "./context.js";
import { registerDocs } from "./docs.js";
import type { Env } from "./env.js";
import { serverLogger } from "./logger.js";
import { registerAvatarRoutes } from "./routes/avatar.js";
import { registerDownloads } from "./routes/download.js";
import { registerLogoRoutes } from "./routes/logo.js";
import { registerPostmanRoute } from "./routes/postman.js";
import { registerSecurityHeaders } from "./security-headers.js";
import { LocalDirectoryStorage } from "./storage/local.js";
import type { Storage } from "./storage/storage.js";

export interface AppOptions {
  env: Env;
  layer: DataLayer;
  /** A ready pino logger (tests pass one writing to memory); default: pino with serverLogger(env). */
  loggerInstance?: FastifyBaseLogger;
  /** Where uploads go; default: the local directory STORAGE_DIR. */
  storage?: Storage;
  /**
   * This app's cache change counters. Default: the process's, shared by every app in it, which
   * then act as one node (tests run several); a test of several nodes gives each its own.
   */
  generations?: { sessions: Generations; settings: Generations };
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The HTTP app: one Fastify instance serving tRPC, REST, the OpenAPI document and health. */
export async function buildApp({
  env,
  layer,
  loggerInstance,
  storage,
  generations,
}: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    ...(loggerInstance ? { loggerInstance } : { logger: serverLogger(env) }),
    // Batched tRPC GETs put every procedure name in the path: the default 100 gives 414s.
    routerOptions: { maxParamLength: 5_000 },
    bodyLimit: env.BODY_LIMIT_BYTES,
    trustProxy: env.TRUST_PROXY,
    // One line per request from our onResponse hook instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    // A caller's X-Request-Id is kept (tracing across services) when it looks like an id.
    genReqId: (req) => {
      const given = req.headers["x-request-id"];
      return typeof given === "string" && REQUEST_ID.test(given) ? given : randomUUID();
    },
  });
  const files = storage ?? new LocalDirectoryStorage(env.STORAGE_DIR);
  const relay =
    env.CACHE_SYNC_MS > 0 && env.SESSION_CACHE_SECONDS > 0
      ? new ChangeRelay({
          log: new CacheChangeLog(layer.controlAs("cache.relay")),
          intervalMs: env.CACHE_SYNC_MS,
          logger: app.log,
          ...(generations && { generations }),
          listeners: { [REGISTRY_CHANGED.kind]: () => layer.registry.forget() },
        })
      : undefined;
  const deps = createDeps(layer, env, files, { relay, generations });
  if (relay) {
    // A suspension, a new domain, a migration made here reach the other nodes' registries too
    // (the registry does not know the relay; the tenant id is not needed: they drop every answer).
    const unsubscribe = layer.registry.onInvalidate(() =>
      relay.publish(REGISTRY_CHANGED.kind, REGISTRY_CHANGED.tenantId),
    );
    relay.start();
    app.addHook("onClose", async () => {
      unsubscribe();
      await relay.stop();
    });
  }

  registerErrorHandlers(app);
  await app.register(cookie);
  if (env.RATE_LIMIT_PER_MINUTE > 0) {
    // The general per-IP ceiling; logins have their own stricter counters (per account, per IP).
    await app.register(rateLimit, {
      max: env.RATE_LIMIT_PER_MINUTE,
      timeWindow: 60_000,
      allowList: (request) =>
        request.url === "/health" || request.url === "/ready" || env.RATE_LIMIT_ALLOWLIST.includes(request.ip),
      errorResponseBuilder: (_request, context) => {
        const seconds = Math.ceil(context.ttl / 1000);
        return new AppError("RATE_LIMITED", `Too many requests; retry in ${seconds} s`, { retryAfter: seconds });
      },
    });
  }
  registerSecurityHeaders(app, {
    // Local http (dev, /docs on 127.0.0.1) would break if browsers upgraded asset requests to https.
    contentSecurityPolicy: { directives: { upgradeInsecureRequests: env.NODE_ENV === "production" ? [] : null } },
  });
  await app.register(cors, {
    origin: env.CORS_ORIGINS,
    credentials: true,
    exposedHeaders: ["X-Request-Id"],
    allowedHeaders: ["Content-Type", "Authorization", "X-Tenant-ID", "X-Request-Id", "trpc-accept"],
    methods: ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"],
  });

  app.addHook("onRequest", async (request, reply) => {
    reply.header("x-request-id", request.id);
  });
  app.addHook("onResponse", async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        path: request.url.split("?")[0],
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
        tenant: request.headers["x-tenant-id"] ?? request.headers.host,
      },
      "request",
    );
  });

  app.get("/health", async () => ({ status: "ok" }));
  app.get("/ready", async (request, reply) => {
    try {
      await pingControl(layer);
      return { status: "ready", pools: layer.pools.stats() };
    } catch (error) {
      request.log.warn({ err: error }, "not ready: control database unreachable");
      return reply.code(503).send({ status: "unavailable", code: "DATABASE_UNAVAILABLE", requestId: request.id });
    }
  });

  const served = { router: appRouter, deps, env };
  if (env.FAST_PATH) {
    await registerFastTrpc(app, { ...served, prefix: "/trpc" });
    registerFastRest(app, { ...served, prefix: "/api" });
  } else {
    await registerTrpc(app, { ...served, prefix: "/trpc" });
    registerRest(app, { ...served, prefix: "/api" });
  }
  await registerAvatarRoutes(app, { router: appRouter, deps, env, storage: files });
  await registerLogoRoutes(app, { router: appRouter, deps, env });
  await registerDownloads(app, { router: appRouter, deps, env });
  await registerDocs(app);
  registerPostmanRoute(app, env);
  return app;
}
