import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type mysql from "mysql2/promise";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localConnectionUrl, startLocalMariaDB } from "../../../tooling/mariadb/local.mjs";
import { dbConfigFromEnv } from "./config.js";
import type { DataLayer } from "./data-layer.js";
import { ProvisioningError, type ProvisionStep, provisionTenant } from "./provisioning.js";
import { tenants } from "./schema/control/index.js";
import { clients } from "./schema/tenant/index.js";
import { migrateTenants, pendingTenants } from "./tenant-migrations.js";
import { createTestLayer, createTestTenant, dropControlDatabase, dropTenant, uniqueSlug } from "./testing.js";
import type { Database } from "./types.js";

let layer: DataLayer;
const created: string[] = [];

beforeAll(async () => {
  layer = await createTestLayer();
});

afterAll(async () => {
  for (const slug of created) await dropTenant(layer, slug);
  await layer.close();
});

function slug(prefix = "prov"): string {
  const s = uniqueSlug(prefix);
  created.push(s);
  return s;
}

async function databaseExists(l: DataLayer, server: string, database: string): Promise<boolean> {
  const [rows] = (await l.pools
    .client(server, null)
    .query("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?", [database])) as [
    mysql.RowDataPacket[],
  ];
  return rows.length === 1;
}

describe("provisionTenant", () => {
  it("is idempotent: a second call returns the same active tenant and redoes nothing", async () => {
    const first = await createTestTenant(layer, { slug: slug() });
    const steps: ProvisionStep[] = [];
    const second = await createTestTenant(layer, { slug: first.slug, onStep: (s) => void steps.push(s) });
    expect(second).toMatchObject({ id: first.id, status: "active", databaseName: first.databaseName });
    expect(steps).toEqual([]);
  });

  it("finishes on rerun a tenant whose provisioning failed in the middle", async () => {
    const s = slug();
    const seed = async (db: Database) => {
      if ((await db.select().from(clients)).length === 0)
        await db.insert(clients).values({ name: "Colegio San José", kind: "school" });
    };
    const failAtSeed = (step: ProvisionStep) => {
      if (step === "seed") throw new Error("killed during seed");
    };
    await expect(createTestTenant(layer, { slug: s, seed, onStep: failAtSeed })).rejects.toThrow("killed during seed");

    const [row] = await layer.control.select().from(tenants).where(eq(tenants.slug, s));
    expect(row?.status).toBe("provisioning");
    expect((await layer.registry.bySlug(s))?.status).toBe("provisioning");

    const steps: ProvisionStep[] = [];
    const done = await createTestTenant(layer, { slug: s, seed, onStep: (step) => void steps.push(step) });
    expect(steps).toEqual(["register", "database", "migrate", "seed", "activate"]);
    expect(done).toMatchObject({ id: row?.id, status: "active", schemaVersion: layer.migrations.tenant.length });
    expect(await layer.registry.bySlug(s)).toMatchObject({
      status: "active",
      schemaVersion: layer.migrations.tenant.length,
    });
    expect(await databaseExists(layer, done.serverName, done.databaseName)).toBe(true);
    expect(await layer.tenantDb(done).select({ name: clients.name }).from(clients)).toEqual([
      { name: "Colegio San José" },
    ]);
  });

  it("regression: two provisioners racing for one new slug both end with the same tenant", async () => {
    const s = slug();
    // Both have looked the slug up (not found) before either registers: a real race, every time.
    let arrived = 0;
    let release = () => {};
    const bothArrived = new Promise<void>((r) => {
      release = r;
    });
    const barrier = async (step: ProvisionStep) => {
      if (step !== "register") return;
      if (++arrived === 2) release();
      await bothArrived;
    };
    const [a, b] = await Promise.all([
      createTestTenant(layer, { slug: s, onStep: barrier }),
      createTestTenant(layer, { slug: s, onStep: barrier }),
    ]);
    expect(a.id).toBe(b.id);
    expect(a.status).toBe("active");
  });

  it("rejects an invalid slug with INVALID_SLUG and a reserved one with SLUG_RESERVED", async () => {
    for (const bad of ["Demo", "a", "-demo", "demo_1", "x".repeat(42)]) {
      const error = await provisionTenant(layer, { slug: bad, name: "Bad" }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProvisioningError);
      expect((error as ProvisioningError).code).toBe("INVALID_SLUG");
    }
    await expect(provisionTenant(layer, { slug: "admin", name: "Nope" })).rejects.toMatchObject({
      code: "SLUG_RESERVED",
    });
  });
});

