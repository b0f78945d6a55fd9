import { sql } from "drizzle-orm";
import mysql from "mysql2/promise";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dbConfigFromEnv } from "./config.js";
import { createDataLayer, type DataLayer } from "./data-layer.js";
import type { TenantRecord } from "./registry.js";
import { clients } from "./schema/tenant/index.js";
import { createTestLayer, createTestTenant, dropDatabase, dropTenant, uniqueSlug } from "./testing.js";

// Tenants share one mysql2 pool per server; a connection is switched (USE) to the tenant's
// database on checkout. These tests run many tenants through few connections.
//
// Guaranteed on every checkout: the connection is in the tenant's database, and no transaction
// is open (Drizzle commits or rolls back before releasing). NOT reset between checkouts: user
// variables (@x), SET SESSION variables, temporary tables and GET_LOCK locks stay with the
// physical connection, and a raw `USE other_db` sent through a tenant's db desynchronises the
// pool's record of the current database. Tenant code must not create session state.

const TENANTS = 12;
// Named up front so that afterAll cleans up even after a provisioning that failed half-way.
const slugs = Array.from({ length: TENANTS }, () => uniqueSlug("pool"));
let tenants: TenantRecord[] = [];

beforeAll(async () => {
  const setup = await createTestLayer();
  try {
    tenants = await Promise.all(slugs.map((slug) => createTestTenant(setup, { slug })));
    for (const t of tenants) await setup.tenantDb(t).insert(clients).values({ name: t.slug });
  } finally {
    // Closed so that no connection of this layer sits in a test tenant's database (test b counts them).
    await setup.close();
  }
});

afterAll(async () => {
  const cleanup = await createTestLayer();
  // Every tenant is dropped even when one fails. MariaDB 10.11 now and then leaves a database of
  // this file (busy on many pooled connections) with only `audit_log.TRG-` in its directory, a
  // file it no longer knows, so every later DROP fails with "Directory not empty" (ER_DB_DROP_RMDIR);
  // that scratch database stays on the throwaway test server, reported, and fails nothing else.
  const failures: unknown[] = [];
  for (const slug of slugs) await dropTenant(cleanup, slug).catch((error: unknown) => failures.push(error));
  await cleanup.close();
  const errno = (e: unknown) => {
    const error = e as { errno?: number; cause?: { errno?: number } };
    return error.errno ?? error.cause?.errno;
  };
  const real = failures.filter((e) => errno(e) !== 1010);
  for (const e of failures) console.warn(`pools test cleanup: ${String(e)}`);
  if (real.length > 0) throw real[0];
});

/** A layer that never touches the control database: its connections only ever serve tenants. */
function tenantOnlyLayer(maxConnections: number): DataLayer {
  return createDataLayer({ ...dbConfigFromEnv(), maxConnections });
}

const pick = <T>(items: T[]): T => items[Math.floor(Math.random() * items.length)] as T;

async function namesIn(layer: DataLayer, t: TenantRecord): Promise<string[]> {
  return (await layer.tenantDb(t).select({ name: clients.name }).from(clients)).map((r) => r.name);
}

