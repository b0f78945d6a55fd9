import { errorCode } from "@fotostudio/sdk";
import { describe, expect } from "vitest";
import { studioTest } from "../support/studio.js";

// The clients module over REST (the legacy frontend's contract) and the SDK: create, read, replace,
// patch, delete, the schools list, search and filters; and another studio's view of it.
const it = studioTest();

describe("REST clients", () => {
  it("creates with 201 and reads it back, by id and in the list", async ({ studio }) => {
    const created = await studio.owner.http("POST", "/api/clients/", {
      body: { name: "Lucía Gómez", email: "LUCIA@Example.com", phone: "+57 300 123 4567", whatsappOptIn: true },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "Lucía Gómez", email: "lucia@example.com", kind: "person" });
    expect(created.body.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);

    const got = await studio.owner.http("GET", `/api/clients/${created.body.id}/`);
    expect(got.status).toBe(200);
    expect(got.body.id).toBe(created.body.id);
    const list = await studio.owner.http("GET", "/api/clients/");
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ page: 1, pageSize: 20 });
    expect(list.body.results.map((c: { id: number }) => c.id)).toContain(created.body.id);
  });

  it("PUT replaces every field, PATCH changes only what it sends", async ({ studio }) => {
    const call = studio.owner.http;
    const { body: c } = await call("POST", "/api/clients", {
      body: { name: "Pedro", email: "p@x.co", phone: "999 111 222", notes: "prefers mornings" },
    });
    const patched = await call("PATCH", `/api/clients/${c.id}/`, { body: { phone: "300 555 0101" } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      name: "Pedro",
      email: "p@x.co",
      notes: "prefers mornings",
      phone: "300 555 0101",
    });

    const replaced = await call("PUT", `/api/clients/${c.id}/`, {
      body: { name: "Pedro Pérez", phone: "999 111 333" },
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ name: "Pedro Pérez", email: null, notes: null, phone: "999 111 333" });
  });

  it("deletes, then answers 404 for the deleted id", async ({ studio }) => {
    const call = studio.owner.http;
    const { body: c } = await call("POST", "/api/clients", { body: { name: "Temporal", phone: "999 000 111" } });
    expect((await call("DELETE", `/api/clients/${c.id}/`)).status).toBe(200);
    const gone = await call("GET", `/api/clients/${c.id}/`);
    expect(gone.status).toBe(404);
    expect(gone.body.code).toBe("NOT_FOUND");
    expect((await call("DELETE", `/api/clients/${c.id}/`)).status).toBe(404);
  });

  it("keeps a client with history: one with an order is not deleted (409) and stays as it was", async ({ studio }) => {
    const call = studio.owner.http;
    const { body: c } = await call("POST", "/api/clients", { body: { name: "Con pedido", phone: "999 000 222" } });
    const order = await call("POST", "/api/orders/", {
      body: { clientId: c.id, lines: [{ kind: "item", description: "Copia 10×15", quantity: "1", unitPrice: "1.50" }] },
    });
    expect(order.status, JSON.stringify(order.body)).toBe(201);
    const refused = await call("DELETE", `/api/clients/${c.id}/`);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: "CONFLICT" });
    expect(refused.body.message).toContain("1 orders");
    expect((await call("GET", `/api/clients/${c.id}/`)).body).toMatchObject({ name: "Con pedido" });
  });

  it("lists schools only at /clients/schools, and filters, searches and orders the list", async ({ studio }) => {
    const call = studio.owner.http;
    const school = { kind: "school", contactName: "Dirección", phone: "01 555 0101" };
    await call("POST", "/api/clients", { body: { ...school, name: "Colegio San José", taxId: "20900100011" } });
    await call("POST", "/api/clients", { body: { ...school, name: "Colegio Andino", taxId: "20900100022" } });
    const schools = await call("GET", "/api/clients/schools/?ordering=-name");
    expect(schools.status).toBe(200);
    expect(schools.body.results.every((c: { kind: string }) => c.kind === "school")).toBe(true);
    expect(schools.body.results.map((c: { name: string }) => c.name)).toEqual(["Colegio San José", "Colegio Andino"]);

    const search = await call("GET", "/api/clients/?search=andino");
    expect(search.body.results.map((c: { name: string }) => c.name)).toEqual(["Colegio Andino"]);
    const byTaxId = await call("GET", "/api/clients/?search=20900100011");
    expect(byTaxId.body.count).toBe(1);

    const persons = await call("GET", "/api/clients/?kind=person&pageSize=1&page=1");
    expect(persons.body.pageSize).toBe(1);
    expect(persons.body.results).toHaveLength(1);
    expect(persons.body.count).toBeGreaterThan(1);
    const page2 = await call("GET", "/api/clients/?kind=person&pageSize=1&page=2");
    expect(page2.body.results[0].id).not.toBe(persons.body.results[0].id);
  });

  it("treats % and _ in a search as literal characters", async ({ studio }) => {
    const call = studio.owner.http;
    await call("POST", "/api/clients", { body: { name: "100% Marcos", phone: "999 222 333" } });
    const hit = await call("GET", `/api/clients/?search=${encodeURIComponent("100%")}`);
    expect(hit.body.results.map((c: { name: string }) => c.name)).toEqual(["100% Marcos"]);
    const none = await call("GET", `/api/clients/?search=${encodeURIComponent("_%_")}`);
    expect(none.body.count).toBe(0);
  });
});

