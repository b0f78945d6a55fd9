import {
  type ApiDeps,
  type ChangeRelay,
  type Context,
  cacheSettingsOf,
  DEAF,
  type Generations,
  MemoryAttemptLimiter,
  MemorySessionCache,
  MemorySettingsCache,
} from "@fotostudio/api";
import type { DataLayer } from "@fotostudio/db";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Env } from "./env.js";
import type { Storage } from "./storage/storage.js";

export const SESSION_COOKIE = "fs_session";

export interface NodeCaches {
  /** How this node hears other nodes' changes; none: it hears nobody (caches keep 5 s at most). */
  relay?: ChangeRelay | undefined;
  generations?: { sessions: Generations; settings: Generations } | undefined;
}

/** Binds the API to the real data layer and this process's settings. */
export function createDeps(layer: DataLayer, env: Env, storage: Storage, node: NodeCaches = {}): ApiDeps {
  const trusted = new Set(env.CORS_ORIGINS);
  const resolve = layer.registry.resolverFor(env.BASE_DOMAIN);
  const lifetimeSeconds = env.SESSION_CACHE_SECONDS;
  const { relay, generations } = node;
  const caches = {
    sessions: new MemorySessionCache({
      lifetimeSeconds,
      sync: relay?.for("sessions") ?? DEAF,
      ...(generations && { generations: generations.sessions }),
    }),
    settings: new MemorySettingsCache({
      lifetimeSeconds,
      sync: relay?.for("settings") ?? DEAF,
      ...(generations && { generations: generations.settings }),
    }),
  };
  return {
    limits: {
      loginAccount: new MemoryAttemptLimiter(),
      loginIp: new MemoryAttemptLimiter(),
      // Studios' accounts follow their security settings; this is the operators' (and the IP's) policy.
      account: { max: env.LOGIN_MAX_FAILURES_PER_ACCOUNT, windowSeconds: env.LOGIN_WINDOW_SECONDS },
      ip: { max: env.LOGIN_MAX_FAILURES_PER_IP, windowSeconds: env.LOGIN_WINDOW_SECONDS },
    },
    isTrustedOrigin: (origin) => origin !== undefined && trusted.has(origin),
    // A studio's access lifetime (idle timeout) is its security setting; this one is the operators'.
    sessions: { accessTtl: env.SESSION_ACCESS_TTL_SECONDS, refreshTtl: env.SESSION_REFRESH_TTL_SECONDS },
    // Operator sessions and tenant administration (typed by operatorProcedure).
    platform: layer,
    storage,
    caches,
    openTenant: async (hint) => {
      const tenant = await resolve(hint);
      if (!tenant) return null;
      const db = layer.tenantDb(tenant);
      // Settings read on the studio's own database (not in a transaction) go through the cache.
      cacheSettingsOf(db, tenant.id, caches.settings);
      return { tenant, db };
    },
  };
}

/** The same context for tRPC and REST: both adapters call this with the Fastify request and reply. */
export function contextFromRequest(req: FastifyRequest, reply: FastifyReply, deps: ApiDeps, env: Env): Context {
  const tenantId = req.headers["x-tenant-id"];
  const authorization = req.headers.authorization;
  const bearer = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  const secure = env.NODE_ENV === "production";
  return {
    requestId: req.id,
    log: req.log,
    tenantHint: {
      tenantId: typeof tenantId === "string" && tenantId.trim() ? tenantId.trim() : undefined,
      host: req.headers.host,
    },
    credentials: { bearer, cookie: req.cookies[SESSION_COOKIE] || undefined },
    ip: req.ip,
    userAgent: req.headers["user-agent"],
    origin: req.headers.origin,
    http: {
      setSessionCookie: (token, opts) =>
        void reply.setCookie(SESSION_COOKIE, token, {
          httpOnly: true,
          sameSite: "lax",
          secure,
          path: "/",
          maxAge: opts.maxAgeSeconds,
        }),
      clearSessionCookie: () => void reply.clearCookie(SESSION_COOKIE, { path: "/" }),
    },
    deps,
  };
}