describe("tenant pools", () => {
  it("keeps tenants isolated under ~1,200 interleaved queries and transactions on 4 connections", async () => {
    const mine = tenants.slice(0, 6);
    const layer = await createTestLayer({ maxConnections: 4 });
    const crossReads: string[] = [];
    const inserted = new Map(mine.map((t) => [t.slug, 0]));
    try {
      for (let batch = 0; batch < 6; batch++) {
        await Promise.all(
          Array.from({ length: 200 }, async (_, i) => {
            const t = pick(mine);
            if (i % 20 === 0) {
              // Insert then read inside one transaction: both must hit the tenant's own database.
              inserted.set(t.slug, (inserted.get(t.slug) ?? 0) + 1);
              const seen = await layer.tenantDb(t).transaction(async (tx) => {
                await tx.insert(clients).values({ name: t.slug });
                return (await tx.select({ name: clients.name }).from(clients)).map((r) => r.name);
              });
              for (const name of seen) if (name !== t.slug) crossReads.push(`tx ${t.slug} saw ${name}`);
              return;
            }
            for (const name of await namesIn(layer, t)) if (name !== t.slug) crossReads.push(`${t.slug} saw ${name}`);
          }),
        );
      }
      expect(crossReads).toEqual([]);
      for (const t of mine) expect(await namesIn(layer, t)).toHaveLength(1 + (inserted.get(t.slug) ?? 0));
      expect(layer.pools.stats().every((s) => s.open <= 4)).toBe(true);
    } finally {
      await layer.close();
    }
  });

  it("never holds more physical connections than the budget, however many tenants are busy", async () => {
    const layer = tenantOnlyLayer(4);
    const url = dbConfigFromEnv().servers[0]?.url as string;
    const observer = await mysql.createConnection(url);
    const databases = tenants.map((t) => t.databaseName);
    const countOpen = async () => {
      const [[row]] = await observer.query<mysql.RowDataPacket[]>(
        "SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE DB IN (?)",
        [databases],
      );
      return Number(row?.n);
    };
    try {
      // A closed layer's connections (the test before, or beforeAll's) can stay in PROCESSLIST for
      // a moment after COM_QUIT while the server tears their threads down; a loaded machine once
      // counted one of those as a fifth connection. Start counting once they are gone.
      for (let waited = 0; (await countOpen()) > 0; waited += 20) {
        if (waited > 10_000) throw new Error("connections of an earlier layer never left the test databases");
        await new Promise((r) => setTimeout(r, 20));
      }
      let done = false;
      let maxSeen = 0;
      let maxStatsOpen = 0;
      const sampler = (async () => {
        while (!done) {
          maxSeen = Math.max(maxSeen, await countOpen());
          for (const s of layer.pools.stats()) maxStatsOpen = Math.max(maxStatsOpen, s.open);
          await new Promise((r) => setTimeout(r, 2));
        }
      })();
      const connectionIds = new Set<number>();
      const wrongDb: string[] = [];
      const work = Array.from({ length: 480 }, async (_, i) => {
        const t = tenants[i % TENANTS] as TenantRecord;
        const db = layer.tenantDb(t);
        if (i % 4 === 0) {
          const [rows] = (await db.execute(
            sql`SELECT SLEEP(0.05) AS s, DATABASE() AS d, CONNECTION_ID() AS c`,
          )) as unknown as [{ d: string; c: number }[]];
          const row = rows[0];
          if (row?.d !== t.databaseName) wrongDb.push(`${t.databaseName} ran in ${row?.d}`);
          connectionIds.add(Number(row?.c));
          return;
        }
        const names = new Set(await namesIn(layer, t));
        if ([...names].join() !== t.slug) wrongDb.push(`${t.slug} saw ${[...names].join()}`);
      });
      const settled = await Promise.allSettled(work);
      done = true;
      await sampler;

      expect(settled.filter((s) => s.status === "rejected")).toEqual([]);
      expect(wrongDb).toEqual([]);
      expect(maxSeen).toBeLessThanOrEqual(4);
      expect(maxStatsOpen).toBeLessThanOrEqual(4);
      expect(connectionIds.size).toBeLessThanOrEqual(4);
      // The counter does see this layer: after the burst all four connections are open and idle.
      expect(await countOpen()).toBe(4);
      expect(layer.pools.stats()).toEqual([{ server: layer.controlServer, limit: 4, open: 4, idle: 4, waiting: 0 }]);
    } finally {
      await observer.end();
      await layer.close();
    }
  });

  it("leaves no transaction or wrong database behind when a transaction throws (one shared connection)", async () => {
    const [a, b] = tenants as [TenantRecord, TenantRecord];
    const layer = tenantOnlyLayer(1);
    const probe = sql`SELECT @@in_transaction AS inTx, DATABASE() AS db, CONNECTION_ID() AS id`;
    type Probe = { inTx: number; db: string; id: number };
    const probeOf = async (t: TenantRecord) =>
      ((await layer.tenantDb(t).execute(probe)) as unknown as [Probe[]])[0][0] as Probe;
    try {
      let idInA = 0;
      const failed = layer.tenantDb(a).transaction(async (tx) => {
        await tx.insert(clients).values({ name: "ghost of a" });
        const [[row]] = (await tx.execute(probe)) as unknown as [Probe[]];
        expect(row?.inTx).toBe(1);
        idInA = Number(row?.id);
        throw new Error("boom");
      });
      await expect(failed).rejects.toThrow("boom");

      // Same physical connection, now serving B: B's database, no transaction carried over.
      expect(await probeOf(b)).toEqual({ inTx: 0, db: b.databaseName, id: idInA });
      expect(new Set(await namesIn(layer, b))).toEqual(new Set([b.slug]));
      // And A's insert was rolled back, not committed by some later statement.
      expect(await namesIn(layer, a)).not.toContain("ghost of a");
    } finally {
      await layer.close();
    }
  });

  it("sends a request's statements in a row on one connection, switched once (many studios, few connections)", async () => {
    const layer = tenantOnlyLayer(4);
    try {
      const [a, b] = tenants as [TenantRecord, TenantRecord];
      const threadOf = async (t: TenantRecord) => {
        const [rows] = (await layer
          .tenantDb(t)
          .execute(sql`SELECT CONNECTION_ID() AS id, DATABASE() AS db`)) as unknown as [{ id: number; db: string }[]];
        return rows[0] as { id: number; db: string };
      };
      // Statements one after another (a request's session check, page and count) take the
      // connection the studio's previous statement left, already switched: not the one another
      // studio's request, arriving in between, would otherwise pop from the pool (LIFO) and USE.
      const first = await threadOf(a);
      const [other, second] = await Promise.all([threadOf(b), threadOf(a)]);
      expect(second).toEqual(first);
      expect(first.db).toBe(a.databaseName);
      expect(other.db).toBe(b.databaseName);
      expect(other.id).not.toBe(first.id);
      // Released after one turn of the event loop: every connection is back in the pool.
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setImmediate(resolve));
      const [stats] = layer.pools.stats();
      expect(stats?.idle).toBe(stats?.open);
    } finally {
      await layer.close();
    }
  });

  it("regression: DROP DATABASE through the server client does not leave a stale 'current database'", async () => {
    // Dropping the database a connection is in resets it to no database; the pool must not
    // skip the next USE because it still remembers the old name.
    const layer = tenantOnlyLayer(1);
    const name = `fotostudio_scratch_${uniqueSlug("p").replace("-", "_")}`;
    const server = layer.pools.client(layer.controlServer, null);
    const scratch = layer.pools.client(layer.controlServer, name);
    try {
      await server.query("CREATE DATABASE ??", [name]);
      await scratch.query("CREATE TABLE t (id int)");
      // Through the server-level client, as the bug needed (retried: see dropDatabase).
      await dropDatabase(layer, layer.controlServer, name);
      await server.query("CREATE DATABASE ??", [name]);
      await scratch.query("CREATE TABLE t (id int)");
      const [rows] = (await scratch.query("SELECT DATABASE() AS db")) as [{ db: string }[]];
      expect(rows).toEqual([{ db: name }]);
    } finally {
      await dropDatabase(layer, layer.controlServer, name);
      await layer.close();
    }
  });
});