// Tenant isolation over every transport: a client created in the studio must be invisible and
// unreachable from another studio, whether asked by list, by id, or through a write. (The
// isolation walk, walks/isolation.test.ts, does the by-id part for every procedure.)
describe("the studio's client, seen from another studio", () => {
  const marker = `Aislado ${Date.now()}`;
  let secretId: number;
  it.beforeAll(async ({ studio }) => {
    secretId = (
      await studio.owner.sdk.clients.create.mutate({ name: marker, email: "aislado@demo.test", phone: "999 333 444" })
    ).id;
  });

  it("is visible to its studio over REST, tRPC and the SDK", async ({ studio }) => {
    const rest = await studio.owner.http("GET", `/api/clients/${secretId}/`);
    expect(rest.body.name).toBe(marker);
    const sdk = studio.owner.sdk;
    expect((await sdk.clients.byId.query({ id: secretId })).name).toBe(marker);
    const search = await sdk.clients.list.query({ search: marker });
    expect(search.results.map((c) => c.id)).toEqual([secretId]);
  });

  it("is not listed or found by search in the other studio (REST)", async ({ other }) => {
    const list = await other.owner.http("GET", `/api/clients/?search=${encodeURIComponent(marker)}`);
    expect(list.status).toBe(200);
    expect(list.body.count).toBe(0);
    const all = await other.owner.http("GET", "/api/clients/?pageSize=100");
    expect(all.body.results.some((c: { name: string }) => c.name === marker)).toBe(false);
  });

  it("is unreachable by id in the other studio over REST: read, replace, patch and delete all answer 404", async ({
    other,
  }) => {
    const path = `/api/clients/${secretId}/`;
    const attempts = [
      await other.owner.http("GET", path),
      await other.owner.http("PUT", path, { body: { name: "hijacked" } }),
      await other.owner.http("PATCH", path, { body: { name: "hijacked" } }),
      await other.owner.http("DELETE", path),
    ];
    for (const res of attempts) {
      expect(res.status).toBe(404);
      expect(res.body.code).toBe("NOT_FOUND");
    }
  });

  it("is unreachable by id in the other studio over tRPC with the SDK", async ({ other }) => {
    const sdk = other.owner.sdk;
    const tries = [
      sdk.clients.byId.query({ id: secretId }),
      sdk.clients.patch.mutate({ id: secretId, name: "hijacked" }),
      sdk.clients.delete.mutate({ id: secretId }),
    ];
    for (const attempt of tries) {
      const error = await attempt.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(errorCode(error)).toBe("NOT_FOUND");
    }
    const list = await sdk.clients.list.query({ search: marker });
    expect(list.count).toBe(0);
  });

  it("was left untouched by the other studio's attempts", async ({ studio }) => {
    const client = await studio.owner.sdk.clients.byId.query({ id: secretId });
    expect(client.name).toBe(marker);
    expect(client.email).toBe("aislado@demo.test");
  });
});
