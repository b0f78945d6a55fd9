import { randomBytes } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DataLayer } from "../data-layer.js";
import { DEMO_PASSWORD } from "../demo.js";
import { provisionTenant, tenantBySlug } from "../provisioning.js";
import type { TenantRecord } from "../registry.js";
import { tenants } from "../schema/control/index.js";
import { roles, services, users } from "../schema/tenant/index.js";
import { verifyPassword } from "../security/passwords.js";
import { listTenants } from "../tenant-admin.js";
import { createTestLayer, dropControlDatabase, dropTenant, uniqueSlug } from "../testing.js";
import { cliWith } from "./cli-harness.js";

// `pnpm tenants migrate` and `dev-setup` in-process, each against a control database of its own:
// what they migrate is exactly what these tests registered there.

interface Scratch {
  layer: DataLayer;
  env: NodeJS.ProcessEnv;
  tenants: ReturnType<typeof cliWith>;
}

const scratches: DataLayer[] = [];
const dirs: string[] = [];
// Demo tenants' databases are the ones the dev bootstrap made; only their control rows are ours.
const DEMO_SLUGS = new Set(["demo", "norte"]);

async function scratchControl(): Promise<Scratch> {
  const controlDatabase = `fotostudio_control_cli_${randomBytes(4).toString("hex")}`;
  const layer = await createTestLayer({ controlDatabase });
  scratches.push(layer);
  const env = { ...process.env, CONTROL_DATABASE: controlDatabase };
  return { layer, env, tenants: cliWith(env) };
}

