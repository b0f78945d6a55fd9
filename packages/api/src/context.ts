import type { SettingsCache } from "./modules/config/settings.cache.js";
import type { SessionCache } from "./sessions/session-cache.js";

/**
 * The root context. Its type is part of the published `AppRouter` type, so it names no Drizzle
 * schema or server class: the tenant's database and the platform's data layer are opaque here and
 * typed once, by `tenantProcedure` and `platformProcedure` (trpc.ts).
 */
export interface Context {
  requestId: string;
  log: Logger;
  /** What the request says about its tenant; resolved lazily, only by procedures that need one. */
  tenantHint: TenantHint;
  /** The caller's credentials as sent; validated by `authedProcedure`. */
  credentials: Credentials;
  ip: string | undefined;
  userAgent: string | undefined;
  /** The `Origin` header (CSRF check of cookie-authenticated mutations). */
  origin: string | undefined;
  /** The session cookie, set by the auth router; the transport applies it. Services never see HTTP. */
  http: HttpBridge;
  deps: ApiDeps;
}

export interface TenantHint {
  /** The `X-Tenant-ID` header. */
  tenantId: string | undefined;
  /** The `Host` header. */
  host: string | undefined;
}

export interface Credentials {
  /** `Authorization: Bearer <token>`. */
  bearer: string | undefined;
  /** The session cookie. */
  cookie: string | undefined;
}

export interface CookieOptions {
  maxAgeSeconds: number;
}

export interface HttpBridge {
  setSessionCookie(token: string, opts: CookieOptions): void;
  clearSessionCookie(): void;
}

export interface ResolvedTenant {
  id: number;
  slug: string;
  name: string;
  status: "provisioning" | "active" | "suspended" | "archived";
  timeZone: string;
  currency: string;
  plan: string;
  businessType: string;
}

/** At most `max` failures within `windowSeconds` (sliding): past it the key waits until the window lets one go. */
export interface AttemptPolicy {
  max: number;
  windowSeconds: number;
}

/**
 * Counts failures per key (login attempts); in memory, or shared (Redis) later. The policy comes
 * with each call, not at construction: a studio's security settings set its accounts' limits.
 */
export interface AttemptLimiter {
  /** Seconds until `key` may try again under `policy`, or 0 when it may try now. */
  retryAfter(key: string, policy: AttemptPolicy): Promise<number>;
  /** Counts a failure, kept for the policy's window. */
  fail(key: string, policy: AttemptPolicy): Promise<void>;
  reset(key: string): Promise<void>;
}

/** A studio a request named, with its database (opaque here; typed by `tenantProcedure`). */
export interface OpenedTenant {
  tenant: ResolvedTenant;
  db: unknown;
}

/**
 * Where uploaded files go (avatars today; product photos and PDFs next). Keys carry their tenant
 * (`<slug>/<kind>/<random>.<ext>`); the server serves them at `/media/<key>` and owns reading.
 */
export interface FileStorage {
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** The stored bytes and their type (the printable documents embed the studio's logo). */
  get(key: string): Promise<{ body: AsyncIterable<Uint8Array>; contentType: string } | null>;
  delete(key: string): Promise<void>;
}

/** What the API needs from the platform; `apps/server` wires the real data layer in. */
export interface ApiDeps {
  /** The studio the hint names and its database, or null when none answers to it. */
  openTenant(hint: TenantHint): Promise<OpenedTenant | null>;
  storage: FileStorage;
  /**
   * Failed logins (and refreshes) per account and per IP. The per-IP policy is the process's; the
   * per-account one applies where no studio setting does (platform operators): a studio's accounts
   * follow its security settings (maxFailedLogins within lockoutMinutes).
   */
  limits: { loginAccount: AttemptLimiter; loginIp: AttemptLimiter; account: AttemptPolicy; ip: AttemptPolicy };
  /** Browser origins trusted for cookie-authenticated mutations. */
  isTrustedOrigin(origin: string | undefined): boolean;
  /**
   * Session lifetimes, in seconds. A studio's sessions take their access lifetime (the idle timeout)
   * from its security settings; `accessTtl` here is the platform operators'.
   */
  sessions: SessionSettings;
  /** The platform's data layer: control database, provisioning (opaque here; see `operatorProcedure`). */
  platform: unknown;
  /**
   * Answers of the request path remembered for a few seconds, per studio: token checks and
   * settings groups. In memory, per process; a change is seen at once on this node, and on the
   * others within seconds through the cache relay (sessions/relay.ts). The settings cache
   * is also registered with each studio's database when `openTenant` hands it out.
   */
  caches: { sessions: SessionCache; settings: SettingsCache };
}

export interface SessionSettings {
  accessTtl: number;
  refreshTtl: number;
}

export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}
