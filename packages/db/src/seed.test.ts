import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DataLayer } from "./data-layer.js";
import { DEMO_PASSWORD, seedDemoUsers } from "./demo.js";
import type { TenantRecord } from "./registry.js";
import { roles, users } from "./schema/tenant/index.js";
import { verifyPassword } from "./security/passwords.js";
import { ensureUser, roleIdByKey, SYSTEM_ROLES, seedTenantBase } from "./seed.js";
import { migrateTenants } from "./tenant-migrations.js";
import { createTestLayer, createTestTenant, dropTenant, uniqueSlug } from "./testing.js";
import type { Database } from "./types.js";

// Seeding is run again by every resumed provisioning and every `dev-setup`: each helper must be
// safe to repeat and must never overwrite what a studio changed.

let layer: DataLayer;
const created: string[] = [];

beforeAll(async () => {
  layer = await createTestLayer();
});

afterAll(async () => {
  for (const slug of created) await dropTenant(layer, slug);
  await layer.close();
});

/** A fresh tenant without users (roles seeded by provisioning). */
async function freshTenant(): Promise<{ tenant: TenantRecord; db: Database }> {
  const slug = uniqueSlug("seed");
  created.push(slug);
  const tenant = await createTestTenant(layer, { slug, owner: undefined });
  return { tenant, db: layer.tenantDb(tenant) };
}

const usersWithRoles = (db: Database) =>
  db
    .select({ id: users.id, email: users.email, name: users.name, hash: users.passwordHash, role: roles.key })
    .from(users)
    .innerJoin(roles, eq(roles.id, users.roleId))
    .orderBy(users.id);

describe("seedTenantBase", () => {
  it("gives every tenant the five system roles, once however often it runs", async () => {
    const { db } = await freshTenant();
    await seedTenantBase(db);
    await seedTenantBase(db);
    const rows = await db.select({ key: roles.key, isSystem: roles.isSystem }).from(roles).orderBy(roles.id);
    expect(rows).toEqual(SYSTEM_ROLES.map((r) => ({ key: r.key, isSystem: true })));
    expect(await roleIdByKey(db, "viewer")).toBeGreaterThan(0);
    await expect(roleIdByKey(db, "janitor")).rejects.toThrow('role "janitor" is not seeded');
  });
});

describe("ensureUser", () => {
  it("creates a user once (e-mail lower-cased); later calls leave name and password alone", async () => {
    const { db } = await freshTenant();
    const first = await ensureUser(db, {
      email: "Ana@Studio.Test",
      name: "Ana",
      password: "first-password",
      role: "sales",
    });
    expect(first.created).toBe(true);
    const again = await ensureUser(db, {
      email: "ana@studio.test",
      name: "Ana Renamed",
      password: "second-password",
      role: "owner",
    });
    expect(again).toEqual({ id: first.id, created: false });
    const [ana] = await usersWithRoles(db);
    expect(ana).toMatchObject({ id: first.id, email: "ana@studio.test", name: "Ana", role: "sales" });
    expect(await verifyPassword(ana?.hash as string, "first-password")).toBe(true);
  });

  it("two seeders racing for one new e-mail end with one user, both told its id", async () => {
    const { db } = await freshTenant();
    const input = { email: "race@studio.test", name: "Race", password: "race-password-1", role: "viewer" };
    const [a, b] = await Promise.all([ensureUser(db, input), ensureUser(db, input)]);
    expect(a.id).toBe(b.id);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    expect(await usersWithRoles(db)).toHaveLength(1);
  });

  it("refuses a role the tenant does not have, creating nobody", async () => {
    const { db } = await freshTenant();
    await expect(
      ensureUser(db, { email: "x@studio.test", name: "X", password: "some-password", role: "janitor" }),
    ).rejects.toThrow('role "janitor" is not seeded');
    expect(await usersWithRoles(db)).toEqual([]);
  });
});

describe("tenants migrate", () => {
  it("brings a system role a release adds (workshop) to a tenant that predates it, leaving its other roles alone", async () => {
    const { tenant, db } = await freshTenant();
    await db.delete(roles).where(eq(roles.key, "workshop"));
    await db.update(roles).set({ description: "Our own words" }).where(eq(roles.key, "sales"));
    const [result] = await migrateTenants(layer, { all: true, slugs: [tenant.slug] });
    expect(result).toMatchObject({ slug: tenant.slug, ok: true });
    const after = await db.select({ key: roles.key, description: roles.description }).from(roles);
    expect(after.map((r) => r.key).sort()).toEqual(SYSTEM_ROLES.map((r) => r.key).sort());
    expect(after.find((r) => r.key === "sales")?.description).toBe("Our own words");
  });
});

describe("demo data", () => {
  it("creates one user per role at <role>@<slug>.test with the demo password; a rerun changes nothing", async () => {
    const { tenant, db } = await freshTenant();
    await seedDemoUsers(db, tenant.slug);
    const before = await usersWithRoles(db);
    expect(before.map((u) => [u.email, u.role])).toEqual(
      ["owner", "sales", "production", "workshop", "viewer"].map((role) => [`${role}@${tenant.slug}.test`, role]),
    );
    for (const user of before) expect(await verifyPassword(user.hash, DEMO_PASSWORD)).toBe(true);

    await seedDemoUsers(db, tenant.slug);
    expect(await usersWithRoles(db)).toEqual(before);
  });
});
