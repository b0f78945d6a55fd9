import { clients, orders } from "@fotostudio/db";
import { errorCode } from "@fotostudio/sdk";
import { describe, expect } from "vitest";
import { issuePaths } from "../support/server.js";
import { studioTest } from "../support/studio.js";

// The studio's service catalog (config/services): seeded with SPEC 5b's services, read by the
// whole staff, changed by those holding prices:write (owner, manager); names unique; a service an
// order names is deactivated, never deleted.
const it = studioTest();

const SEEDED = [
  "Ampliación",
  "Anuario",
  "Corte Láser",
  "Cuadro de Promoción",
  "Enmarcado",
  "Fotografía de Eventos",
  "Fotografía Escolar",
  "Fotografía Familiar",
  "Impresión Minilab",
  "Recordatorio Escolar",
  "Retoque Fotográfico",
];
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: unknown) => e,
  );

describe("REST service catalog", () => {
  it("starts with the 11 services of SPEC 5b, with their base prices", async ({ studio }) => {
    const list = await studio.users.sales.http("GET", "/api/config/services/?pageSize=100");
    expect(list.status).toBe(200);
    expect(list.body.count).toBe(11);
    expect(list.body.results.map((s: { name: string }) => s.name).sort()).toEqual([...SEEDED].sort());
    const framing = list.body.results.find((s: { name: string }) => s.name === "Enmarcado");
    expect(framing).toMatchObject({ basePrice: "45.00", estimatedDays: 5, active: true });
    const got = await studio.users.workshop.http("GET", `/api/config/services/${framing.id}/`);
    expect(got.status).toBe(200);
    expect(got.body).toEqual(framing);
  });

  it("creates (201), replaces, patches and deletes a service; a missing id is 404", async ({ studio }) => {
    const call = studio.owner.http;
    const created = await call("POST", "/api/config/services/", {
      body: { name: "  Foto Carnet ", basePrice: 12.5, estimatedDays: 0, description: "" },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ name: "Foto Carnet", basePrice: "12.50", description: null, active: true });
    const id = created.body.id;

    const patched = await call("PATCH", `/api/config/services/${id}/`, { body: { basePrice: "14", active: false } });
    expect(patched.body).toMatchObject({ name: "Foto Carnet", basePrice: "14.00", active: false });
    const replaced = await call("PUT", `/api/config/services/${id}/`, { body: { name: "Foto Carnet x6" } });
    expect(replaced.body).toMatchObject({ name: "Foto Carnet x6", basePrice: "0.00", estimatedDays: 0, active: true });

    const inactive = await call("GET", "/api/config/services/?active=false");
    expect(inactive.body.results.map((s: { id: number }) => s.id)).not.toContain(id);
    const found = await call("GET", `/api/config/services/?search=${encodeURIComponent("carnet")}`);
    expect(found.body.results.map((s: { id: number }) => s.id)).toEqual([id]);

    expect(await call("DELETE", `/api/config/services/${id}/`)).toMatchObject({
      status: 200,
      body: { id, deleted: true },
    });
    for (const res of [
      await call("GET", `/api/config/services/${id}/`),
      await call("PATCH", `/api/config/services/${id}/`, { body: { active: true } }),
      await call("DELETE", `/api/config/services/${id}/`),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body.code).toBe("NOT_FOUND");
    }
  });

  it("orders the list by price", async ({ studio }) => {
    const list = await studio.owner.http("GET", "/api/config/services/?ordering=-basePrice&pageSize=3");
    expect(list.body.results.map((s: { name: string }) => s.name)).toEqual([
      "Fotografía de Eventos",
      "Fotografía Escolar",
      "Fotografía Familiar",
    ]);
  });

  it("refuses a name already in the catalog with 409 CONFLICT on `name`, by create, replace and patch", async ({
    studio,
  }) => {
    const call = studio.owner.http;
    const taken = await call("POST", "/api/config/services/", { body: { name: "Enmarcado" } });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe("CONFLICT");
    expect(issuePaths(taken.body)).toEqual(["name"]);
    const { body: mine } = await call("POST", "/api/config/services/", { body: { name: "Marco a medida" } });
    expect((await call("PATCH", `/api/config/services/${mine.id}/`, { body: { name: "Enmarcado" } })).status).toBe(409);
    expect((await call("PUT", `/api/config/services/${mine.id}/`, { body: { name: "Anuario" } })).status).toBe(409);
    // Its own name is not a conflict.
    expect((await call("PUT", `/api/config/services/${mine.id}/`, { body: { name: "Marco a medida" } })).status).toBe(
      200,
    );
  });

  it("refuses bad bodies with 400 naming the field", async ({ studio }) => {
    const call = studio.owner.http;
    const cases: [Record<string, unknown>, string][] = [
      [{ name: "" }, "name"],
      [{ name: "X", basePrice: "-1.00" }, "basePrice"],
      [{ name: "X", basePrice: "1.234" }, "basePrice"],
      [{ name: "X", estimatedDays: 1.5 }, "estimatedDays"],
      [{ name: "X", estimatedDays: 400 }, "estimatedDays"],
    ];
    for (const [body, path] of cases) {
      const res = await call("POST", "/api/config/services/", { body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(issuePaths(res.body)).toContain(path);
    }
  });

  it("a service an order names cannot be deleted (409): it is deactivated instead", async ({ studio }) => {
    const call = studio.owner.http;
    const { body: service } = await call("POST", "/api/config/services/", { body: { name: "Con pedidos" } });
    const [client] = await studio.db.insert(clients).values({ name: "Ana", phone: "987654321" }).$returningId();
    await studio.db.insert(orders).values({
      number: `P-2026-${String(service.id).padStart(6, "0")}`,
      year: 2026,
      sequence: 900_000 + service.id,
      clientId: client?.id ?? 0,
      serviceId: service.id,
    });
    const refused = await call("DELETE", `/api/config/services/${service.id}/`);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe("CONFLICT");
    expect((await call("GET", `/api/config/services/${service.id}/`)).status).toBe(200);
    const off = await call("PATCH", `/api/config/services/${service.id}/`, { body: { active: false } });
    expect(off.body.active).toBe(false);
  });

  it("takes prices:write to change the catalog: the manager may, sales, production and viewer get 403", async ({
    studio,
  }) => {
    const created = await studio.users.manager.http("POST", "/api/config/services/", { body: { name: "Del gerente" } });
    expect(created.status).toBe(201);
    const path = `/api/config/services/${created.body.id}/`;
    for (const role of ["sales", "production", "viewer"] as const) {
      const user = studio.users[role];
      expect((await user.http("GET", path)).status, role).toBe(200);
      for (const [method, url, body] of [
        ["POST", "/api/config/services/", { name: `De ${role}` }],
        ["PUT", path, { name: "cambiado" }],
        ["PATCH", path, { basePrice: "1.00" }],
        ["DELETE", path, undefined],
      ] as const) {
        const res = await user.http(method, url, { body });
        expect(res.status, `${role} ${method}`).toBe(403);
      }
    }
    expect((await studio.users.manager.http("DELETE", path)).status).toBe(200);
  });
});

describe("SDK service catalog", () => {
  it("the same procedures, typed; money as decimal strings", async ({ studio }) => {
    const sdk = studio.owner.sdk;
    const created = await sdk.config.createService.mutate({ name: "Por SDK", basePrice: "9.90", estimatedDays: 2 });
    expect(created).toMatchObject({ basePrice: "9.90", estimatedDays: 2 });
    expect(created.createdAt).toBeInstanceOf(Date);
    expect((await sdk.config.serviceById.query({ id: created.id })).name).toBe("Por SDK");
    expect((await sdk.config.patchService.mutate({ id: created.id, basePrice: 10 })).basePrice).toBe("10.00");
    expect((await sdk.config.updateService.mutate({ id: created.id, name: "Por SDK 2" })).basePrice).toBe("0.00");
    const page = await sdk.config.services.query({ search: "Por SDK" });
    expect(page.results.map((s) => s.id)).toEqual([created.id]);
    expect(errorCode(await failure(sdk.config.createService.mutate({ name: "Anuario" })))).toBe("CONFLICT");
    await sdk.config.deleteService.mutate({ id: created.id });
    expect(errorCode(await failure(sdk.config.serviceById.query({ id: created.id })))).toBe("NOT_FOUND");
    expect(errorCode(await failure(studio.users.sales.sdk.config.createService.mutate({ name: "No" })))).toBe(
      "FORBIDDEN",
    );
  });

  it("another studio's service is not found", async ({ studio, other }) => {
    const mine = await studio.owner.sdk.config.createService.mutate({ name: "Solo mío" });
    expect(errorCode(await failure(other.owner.sdk.config.serviceById.query({ id: mine.id })))).toBe("NOT_FOUND");
    const res = await other.owner.http("DELETE", `/api/config/services/${mine.id}/`);
    expect(res.status).toBe(404);
  });
});