afterAll(async () => {
  for (const layer of scratches) {
    for (const t of await listTenants(layer)) {
      if (DEMO_SLUGS.has(t.slug)) await layer.control.delete(tenants).where(eq(tenants.slug, t.slug));
      else await dropTenant(layer, t.slug);
    }
    await dropControlDatabase(layer);
    await layer.close();
  }
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A migrations folder as the previous release shipped it: the tenant migrations but the last. */
function olderRelease(layer: DataLayer): string {
  const root = mkdtempSync(join(tmpdir(), "fotostudio-release-"));
  dirs.push(root);
  cpSync(layer.config.migrationsDir.control, join(root, "control"), { recursive: true });
  cpSync(layer.config.migrationsDir.tenant, join(root, "tenant"), { recursive: true });
  const journalFile = join(root, "tenant", "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalFile, "utf8")) as { entries: unknown[] };
  writeFileSync(journalFile, JSON.stringify({ ...journal, entries: journal.entries.slice(0, -1) }));
  return root;
}

async function tenantOf(layer: DataLayer, slug: string): Promise<TenantRecord> {
  const found = await tenantBySlug(layer, slug);
  if (!found) throw new Error(`no tenant ${slug}`);
  return found;
}

async function dropDatabaseOf(layer: DataLayer, slug: string): Promise<void> {
  const t = await tenantOf(layer, slug);
  await layer.pools.client(t.serverName, null).query("DROP DATABASE ??", [t.databaseName]);
}

const summary = /^(\d+) migrated, (\d+) up to date, (\d+) failed \(\d+\.\d\d s\)$/;

describe("migrate", () => {
  let s: Scratch;
  let latest: number;
  const [old, current, broken] = [uniqueSlug("old"), uniqueSlug("cur"), uniqueSlug("brk")];

  beforeAll(async () => {
    s = await scratchControl();
    latest = s.layer.migrations.tenant.length;
    // `old` was created by the previous release; the others by this one.
    const created = await cliWith({ ...s.env, MIGRATIONS_DIR: olderRelease(s.layer) })("create", old, "--name", "Old");
    expect(created.stdout).toContain(`schema v${latest - 1})`);
    await provisionTenant(s.layer, { slug: current, name: "Current" });
    await provisionTenant(s.layer, { slug: broken, name: "Broken" });
  });

  it("migrates only the tenants that are behind and records their new schema version", async () => {
    expect((await s.tenants("list")).stdout).toContain(`v${latest - 1} (behind, latest v${latest})`);
    const run = await s.tenants("migrate");
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.split("\n");
    expect(lines[0]).toBe(`✓ ${old} [primary] applied 1 migration (v${latest})`);
    expect(lines[1]?.match(summary)?.slice(1)).toEqual(["1", "0", "0"]);
    expect(lines).toHaveLength(2);
    expect((await tenantOf(s.layer, old)).schemaVersion).toBe(latest);
    expect((await s.tenants("list")).stdout).not.toContain("behind");

    const again = await s.tenants("migrate");
    expect(again.stdout).toMatch(/^0 migrated, 0 up to date, 0 failed/);
  });

  it("--all checks every tenant; a failing one is reported, the others still run, exit 1", async () => {
    // The control DB says `broken` is current, but its database is gone: only --all finds out.
    await dropDatabaseOf(s.layer, broken);
    expect((await s.tenants("migrate")).code).toBe(0);

    for (const concurrency of ["1", "3"]) {
      const run = await s.tenants("migrate", "--all", "--concurrency", concurrency);
      expect(run.code).toBe(1);
      const lines = run.stdout.split("\n");
      expect(lines.slice(0, 3).sort()).toEqual(
        [
          `· ${old} [primary] up to date (v${latest})`,
          `· ${current} [primary] up to date (v${latest})`,
          `✖ ${broken} [primary] Unknown database 'fotostudio_t_${broken.replace("-", "_")}'`,
        ].sort(),
      );
      expect(lines[3]?.match(summary)?.slice(1)).toEqual(["0", "2", "1"]);
    }
  });

  it("named slugs: only those, even when current; an unknown slug is refused before anything runs", async () => {
    const run = await s.tenants("migrate", current);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.split("\n")[0]).toBe(`· ${current} [primary] up to date (v${latest})`);
    expect(run.stdout.split("\n")[1]).toMatch(/^0 migrated, 1 up to date, 0 failed/);

    expect(await s.tenants("migrate", current, "no-such-tenant", "nor-this")).toEqual({
      code: 1,
      stdout: "",
      stderr: "✖ no tenant no-such-tenant, nor-this (TENANT_NOT_FOUND)",
    });
  });

  it("archived tenants are never migrated", async () => {
    expect((await s.tenants("archive", broken)).code).toBe(0);
    const run = await s.tenants("migrate", "--all");
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).not.toContain(broken);
    expect(run.stdout).toMatch(/0 migrated, 2 up to date, 0 failed/);
  });

  it("--concurrency must be a whole number from 1 to 64", async () => {
    for (const bad of ["0", "65", "1.5", "many"]) {
      expect(await s.tenants("migrate", "--concurrency", bad)).toEqual({
        code: 1,
        stdout: "",
        stderr: `✖ --concurrency: a whole number from 1 to 64, not "${bad}"`,
      });
    }
  });
});

describe("dev-setup", () => {
  it("refuses with NODE_ENV=production before touching the database", async () => {
    const name = `fotostudio_control_prod_${randomBytes(4).toString("hex")}`;
    const run = await cliWith({ ...process.env, CONTROL_DATABASE: name, NODE_ENV: "production" })("dev-setup");
    expect(run).toEqual({
      code: 1,
      stdout: "",
      stderr: "✖ dev-setup creates demo tenants: refusing with NODE_ENV=production",
    });
    const { layer } = await scratchControl();
    const [schemas] = (await layer.pools
      .client(layer.controlServer, null)
      .query("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?", [name])) as [unknown[]];
    expect(schemas).toEqual([]);
  });

  it("provisions the demo studios (finishing a half-done one), with their users; a rerun is one line", async () => {
    const s = await scratchControl();
    // An earlier dev-setup was killed while provisioning `demo`.
    await expect(
      provisionTenant(s.layer, {
        slug: "demo",
        name: "Estudio Fotográfico Demo",
        onStep: (step) => {
          if (step === "activate") throw new Error("killed");
        },
      }),
    ).rejects.toThrow("killed");
    const halfDone = await tenantOf(s.layer, "demo");

    const run = await s.tenants("dev-setup");
    expect(run).toEqual({ code: 0, stdout: "› tenants ready: demo, norte (created demo, norte)", stderr: "" });
    expect(await tenantOf(s.layer, "demo")).toMatchObject({ id: halfDone.id, status: "active" });
    for (const slug of ["demo", "norte"]) {
      const t = await tenantOf(s.layer, slug);
      expect(t).toMatchObject({ status: "active", schemaVersion: s.layer.migrations.tenant.length });
      const db = s.layer.tenantDb(t);
      // Migrated: the service catalog every studio starts with is there (the rest of the demo data
      // set comes through the API, from apps/server's demo script).
      expect((await db.select().from(services)).length).toBeGreaterThan(0);
      const [owner] = await db
        .select({ hash: users.passwordHash, role: roles.key })
        .from(users)
        .innerJoin(roles, eq(roles.id, users.roleId))
        .where(eq(users.email, `owner@${slug}.test`));
      expect(owner?.role).toBe("owner");
      expect(await verifyPassword(owner?.hash as string, DEMO_PASSWORD)).toBe(true);
    }

    expect(await s.tenants("dev-setup")).toEqual({ code: 0, stdout: "› tenants ready: demo, norte", stderr: "" });
  });

  it("migrates every tenant that is behind and reports the ones that fail, exit 1", async () => {
    const s = await scratchControl();
    expect((await s.tenants("dev-setup")).code).toBe(0);
    const [behind, broken] = [uniqueSlug("old"), uniqueSlug("brk")];
    await cliWith({ ...s.env, MIGRATIONS_DIR: olderRelease(s.layer) })("create", behind, "--name", "Old");
    await provisionTenant(s.layer, { slug: broken, name: "Broken" });
    await dropDatabaseOf(s.layer, broken);
    await s.layer.control.update(tenants).set({ schemaVersion: 0 }).where(eq(tenants.slug, broken));

    const run = await s.tenants("dev-setup");
    expect(run.code).toBe(1);
    const lines = run.stdout.split("\n");
    expect(lines[0]).toMatch(new RegExp(`^✖ ${broken} \\[primary\\] .*Unknown database`));
    expect(lines[1]).toBe("› tenants ready: demo, norte (migrated 1, 1 failed)");
    expect((await tenantOf(s.layer, behind)).schemaVersion).toBe(s.layer.migrations.tenant.length);
  });
});
