import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DataLayer } from "./data-layer.js";
import { type TenantRecord, TenantRegistry } from "./registry.js";
import { addDomain, setTenantStatus } from "./tenant-admin.js";
import { createTestLayer, createTestTenant, dropTenant, uniqueSlug } from "./testing.js";

// TTLs of ten minutes: anything these tests see change was invalidated, never expired.
const LONG = 600_000;
let layer: DataLayer;
let tenant: TenantRecord;
const created: string[] = [];

beforeAll(async () => {
  layer = await createTestLayer({ registryTtlMs: LONG });
  created.push(uniqueSlug("reg"));
  tenant = await createTestTenant(layer, { slug: created[0] });
});

afterAll(async () => {
  for (const slug of created) await dropTenant(layer, slug);
  await layer.close();
});

describe("TenantRegistry.resolve", () => {
  it("resolves the X-Tenant-ID header by slug, ahead of the host", async () => {
    expect(await layer.registry.resolve({ tenantId: tenant.slug })).toMatchObject({
      id: tenant.id,
      slug: tenant.slug,
      status: "active",
      databaseName: tenant.databaseName,
    });
    const viaHeader = await layer.registry.resolve({
      tenantId: tenant.slug,
      host: "nobody.fotostudio.test",
      baseDomain: "fotostudio.test",
    });
    expect(viaHeader?.id).toBe(tenant.id);
  });

  it("resolves a subdomain of the base domain, port and case ignored", async () => {
    const host = `${tenant.slug.toUpperCase()}.fotostudio.test:8080`;
    expect((await layer.registry.resolve({ host, baseDomain: "fotostudio.test" }))?.id).toBe(tenant.id);
    // Deeper names under the base domain are not tenants.
    expect(
      await layer.registry.resolve({ host: `x.${tenant.slug}.fotostudio.test`, baseDomain: "fotostudio.test" }),
    ).toBeNull();
  });

  it("resolves a custom domain once it is added", async () => {
    const domain = `${tenant.slug}.marcos-example.com`;
    expect(await layer.registry.resolve({ host: domain, baseDomain: "fotostudio.test" })).toBeNull();
    await addDomain(layer, tenant.slug, domain, { primary: true });
    expect((await layer.registry.resolve({ host: `${domain}:443`, baseDomain: "fotostudio.test" }))?.id).toBe(
      tenant.id,
    );
    // Regression: a domain another tenant holds is DOMAIN_TAKEN, not a raw driver error.
    created.push(uniqueSlug("other"));
    const other = await createTestTenant(layer, { slug: created.at(-1) });
    await expect(addDomain(layer, other.slug, domain.toUpperCase())).rejects.toMatchObject({ code: "DOMAIN_TAKEN" });
  });

  it("returns null for an unknown tenant and caches that answer until invalidate()", async () => {
    // A registry of its own with a long negative TTL, as another process would hold: the
    // provisioning below invalidates only the layer's registry.
    const registry = new TenantRegistry(layer.control, { ttlMs: LONG, max: 100, negativeTtlMs: LONG });
    const slug = uniqueSlug("late");
    expect(await registry.resolve({ tenantId: slug })).toBeNull();

    created.push(slug);
    const late = await createTestTenant(layer, { slug });
    expect(await registry.resolve({ tenantId: slug })).toBeNull();
    registry.invalidate();
    expect((await registry.resolve({ tenantId: slug }))?.id).toBe(late.id);
  });

  it("tells its listeners of this process's changes (a relay passes them on), and forget() drops answers quietly", async () => {
    const heard: string[] = [];
    const off = layer.registry.onInvalidate(() => heard.push("invalidated"));
    try {
      await setTenantStatus(layer, tenant.slug, "suspended");
      expect(heard).toEqual(["invalidated"]);
      // Another node's change, as its relay reports it: the answers go, nobody is told again.
      const registry = new TenantRegistry(layer.control, { ttlMs: LONG, max: 100 });
      expect((await registry.bySlug(tenant.slug))?.status).toBe("suspended");
      await setTenantStatus(layer, tenant.slug, "active");
      expect((await registry.bySlug(tenant.slug))?.status).toBe("suspended");
      registry.forget();
      expect((await registry.bySlug(tenant.slug))?.status).toBe("active");
      layer.registry.forget();
      expect(heard).toEqual(["invalidated", "invalidated"]);
    } finally {
      off();
    }
    await setTenantStatus(layer, tenant.slug, "suspended");
    await setTenantStatus(layer, tenant.slug, "active");
    expect(heard).toHaveLength(2);
  });

  it("a lookup in flight when the answers are dropped reads again instead of failing", async () => {
    const registry = new TenantRegistry(layer.control, { ttlMs: LONG, max: 100 });
    // The lookup's query is on its way when another node's change lands (or this node's own).
    const overtaken = registry.bySlug(tenant.slug);
    registry.forget();
    const alsoOvertaken = registry.resolve({ tenantId: tenant.slug });
    registry.invalidate();
    expect((await overtaken)?.id).toBe(tenant.id);
    expect((await alsoOvertaken)?.id).toBe(tenant.id);
  });

  it("reports a suspended tenant as suspended right after setTenantStatus, and active after resume", async () => {
    expect((await layer.registry.bySlug(tenant.slug))?.status).toBe("active");
    await setTenantStatus(layer, tenant.slug, "suspended");
    expect(await layer.registry.resolve({ tenantId: tenant.slug })).toMatchObject({
      id: tenant.id,
      status: "suspended",
    });
    await setTenantStatus(layer, tenant.slug, "active");
    expect((await layer.registry.resolve({ tenantId: tenant.slug }))?.status).toBe("active");
  });
});
