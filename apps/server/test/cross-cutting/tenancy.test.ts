import { addDomain, setTenantStatus } from "@fotostudio/db";
import { describe, expect } from "vitest";
import { studioTest } from "../support/studio.js";

// Which studio a request is for (tenantProcedure and the registry): X-Tenant-ID, a subdomain of
// BASE_DOMAIN or a custom domain; unknown and suspended studios.
const it = studioTest({ env: { BASE_DOMAIN: "fotostudio.test" } });

describe("tenant resolution", () => {
  it("unknown tenant → 404 TENANT_NOT_FOUND, by header, subdomain or host", async ({ studio }) => {
    const unknown = await studio.http("GET", "/api/clients/", { tenant: "no-such-studio" });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe("TENANT_NOT_FOUND");
    for (const host of ["nobody.fotostudio.test", "127.0.0.1", "a.b.fotostudio.test"]) {
      const res = await studio.getWithHost("/api/clients/", host);
      expect(res.status, host).toBe(404);
      expect(res.body.code).toBe("TENANT_NOT_FOUND");
    }
  });

  it("resolves the tenant from a custom domain", async ({ studio }) => {
    const domain = `${studio.slug}.estudio-ejemplo.com`;
    await addDomain(studio.layer, studio.slug, domain);
    await studio.owner.http("POST", "/api/clients", { body: { name: "Por dominio propio", phone: "+51 987 654 321" } });
    const res = await studio.getWithHost("/api/clients/?search=dominio%20propio", domain, {
      authorization: `Bearer ${studio.owner.token}`,
    });
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(1);
  });

  it("resolves the tenant from its subdomain under BASE_DOMAIN", async ({ studio }) => {
    await studio.owner.http("POST", "/api/clients", { body: { name: "Por subdominio", phone: "+51 987 654 321" } });
    const res = await studio.getWithHost("/api/clients/?search=subdominio", `${studio.slug}.fotostudio.test:8080`, {
      authorization: `Bearer ${studio.owner.token}`,
    });
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(1);
  });

  it("a suspended tenant → 403 TENANT_SUSPENDED, and works again once resumed", async ({ studio }) => {
    await using other = await studio.openTenant();
    await setTenantStatus(studio.layer, other.slug, "suspended");
    const res = await other.owner.http("GET", "/api/clients/");
    expect(res.status).toBe(403);
    expect(res.body.code).toBe("TENANT_SUSPENDED");
    await setTenantStatus(studio.layer, other.slug, "active");
    expect((await other.owner.http("GET", "/api/clients/")).status).toBe(200);
  });
});
