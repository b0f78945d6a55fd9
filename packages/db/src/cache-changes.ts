import { and, desc, gte, lt, ne, sql } from "drizzle-orm";
import { cacheChanges } from "./schema/control/cache-changes.js";
import type { ControlDatabase } from "./types.js";

export interface CacheChange {
  id: number;
  tenantId: number;
  kind: string;
  node: string;
  createdAt: Date;
}

/**
 * The row a write to tenants or domains appends (an app node's relay, the tenants CLI): every
 * node that reads it drops its tenant registry's answers, whichever studio changed.
 */
export const REGISTRY_CHANGED = { kind: "tenants", tenantId: 0 } as const;

/**
 * The control database's `cache_changes` table as app nodes use it: append a change, read what
 * other nodes appended since a moment of the control server's clock, prune old rows.
 */
export class CacheChangeLog {
  constructor(private readonly control: ControlDatabase) {}

  async append(changes: ReadonlyArray<{ tenantId: number; kind: string; node: string }>): Promise<void> {
    if (changes.length === 0) return;
    await this.control.insert(cacheChanges).values([...changes]);
  }

  /**
   * The control server's clock now, and the rows other nodes than `node` appended at or after
   * `since` (that clock). The clock is read first, so a later read from it misses nothing.
   */
  async since(since: Date | null, node: string): Promise<{ now: Date; changes: CacheChange[] }> {
    const [clock] = await this.control.select({ now: sql<string>`NOW(6)`.mapWith(toInstant) }).from(sql`DUAL`);
    if (!clock) throw new Error("the control server returned no clock");
    if (!since) return { now: clock.now, changes: [] };
    const changes = await this.control
      .select()
      .from(cacheChanges)
      .where(and(gte(cacheChanges.createdAt, since), ne(cacheChanges.node, node)))
      .orderBy(desc(cacheChanges.id))
      .limit(10_000);
    return { now: clock.now, changes };
  }

  /** Deletes rows older than `seconds` by the control server's clock. */
  async prune(seconds: number): Promise<void> {
    await this.control.delete(cacheChanges).where(lt(cacheChanges.createdAt, sql`NOW(6) - INTERVAL ${seconds} SECOND`));
  }
}

// mysql2 parses NOW(6) into a Date (pools read DATETIME as UTC); text only if a pool used dateStrings.
function toInstant(value: unknown): Date {
  return value instanceof Date ? value : new Date(`${String(value).replace(" ", "T")}Z`);
}
