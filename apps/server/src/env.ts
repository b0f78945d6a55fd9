import { join } from "node:path";
import { findRepoRoot } from "@fotostudio/db";
import { z } from "zod";

const list = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  );

/** Everything the server reads from its environment, parsed once at boot. Database settings: @fotostudio/db config. */
export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  HOST: z.string().default("127.0.0.1"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Tenants answer at `<slug>.<BASE_DOMAIN>`; unset: only X-Tenant-ID and custom domains. */
  BASE_DOMAIN: z.string().optional(),
  /** Browser origins allowed to call the API with credentials. */
  CORS_ORIGINS: list,
  /** Behind a load balancer: trust X-Forwarded-* from it. */
  TRUST_PROXY: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true"),
  /**
   * Platform operators' access tokens (they slide: used within their second half, they live
   * another full period). A studio's users follow its security settings (config/security).
   */
  SESSION_ACCESS_TTL_SECONDS: z.coerce.number().int().min(60).default(3600),
  /** A login's hard end: refreshing never extends past it. */
  SESSION_REFRESH_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(300)
    .default(30 * 24 * 3600),
  /**
   * Seconds a token check and a studio's settings may be reused from this process's memory
   * (no SQL on a hit) while the node hears other nodes' changes (CACHE_SYNC_MS); 5 s at most
   * while it does not. A change is seen at once on the node that made it. 0 turns the caches off.
   */
  SESSION_CACHE_SECONDS: z.coerce.number().int().min(0).max(300).default(60),
  /**
   * Milliseconds between this node's reads of the other nodes' cache changes (the control
   * database's `cache_changes`): another node's logout or permission change is seen here within
   * about three of these. 0: the node hears nobody, and its caches keep answers 5 s at most.
   */
  CACHE_SYNC_MS: z.coerce.number().int().min(0).max(60_000).default(1_000),
  /**
   * Failed logins allowed per operator account, and per IP for everyone, within
   * LOGIN_WINDOW_SECONDS. A studio's accounts follow its security settings (config/security).
   */
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
  LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).default(50),
  LOGIN_WINDOW_SECONDS: z.coerce.number().int().min(1).default(900),
  /** General per-IP limit: generous, a studio's whole staff sits behind one IP. 0 turns it off. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(20_000),
  /**
   * Addresses the general limit never counts. Loopback by default: benchmarks and load tests run
   * there, and a reverse proxy on the same host without TRUST_PROXY would otherwise make every
   * studio one client. Set it empty to limit loopback too.
   */
  RATE_LIMIT_ALLOWLIST: z
    .string()
    .default("127.0.0.1,::1,::ffff:127.0.0.1")
    .transform((v) =>
      v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  /**
   * `on`: tRPC and REST are served by our own Fastify routes calling the procedures directly
   * (adapters/*-fast.ts); `off`: by the stock tRPC plugin and trpc-to-openapi's handler. Same
   * answers either way (the end-to-end suite runs on both); `off` is the escape hatch.
   */
  FAST_PATH: z
    .enum(["on", "off"])
    .default("on")
    .transform((v) => v === "on"),
  /** Uploaded files (avatars), by the default local-directory storage. */
  STORAGE_DIR: z.string().default(() => join(findRepoRoot() ?? process.cwd(), ".data", "storage")),
});

export type Env = z.infer<typeof envSchema>;

export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment:\n${lines}`);
  }
  return result.data;
}
