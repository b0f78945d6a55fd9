import { addDomain, setTenantStatus } from "@fotostudio/db";
import { createTestTenant, dropTenant, TEST_PASSWORD } from "@fotostudio/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getWithHost, http, login, startServer, type TestServer } from "./support/server.js";

let server: TestServer;
let tenant: string;
let token: string;

beforeAll(async () => {
  server = await startServer({ BASE_DOMAIN: "fotostudio.test" });
  tenant = (await createTestTenant(server.layer)).slug;
  token = await login(server.url, tenant, `owner@${tenant}.test`, TEST_PASSWORD);
});
afterAll(async () => {
  await dropTenant(server.layer, tenant);
  await server.close();
});

const auth = () => ({ authorization: `Bearer ${token}` });
const call = (method: string, path: string, opts: Parameters<typeof http>[3] = {}) =>
  http(server.url, method, path, { tenant, token, ...opts });

describe("REST clients", () => {
  it("creates with 201 and reads back through both the trailing and non-trailing paths", async () => {
    const created = await call("POST", "/api/clients/", {
      body: { name: "Lucía Gómez", email: "LUCIA@Example.com", phone: "+57 300 123 4567", whatsappOptIn: true },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "Lucía Gómez", email: "lucia@example.com", kind: "person" });
    expect(created.body.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);

    for (const path of [`/api/clients/${created.body.id}/`, `/api/clients/${created.body.id}`]) {
      const got = await call("GET", path);
      expect(got.status).toBe(200);
      expect(got.body.id).toBe(created.body.id);
    }
    const withSlash = await call("GET", "/api/clients/");
    const without = await call("GET", "/api/clients");
    expect(withSlash.status).toBe(200);
    expect(without.body).toEqual(withSlash.body);
    expect(withSlash.body).toMatchObject({ page: 1, pageSize: 20 });
    expect(withSlash.body.results.map((c: { id: number }) => c.id)).toContain(created.body.id);
  });

  it("PUT replaces every field, PATCH changes only what it sends", async () => {
    const { body: c } = await call("POST", "/api/clients", {
      body: { name: "Pedro", email: "p@x.co", notes: "prefers mornings" },
    });
    const patched = await call("PATCH", `/api/clients/${c.id}/`, { body: { phone: "300 555 0101" } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      name: "Pedro",
      email: "p@x.co",
      notes: "prefers mornings",
      phone: "300 555 0101",
    });

    const replaced = await call("PUT", `/api/clients/${c.id}/`, { body: { name: "Pedro Pérez" } });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ name: "Pedro Pérez", email: null, notes: null, phone: null });
  });

  it("deletes, then answers 404 for the deleted id", async () => {
    const { body: c } = await call("POST", "/api/clients", { body: { name: "Temporal" } });
    expect((await call("DELETE", `/api/clients/${c.id}/`)).status).toBe(200);
    const gone = await call("GET", `/api/clients/${c.id}/`);
    expect(gone.status).toBe(404);
    expect(gone.body.code).toBe("NOT_FOUND");
    expect((await call("DELETE", `/api/clients/${c.id}/`)).status).toBe(404);
  });

  it("lists schools only at /clients/schools, and filters, searches and orders the list", async () => {
    await call("POST", "/api/clients", { body: { name: "Colegio San José", kind: "school", taxId: "900-1" } });
    await call("POST", "/api/clients", { body: { name: "Colegio Andino", kind: "school" } });
    const schools = await call("GET", "/api/clients/schools/?ordering=-name");
    expect(schools.status).toBe(200);
    expect(schools.body.results.every((c: { kind: string }) => c.kind === "school")).toBe(true);
    expect(schools.body.results.map((c: { name: string }) => c.name)).toEqual(["Colegio San José", "Colegio Andino"]);

    const search = await call("GET", "/api/clients/?search=andino");
    expect(search.body.results.map((c: { name: string }) => c.name)).toEqual(["Colegio Andino"]);
    const byTaxId = await call("GET", "/api/clients/?search=900-1");
    expect(byTaxId.body.count).toBe(1);

    const persons = await call("GET", "/api/clients/?kind=person&pageSize=1&page=1");
    expect(persons.body.pageSize).toBe(1);
    expect(persons.body.results).toHaveLength(1);
    expect(persons.body.count).toBeGreaterThan(1);
    const page2 = await call("GET", "/api/clients/?kind=person&pageSize=1&page=2");
    expect(page2.body.results[0].id).not.toBe(persons.body.results[0].id);
  });

  it("treats % and _ in a search as literal characters", async () => {
    await call("POST", "/api/clients", { body: { name: "100% Marcos" } });
    const hit = await call("GET", `/api/clients/?search=${encodeURIComponent("100%")}`);
    expect(hit.body.results.map((c: { name: string }) => c.name)).toEqual(["100% Marcos"]);
    const none = await call("GET", `/api/clients/?search=${encodeURIComponent("_%_")}`);
    expect(none.body.count).toBe(0);
  });
});

