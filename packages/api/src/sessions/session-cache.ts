import { hashToken, sessionEngine } from "@fotostudio/db";
import { LRUCache } from "lru-cache";
import type { ApiDeps } from "../context.js";
import type { Effects } from "../procedures/effects.js";
import { type Generations, processGenerations } from "./generations.js";
import { InFlight } from "./in-flight.js";
import { type CacheSync, fresh } from "./relay.js";
import type { Authenticated } from "./user-sessions.js";

/** What a token check found: the session, and what says how long the answer holds. */
export interface ValidatedSession {
  auth: Authenticated;
  /** The access token's expiry, after any slide the check made. */
  expiresAt: Date;
  /** Seconds: the studio's access lifetime (idle timeout), which the token slides by. */
  accessTtl: number;
}

/**
 * Token checks of the request path, remembered for a few seconds (a hit sends no SQL). A token is
 * valid only in the studio that issued it, so answers are kept per studio.
 */
export interface SessionCache {
  /** The session behind `token` in the studio: remembered, or `validate`d (and remembered). */
  lookup(
    tenantId: number,
    token: string,
    validate: () => Promise<ValidatedSession | null>,
  ): Promise<Authenticated | null>;
  /** Something a remembered session carries changed in the studio: every later lookup validates. */
  changed(tenantId: number): void;
}

interface Entry {
  auth: Authenticated;
  generation: number;
  /** Epoch ms: when the answer was read (its lifetime counts from there). */
  filledAt: number;
  expiresAt: Date;
  accessTtl: number;
}

export interface MemorySessionCacheOptions {
  /** Seconds an answer may be reused; 0 turns the cache off. */
  lifetimeSeconds: number;
  max?: number;
  generations?: Generations;
  /**
   * How the node learns of other nodes' changes (relay.ts): answers last `lifetimeSeconds` only
   * while it hears them, DEAF_LIFETIME_MS otherwise. Without one, `lifetimeSeconds` always.
   */
  sync?: CacheSync;
  now?: () => number;
}

/**
 * The in-process implementation. An answer is reused only while the token is certainly valid
 * (expiry ahead) and no slide is due (more than half its lifetime left): otherwise the database
 * is asked, which slides the token and refreshes the entry, so sliding works as without a cache.
 *
 * Staleness: on this node a change is seen by the next request (the change bumps the studio's
 * generation after its commit). Other nodes hear of it through `sync` (relay.ts) within a few
 * seconds; a node that hears nobody keeps answers for DEAF_LIFETIME_MS at most.
 */
export class MemorySessionCache implements SessionCache {
  private readonly entries: LRUCache<string, Entry>;
  private readonly lifetimeMs: number;
  private readonly generations: Generations;
  private readonly sync: CacheSync | undefined;
  private readonly now: () => number;
  private readonly validating = new InFlight<ValidatedSession | null>();

  constructor(options: MemorySessionCacheOptions) {
    this.entries = new LRUCache({ max: options.max ?? 10_000 });
    this.lifetimeMs = options.lifetimeSeconds * 1000;
    this.generations = options.generations ?? processGenerations.sessions;
    this.sync = options.sync;
    this.now = options.now ?? Date.now;
  }

  async lookup(
    tenantId: number,
    token: string,
    validate: () => Promise<ValidatedSession | null>,
  ): Promise<Authenticated | null> {
    if (this.lifetimeMs <= 0) return (await validate())?.auth ?? null;
    const key = `${tenantId}:${hashToken(token)}`;
    const generation = this.generations.of(tenantId);
    const entry = this.entries.get(key);
    if (entry && entry.generation === generation && this.holds(entry)) return entry.auth;

    // Lookups of the token that miss together share one validation (in-flight.ts).
    const found = await this.validating.run(key, generation, validate);
    if (!found) {
      this.entries.delete(key);
      return null;
    }
    // A change committed while we read may not be in what we read: answer it, do not keep it.
    if (this.generations.of(tenantId) === generation) {
      this.entries.set(key, { ...found, generation, filledAt: this.now() });
    }
    return found.auth;
  }

  changed(tenantId: number): void {
    this.generations.bump(tenantId);
    this.sync?.changed(tenantId);
  }

  private holds(entry: Entry): boolean {
    const now = this.now();
    return (
      fresh(now - entry.filledAt, this.lifetimeMs, this.sync) &&
      now < entry.expiresAt.getTime() &&
      !sessionEngine.slideDue(entry.expiresAt, entry.accessTtl, new Date(now))
    );
  }
}

/**
 * The mutation changes what the studio's remembered sessions carry (a session ended, a user or a
 * role changed, the idle timeout): once it commits, every cached answer of the studio is dropped.
 */
export function sessionsChanged(ctx: { deps: Pick<ApiDeps, "caches">; tenant: { id: number }; effects: Effects }) {
  const { deps, tenant } = ctx;
  ctx.effects.afterCommit(async () => deps.caches.sessions.changed(tenant.id));
}