describe("migrateTenants", () => {
  it("applies nothing to up-to-date tenants, and one failing tenant does not stop the others", async () => {
    const group = [];
    for (let i = 0; i < 3; i++) group.push(await createTestTenant(layer, { slug: slug("mig") }));
    const slugs = group.map((t) => t.slug);
    expect(await pendingTenants(layer, { slugs })).toEqual([]);

    const current = await migrateTenants(layer, { all: true, slugs });
    expect(current.map((r) => [r.slug, r.ok, r.applied]).sort()).toEqual(slugs.map((s) => [s, true, 0]).sort());

    // The middle tenant's database vanishes behind the control DB's back.
    const [first, broken, last] = group as [(typeof group)[0], (typeof group)[0], (typeof group)[0]];
    await layer.pools.client(broken.serverName, null).query("DROP DATABASE ??", [broken.databaseName]);
    const results = await migrateTenants(layer, { all: true, slugs, concurrency: 1 });
    const bySlug = new Map(results.map((r) => [r.slug, r]));
    expect(results).toHaveLength(3);
    expect(bySlug.get(broken.slug)).toMatchObject({ ok: false, applied: 0, error: expect.stringMatching(/database/i) });
    expect(bySlug.get(first.slug)).toMatchObject({ ok: true, version: layer.migrations.tenant.length });
    expect(bySlug.get(last.slug)).toMatchObject({ ok: true, version: layer.migrations.tenant.length });
  });
});

// Two local servers: placement by fewest tenants. Needs the local MariaDB tooling, so it only
// runs when the tests use the local server (not an external DATABASE_URL / DB_SERVERS).
const localPort = Number(process.env.LOCAL_DB_PORT ?? 3307);
const external =
  Boolean(process.env.DB_SERVERS) ||
  (Boolean(process.env.DATABASE_URL) && process.env.DATABASE_URL !== localConnectionUrl(localPort));

describe("placement on two servers", () => {
  const title = "puts 4 new tenants 2 and 2 on two servers, each database only on its own server";
  it.skipIf(external)(
    external ? `${title} (skipped: DATABASE_URL/DB_SERVERS name an external server, no local second server)` : title,
    async () => {
      const second = await startLocalMariaDB({ port: localPort + 1 });
      const primaryUrl = dbConfigFromEnv().servers[0]?.url as string;
      const two = await createTestLayer({
        servers: [
          { name: "primary", url: primaryUrl },
          { name: "second", url: second.url },
        ],
        controlDatabase: `fotostudio_control_test_${randomBytes(4).toString("hex")}`,
      });
      const slugs = Array.from({ length: 4 }, () => uniqueSlug("place"));
      const placed: { slug: string; serverName: string; databaseName: string }[] = [];
      try {
        for (const slug of slugs) placed.push(await createTestTenant(two, { slug }));
        const perServer = (name: string) => placed.filter((t) => t.serverName === name).length;
        expect([perServer("primary"), perServer("second")]).toEqual([2, 2]);
        for (const t of placed) {
          const other = t.serverName === "primary" ? "second" : "primary";
          expect(await databaseExists(two, t.serverName, t.databaseName)).toBe(true);
          expect(await databaseExists(two, other, t.databaseName)).toBe(false);
          // The tenant's pool reaches it on its own server.
          expect(await two.tenantDb(t).select().from(clients)).toEqual([]);
        }
      } finally {
        for (const slug of slugs) await dropTenant(two, slug);
        await dropControlDatabase(two);
        await two.close();
      }
    },
  );
});
