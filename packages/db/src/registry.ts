import { eq } from "drizzle-orm";
import { LRUCache } from "lru-cache";
import { dbServers, domains, type TenantStatus, tenants } from "./schema/control/index.js";
import type { ControlDatabase } from "./types.js";

/** What the request path needs to know about a tenant; safe to cache. */
export interface TenantRecord {
  id: number;
  slug: string;
  name: string;
  status: TenantStatus;
  plan: string;
  businessType: string;
  serverName: string;
  databaseName: string;
  schemaVersion: number;
  timeZone: string;
  currency: string;
}

export interface RegistryOptions {
  ttlMs: number;
  max: number;
  /** Unknown names are cached too (a scan of random subdomains must not hit the control DB). */
  negativeTtlMs?: number;
}

type Entry = { record: TenantRecord | null };

// Tries of one lookup that clears keep overtaking (a burst of changes): then its error stands.
const MAX_LOOKUPS = 3;

/**
 * Resolves a slug or a domain to its tenant through an LRU cache with TTL. Concurrent misses for
 * the same key share one query. Every write to tenants/domains in this process calls
 * `invalidate()`; other processes see a change after at most `ttlMs`, or within a few of their
 * relay's reads when the app relays it (`onInvalidate` here, `forget` there).
 */
export class TenantRegistry {
  private readonly cache: LRUCache<string, Entry>;
  private readonly listeners = new Set<() => void>();
  // How many times every answer was dropped: a lookup that fails across one is tried again.
  private clears = 0;

  constructor(
    private readonly control: ControlDatabase,
    options: RegistryOptions,
  ) {
    const negativeTtl = options.negativeTtlMs ?? Math.min(options.ttlMs, 5_000);
    this.cache = new LRUCache<string, Entry>({
      max: options.max,
      ttl: Math.max(options.ttlMs, 1),
      fetchMethod: async (key, _stale, { options: entryOptions }) => {
        const record = await this.load(key);
        if (!record) entryOptions.ttl = Math.max(negativeTtl, 1);
        return { record };
      },
    });
  }

  bySlug(slug: string): Promise<TenantRecord | null> {
    return this.lookup(`slug:${slug.toLowerCase()}`);
  }

  byDomain(domain: string): Promise<TenantRecord | null> {
    return this.lookup(`domain:${domain.toLowerCase()}`);
  }

  /**
   * lru-cache's clear() aborts the fetches in flight (they reject with "deleted"): a lookup that
   * an invalidate() or forget() overtook is read again — what it was reading may predate the
   * change — instead of failing the request (a 500 when another node's change lands mid-lookup).
   */
  private async lookup(key: string): Promise<TenantRecord | null> {
    for (let attempt = 1; ; attempt++) {
      const clears = this.clears;
      try {
        return (await this.cache.fetch(key))?.record ?? null;
      } catch (error) {
        if (this.clears === clears || attempt === MAX_LOOKUPS) throw error;
      }
    }
  }

  /**
   * `X-Tenant-ID` wins; else a subdomain of `baseDomain`; else a custom domain.
   * Returns null when nothing names a tenant or the name is unknown.
   */
  async resolve(input: { tenantId?: string | undefined; host?: string | undefined; baseDomain?: string | undefined }) {
    if (input.tenantId) return this.bySlug(input.tenantId);
    const host = input.host?.toLowerCase().replace(/:\d+$/, "").replace(/\.$/, "");
    if (!host) return null;
    const base = input.baseDomain?.toLowerCase();
    if (base && host.endsWith(`.${base}`)) {
      const sub = host.slice(0, -(base.length + 1));
      return sub && !sub.includes(".") ? this.bySlug(sub) : null;
    }
    return this.byDomain(host);
  }

  /**
   * Resolution for a deployment whose studios answer at `<slug>.<baseDomain>`: the hint a request
   * gives (its `X-Tenant-ID`, its Host), resolved as `resolve` does.
   */
  resolverFor(baseDomain: string | undefined) {
    return (hint: { tenantId?: string | undefined; host?: string | undefined }) =>
      this.resolve({ ...hint, baseDomain });
  }

  /** Tenants or domains changed here: every answer goes, and the listeners hear of it. */
  invalidate(): void {
    this.clear();
    for (const listener of this.listeners) listener();
  }

  /** Tenants or domains changed on another node (its relay said so): every answer goes, quietly. */
  forget(): void {
    this.clear();
  }

  private clear(): void {
    this.clears++;
    this.cache.clear();
  }

  /** Calls `listener` after each `invalidate()` of this registry; returns the unsubscribe. */
  onInvalidate(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async load(key: string): Promise<TenantRecord | null> {
    const [kind, value] = [key.slice(0, key.indexOf(":")), key.slice(key.indexOf(":") + 1)];
    const base = selectTenantRecords(this.control);
    const rows =
      kind === "slug"
        ? await base.where(eq(tenants.slug, value)).limit(1)
        : await base.innerJoin(domains, eq(domains.tenantId, tenants.id)).where(eq(domains.domain, value)).limit(1);
    return rows[0] ?? null;
  }
}

/** The query behind every TenantRecord (the registry's and the admin tools'); add a where clause. */
export function selectTenantRecords(control: ControlDatabase) {
  return control
    .select({
      id: tenants.id,
      slug: tenants.slug,
      name: tenants.name,
      status: tenants.status,
      plan: tenants.plan,
      businessType: tenants.businessType,
      serverName: dbServers.name,
      databaseName: tenants.databaseName,
      schemaVersion: tenants.schemaVersion,
      timeZone: tenants.timeZone,
      currency: tenants.currency,
    })
    .from(tenants)
    .innerJoin(dbServers, eq(dbServers.id, tenants.serverId));
}
