import { baseOf } from "@fotostudio/db";
import { LRUCache } from "lru-cache";
import type { ApiDeps } from "../../context.js";
import type { Effects } from "../../procedures/effects.js";
import { type Generations, processGenerations } from "../../sessions/generations.js";
import { InFlight } from "../../sessions/in-flight.js";
import { type CacheSync, fresh } from "../../sessions/relay.js";

/**
 * A studio's settings groups as the request path reads them (the time zone of every orders list,
 * the security policy of every login), remembered for a few seconds. Staleness as for sessions
 * (session-cache.ts): a change is seen at once on the node that made it, within the lifetime on
 * the others through `sync` (sessions/relay.ts).
 */
export interface SettingsCache {
  /** The group's values for the studio: remembered, or `load`ed (and remembered). */
  read<T>(tenantId: number, group: string, load: () => Promise<T>): Promise<T>;
  /** The studio's settings changed: every later read loads again. */
  changed(tenantId: number): void;
}

interface Entry {
  value: unknown;
  generation: number;
  filledAt: number;
}

export interface MemorySettingsCacheOptions {
  /** Seconds a read may be reused; 0 turns the cache off. */
  lifetimeSeconds: number;
  max?: number;
  generations?: Generations;
  /** As for sessions (session-cache.ts): the long lifetime only while the node hears the others. */
  sync?: CacheSync;
  now?: () => number;
}

export class MemorySettingsCache implements SettingsCache {
  private readonly entries: LRUCache<string, Entry>;
  private readonly lifetimeMs: number;
  private readonly generations: Generations;
  private readonly sync: CacheSync | undefined;
  private readonly now: () => number;
  private readonly loading = new InFlight<unknown>();

  constructor(options: MemorySettingsCacheOptions) {
    this.entries = new LRUCache({ max: options.max ?? 10_000 });
    this.lifetimeMs = options.lifetimeSeconds * 1000;
    this.generations = options.generations ?? processGenerations.settings;
    this.sync = options.sync;
    this.now = options.now ?? Date.now;
  }

  async read<T>(tenantId: number, group: string, load: () => Promise<T>): Promise<T> {
    if (this.lifetimeMs <= 0) return load();
    const key = `${tenantId}:${group}`;
    const generation = this.generations.of(tenantId);
    const entry = this.entries.get(key);
    // Entries hold what `load` returned for this key: the same group's type.
    if (entry && entry.generation === generation && fresh(this.now() - entry.filledAt, this.lifetimeMs, this.sync))
      return entry.value as T;
    // Reads of the group that miss together share one load (sessions/in-flight.ts).
    const value = (await this.loading.run(key, generation, load)) as T;
    // A write committed while we read may not be in what we read: answer it, do not keep it.
    if (this.generations.of(tenantId) === generation) {
      this.entries.set(key, { value, generation, filledAt: this.now() });
    }
    return value;
  }

  changed(tenantId: number): void {
    this.generations.bump(tenantId);
    this.sync?.changed(tenantId);
  }
}

/**
 * Which studio a pooled database is, and the cache its reads go through. Only the studio's own
 * database (what a query's handler gets) is registered: a mutation's transaction is another
 * executor, so its reads always reach the row (which it may have locked or changed), and no
 * service needs to know whether it runs in a query or a mutation.
 */
const registered = new WeakMap<object, { tenantId: number; cache: SettingsCache }>();

/** Reads of settings on `db` (the studio's pooled database, outside any transaction) go through `cache`. */
export function cacheSettingsOf(db: object, tenantId: number, cache: SettingsCache): void {
  const current = registered.get(db);
  if (current?.cache !== cache || current.tenantId !== tenantId) registered.set(db, { tenantId, cache });
}

/** The cache reads on `db` go through, or undefined (a transaction, an unregistered database). */
export function settingsCacheOf(db: object): { tenantId: number; cache: SettingsCache } | undefined {
  // A call's tagged view (@fotostudio/db query-tag.ts) reads through its studio's cache.
  return registered.get(baseOf(db));
}

/** The mutation writes the studio's settings: once it commits, every cached group of the studio is dropped. */
export function settingsChanged(ctx: { deps: Pick<ApiDeps, "caches">; tenant: { id: number }; effects: Effects }) {
  const { deps, tenant } = ctx;
  ctx.effects.afterCommit(async () => deps.caches.settings.changed(tenant.id));
}