describe("REST errors share one shape", () => {
  it("validation → 400 VALIDATION_ERROR listing each bad field", async () => {
    const res = await call("POST", "/api/clients/", { body: { email: "not-an-email", kind: "alien" } });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("VALIDATION_ERROR");
    expect(res.body.requestId).toBe(res.headers.get("x-request-id"));
    const paths = res.body.issues.map((i: { path: string }) => i.path).sort();
    expect(paths).toEqual(["email", "kind", "name"]);
  });

  it("bad query parameters → 400, not a 500", async () => {
    for (const query of ["page=0", "pageSize=1000", "ordering=password", "page=abc"]) {
      const res = await call("GET", `/api/clients/?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.code).toBe("VALIDATION_ERROR");
    }
    const badId = await call("GET", "/api/clients/abc/");
    expect(badId.status).toBe(400);
  });

  it("malformed JSON → 400 MALFORMED_JSON in the same shape", async () => {
    const res = await call("POST", "/api/clients/", { rawBody: '{"name": "Ana"' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ code: "MALFORMED_JSON", message: expect.any(String), requestId: expect.any(String) });
  });

  it("a body that is not JSON → 415", async () => {
    const res = await call("POST", "/api/clients/", { rawBody: "name=Ana", headers: { "content-type": "text/plain" } });
    expect(res.status).toBe(415);
    expect(res.body.code).toBe("UNSUPPORTED_MEDIA_TYPE");
  });

  it("unknown routes → 404 NOT_FOUND, inside and outside /api", async () => {
    for (const path of ["/api/nothing-here/", "/nothing-here"]) {
      const res = await call("GET", path);
      expect(res.status, path).toBe(404);
      expect(res.body.code).toBe("NOT_FOUND");
      expect(res.body.requestId).toEqual(expect.any(String));
    }
  });

  it("echoes a caller's X-Request-Id", async () => {
    const res = await call("GET", "/api/clients/", { headers: { "x-request-id": "trace-abc-123" } });
    expect(res.headers.get("x-request-id")).toBe("trace-abc-123");
  });

  it("never leaks a stack trace", async () => {
    const res = await call("POST", "/api/clients/", { body: { name: "x".repeat(201) } });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).not.toMatch(/at \w+ \(|node_modules|\.ts:\d+/);
  });
});

describe("tenant resolution", () => {
  it("unknown tenant → 404 TENANT_NOT_FOUND, by header, subdomain or host", async () => {
    const unknown = await http(server.url, "GET", "/api/clients/", { tenant: "no-such-studio" });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe("TENANT_NOT_FOUND");
    for (const host of ["nobody.fotostudio.test", "127.0.0.1", "a.b.fotostudio.test"]) {
      const res = await getWithHost(server.url, "/api/clients/", host);
      expect(res.status, host).toBe(404);
      expect(res.body.code).toBe("TENANT_NOT_FOUND");
    }
  });

  it("resolves the tenant from a custom domain", async () => {
    const domain = `${tenant}.estudio-ejemplo.com`;
    await addDomain(server.layer, tenant, domain);
    await call("POST", "/api/clients", { body: { name: "Por dominio propio" } });
    const res = await getWithHost(server.url, "/api/clients/?search=dominio%20propio", domain, auth());
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(1);
  });

  it("resolves the tenant from its subdomain under BASE_DOMAIN", async () => {
    await call("POST", "/api/clients", { body: { name: "Por subdominio" } });
    const res = await getWithHost(
      server.url,
      "/api/clients/?search=subdominio",
      `${tenant}.fotostudio.test:8080`,
      auth(),
    );
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(1);
  });

  it("a suspended tenant → 403 TENANT_SUSPENDED, and works again once resumed", async () => {
    const other = await createTestTenant(server.layer);
    try {
      const otherToken = await login(server.url, other.slug, `owner@${other.slug}.test`, TEST_PASSWORD);
      await setTenantStatus(server.layer, other.slug, "suspended");
      const res = await http(server.url, "GET", "/api/clients/", { tenant: other.slug, token: otherToken });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe("TENANT_SUSPENDED");
      await setTenantStatus(server.layer, other.slug, "active");
      expect((await http(server.url, "GET", "/api/clients/", { tenant: other.slug, token: otherToken })).status).toBe(
        200,
      );
    } finally {
      await dropTenant(server.layer, other.slug);
    }
  });
});
