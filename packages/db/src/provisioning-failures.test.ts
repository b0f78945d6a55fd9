import { randomBytes } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import type mysql from "mysql2/promise";
import { afterAll, describe, expect, it } from "vitest";
import { dbConfigFromEnv } from "./config.js";
import type { DataLayer } from "./data-layer.js";
import { applyMigrations, MigrationError } from "./migrations.js";
import { ProvisioningError, type ProvisionStep, provisionTenant, tenantBySlug } from "./provisioning.js";
import type { TenantRecord } from "./registry.js";
import { clients, users } from "./schema/tenant/index.js";
import { verifyPassword } from "./security/passwords.js";
import { listTenants } from "./tenant-admin.js";
import { migrateTenants, pendingTenants } from "./tenant-migrations.js";
import { createTestLayer, dropControlDatabase, dropTenant, uniqueSlug } from "./testing.js";

// Provisioning and tenant migrations when a release's migration fails, or two runs overlap. Each
// test has a control database of its own, and writes the "next release" (today's migrations plus
// one) to a temporary folder, as a deployment would ship it.

const layers: DataLayer[] = [];
const owners: DataLayer[] = [];
const dirs: string[] = [];

afterAll(async () => {
  for (const layer of owners) {
    for (const t of await listTenants(layer)) await dropTenant(layer, t.slug);
    await dropControlDatabase(layer);
  }
  for (const layer of layers) await layer.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Layers on a new control database: one per release (`undefined`: today's migrations). */
async function scratch<const R extends (string | undefined)[]>(...releases: R): Promise<{ [K in keyof R]: DataLayer }> {
  const controlDatabase = `fotostudio_control_pf_${randomBytes(4).toString("hex")}`;
  const base = dbConfigFromEnv();
  const result: DataLayer[] = [];
  for (const release of releases) {
    const layer = await createTestLayer({
      controlDatabase,
      migrationsDir: release ? { control: base.migrationsDir.control, tenant: release } : base.migrationsDir,
    });
    layers.push(layer);
    result.push(layer);
  }
  owners.push(result[0] as DataLayer);
  return result as { [K in keyof R]: DataLayer };
}

/** One more layer on `on`'s control database, with another release. */
async function layerOn(on: DataLayer, release: string): Promise<DataLayer> {
  const layer = await createTestLayer({
    controlDatabase: on.config.controlDatabase,
    migrationsDir: { control: on.config.migrationsDir.control, tenant: release },
  });
  layers.push(layer);
  return layer;
}

/** Today's tenant migrations plus `tag` with `statements`, in a folder of its own. */
function nextRelease(tag: string, statements: string[], dir?: string): string {
  const target = dir ?? mkdtempSync(join(tmpdir(), "fotostudio-next-"));
  if (!dir) {
    dirs.push(target);
    cpSync(dbConfigFromEnv().migrationsDir.tenant, target, { recursive: true });
  }
  const journalFile = join(target, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalFile, "utf8")) as { entries: { idx: number; tag: string }[] };
  const entries = journal.entries.filter((e) => e.tag !== tag);
  entries.push({ ...entries[0], idx: entries.length, tag } as { idx: number; tag: string });
  writeFileSync(journalFile, JSON.stringify({ ...journal, entries }));
  writeFileSync(join(target, `${tag}.sql`), statements.join("\n--> statement-breakpoint\n"));
  return target;
}

async function tenantOf(layer: DataLayer, slug: string): Promise<TenantRecord> {
  const found = await tenantBySlug(layer, slug);
  if (!found) throw new Error(`no tenant ${slug}`);
  return found;
}

async function progressOf(layer: DataLayer, t: TenantRecord) {
  const [rows] = (await layer.pools
    .client(t.serverName, t.databaseName)
    .query("SELECT version, statements_done, finished_at FROM `_schema_migrations` ORDER BY version")) as [
    mysql.RowDataPacket[],
  ];
  return rows.map((r) => [r.version, r.statements_done, r.finished_at !== null]);
}

async function columnsOf(layer: DataLayer, t: TenantRecord, table: string): Promise<string[]> {
  const [rows] = (await layer.pools
    .client(t.serverName, t.databaseName)
    .query(
      "SELECT column_name AS name FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = ?",
      [table],
    )) as [mysql.RowDataPacket[]];
  return rows.map((r) => r.name as string);
}

describe("provisioning with a failing migration", () => {
  it("stops at migrate with the statement named, keeps the progress; the fixed release finishes it", async () => {
    const release = nextRelease("0099_frame_sizes", [
      "ALTER TABLE `clients` ADD `frame_size` varchar(20)",
      "ALTER TABLE `clients` ADD `frame_depth` nonsense",
    ]);
    const [broken] = await scratch(release);
    const slug = uniqueSlug("pf");
    const owner = { email: `owner@${slug}.test`, password: "owner-password-1" };
    const steps: ProvisionStep[] = [];
    const error = await provisionTenant(broken, {
      slug,
      name: "Migración Rota",
      owner,
      onStep: (s) => void steps.push(s),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as Error).message).toMatch(/^migration 0099_frame_sizes failed at statement 2\/2: .*nonsense/);
    expect(steps).toEqual(["register", "database", "migrate"]);

    const halfDone = await tenantOf(broken, slug);
    expect(halfDone.status).toBe("provisioning");
    const n = broken.migrations.tenant.length;
    expect(await progressOf(broken, halfDone)).toEqual([
      ...Array.from({ length: n - 1 }, (_, i) => [i + 1, expect.any(Number), true]),
      [n, 1, false],
    ]);

    nextRelease(
      "0099_frame_sizes",
      ["ALTER TABLE `clients` ADD `frame_size` varchar(20)", "ALTER TABLE `clients` ADD `frame_depth` int"],
      release,
    );
    const fixed = await layerOn(broken, release);
    const done = await provisionTenant(fixed, { slug, name: "Migración Rota", owner });
    expect(done).toMatchObject({ id: halfDone.id, status: "active", schemaVersion: n });
    expect(await tenantOf(fixed, slug)).toMatchObject({ status: "active", schemaVersion: n });
    // Statement 1 was not run again (it would have failed: duplicate column); statement 2 was.
    expect(await progressOf(fixed, done)).toContainEqual([n, 2, true]);
    expect(await columnsOf(fixed, done, "clients")).toEqual(expect.arrayContaining(["frame_size", "frame_depth"]));
    const [row] = await fixed
      .tenantDb(done)
      .select({ hash: users.passwordHash })
      .from(users)
      .where(eq(users.email, owner.email));
    expect(await verifyPassword(row?.hash as string, owner.password)).toBe(true);
  });

  it("a weak owner password is refused before anything is registered", async () => {
    const [layer] = await scratch(undefined);
    for (const [password, reason] of [
      ["short", "Use at least 10 characters"],
      ["ana.maria.lopez", "The password cannot be your e-mail address"],
      ["xyxyxyxyxyxy", "Use more different characters"],
    ] as const) {
      const slug = uniqueSlug("pf");
      const error = await provisionTenant(layer, {
        slug,
        name: "Débil",
        owner: { email: "Ana.Maria.Lopez@studio.test", password },
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProvisioningError);
      expect(error).toMatchObject({ code: "WEAK_PASSWORD", message: `owner password: ${reason}` });
      expect(await tenantBySlug(layer, slug)).toBeNull();
    }
  });
});

describe("migrating tenants to a new release", () => {
  it("a migration failing on one studio's data: the others migrate; once fixed, the next run resumes it", async () => {
    const release = nextRelease("0099_unique_phone", [
      "ALTER TABLE `clients` ADD `code` varchar(20)",
      "CREATE UNIQUE INDEX `clients_phone_uq` ON `clients` (`phone`)",
    ]);
    const [today, next] = await scratch(undefined, release);
    const slugs = [uniqueSlug("pf"), uniqueSlug("pf"), uniqueSlug("pf")];
    for (const slug of slugs) await provisionTenant(today, { slug, name: `Studio ${slug}` });
    const [ok1, dup, ok2] = slugs as [string, string, string];
    const dupTenant = await tenantOf(today, dup);
    await today
      .tenantDb(dupTenant)
      .insert(clients)
      .values([
        { kind: "person", name: "Ana", phone: "+57 300 000 0000" },
        { kind: "person", name: "Ana (otra vez)", phone: "+57 300 000 0000" },
      ]);

    const n = next.migrations.tenant.length;
    expect((await pendingTenants(next)).map((t) => t.slug)).toEqual(slugs);
    const results = await migrateTenants(next, { concurrency: 2 });
    const bySlug = new Map(results.map((r) => [r.slug, r]));
    expect(bySlug.get(ok1)).toMatchObject({ ok: true, applied: 1, version: n });
    expect(bySlug.get(ok2)).toMatchObject({ ok: true, applied: 1, version: n });
    expect(bySlug.get(dup)).toMatchObject({
      ok: false,
      applied: 0,
      version: n - 1,
      error: expect.stringMatching(/^migration 0099_unique_phone failed at statement 2\/2: Duplicate entry/),
    });
    // The control database knows who is behind: only the failed tenant is pending.
    expect((await pendingTenants(next)).map((t) => t.slug)).toEqual([dup]);
    expect((await tenantOf(next, dup)).schemaVersion).toBe(n - 1);

    // The studio's duplicate is merged; the next run finishes the migration where it stopped.
    await today.tenantDb(dupTenant).delete(clients).where(eq(clients.name, "Ana (otra vez)"));
    const rerun = await migrateTenants(next);
    expect(rerun).toEqual([{ slug: dup, server: dupTenant.serverName, ok: true, applied: 1, version: n }]);
    expect(await progressOf(next, dupTenant)).toContainEqual([n, 2, true]);
    expect(await pendingTenants(next)).toEqual([]);
  });

  it("two migrate runs at once (two processes): every tenant migrated once, both report success", async () => {
    const release = nextRelease("0099_notes", ["ALTER TABLE `clients` ADD `internal_notes` text"]);
    const [today, first, second] = await scratch(undefined, release, release);
    const slugs = [uniqueSlug("pf"), uniqueSlug("pf")];
    for (const slug of slugs) await provisionTenant(today, { slug, name: `Studio ${slug}` });

    const [a, b] = await Promise.all([
      migrateTenants(first, { all: true, slugs }),
      migrateTenants(second, { all: true, slugs }),
    ]);
    const n = first.migrations.tenant.length;
    for (const slug of slugs) {
      const runs = [...a, ...b].filter((r) => r.slug === slug);
      expect(runs.every((r) => r.ok && r.version === n)).toBe(true);
      expect(runs.reduce((sum, r) => sum + r.applied, 0)).toBe(1);
      const t = await tenantOf(first, slug);
      expect(t.schemaVersion).toBe(n);
      expect(await progressOf(first, t)).toContainEqual([n, 1, true]);
      expect(await columnsOf(first, t, "clients")).toContain("internal_notes");
    }
  });
});

describe("applyMigrations", () => {
  it("refuses a client that is not bound to a database (it would migrate whatever database is current)", async () => {
    const [layer] = await scratch(undefined);
    const serverLevel = layer.pools.client(layer.controlServer, null);
    await expect(applyMigrations(serverLevel, layer.migrations.tenant)).rejects.toThrow(
      "applyMigrations needs a database",
    );
  });
});
