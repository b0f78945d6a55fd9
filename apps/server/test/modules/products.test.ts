import { productionOrders, products, stockLocations } from "@fotostudio/db";
import { errorCode } from "@fotostudio/sdk";
import { describe, expect } from "vitest";
import { type Studio, studioTest } from "../support/studio.js";

// Finished products (issue 9): entered by hand or made by production, kept at an internal
// location or on a shelf, with a unique code generated as PT-<year>-<seq> when none is given.
const it = studioTest();

let serial = 0;
const tag = () => `T${Date.now().toString(36)}${++serial}`;

/** An internal location made behind the API (the stock module owns their CRUD): its id and code. */
async function location(studio: Studio, extra: Partial<typeof stockLocations.$inferInsert> = {}) {
  const code = `LOC-${tag()}`;
  const [row] = await studio.db
    .insert(stockLocations)
    .values({ code, name: `Vitrina ${code}`, kind: "internal", ...extra })
    .$returningId();
  return { id: row?.id as number, code };
}

/** An order of one print (118.00 with tax) moved to `to` along draft → confirmed → ready. */
async function orderOf(studio: Studio, to: "draft" | "confirmed" | "ready" = "confirmed") {
  const call = studio.owner.http;
  const client = await call("POST", "/api/clients/", { body: { name: `Cliente ${tag()}`, phone: "+51 984 000 111" } });
  const order = await call("POST", "/api/orders/", {
    body: {
      clientId: client.body.id,
      lines: [{ kind: "item", description: "Ampliación 30x40", quantity: "1", unitPrice: "100.00" }],
    },
  });
  expect(order.status, JSON.stringify(order.body)).toBe(201);
  for (const step of ["confirmed", "ready"] as const) {
    if (to === "draft") break;
    const moved = await call("POST", `/api/orders/${order.body.id}/transition/`, { body: { to: step } });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    if (step === to) break;
  }
  return { id: order.body.id as number, total: order.body.total as string };
}

describe("products CRUD", () => {
  it("creates over REST with a generated PT code at the default location, reads, lists and searches it", async ({
    studio,
  }) => {
    const call = studio.owner.http;
    const year = new Date().getUTCFullYear();
    const description = `Marco nogal 30x40 ${tag()}`;
    const res = await call("POST", "/api/products/", { body: { description, kind: "frame", price: "180.5" } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      description,
      kind: "frame",
      status: "available",
      price: "180.50",
      orderId: null,
      productionOrderId: null,
      location: { code: "PRINCIPAL" },
      shelf: null,
      soldAt: null,
    });
    expect(res.body.code).toMatch(new RegExp(`^PT-(${year}|${year - 1}|${year + 1})-\\d{6}$`));

    const next = await call("POST", "/api/products/", { body: { description: "Otro" } });
    const seq = (code: string) => Number(code.slice(-6));
    expect(seq(next.body.code)).toBe(seq(res.body.code) + 1);
    expect(next.body).toMatchObject({ kind: "other", price: "0.00" });

    expect((await call("GET", `/api/products/${res.body.id}/`)).body).toEqual(res.body);
    const found = await call("GET", `/api/products/?search=${encodeURIComponent(description)}`);
    expect(found.body).toMatchObject({ count: 1, results: [{ id: res.body.id }] });
    const frames = await call("GET", "/api/products/?kind=frame&ordering=-price");
    expect(frames.body.results.map((p: { kind: string }) => p.kind)).not.toContain("other");
  });

  it("takes the studio's own code, refuses a taken one (409) and skips a typed code when generating", async ({
    studio,
  }) => {
    const call = studio.owner.http;
    const own = `MARCO-${tag()}`;
    const first = await call("POST", "/api/products/", { body: { description: "Uno", code: own } });
    expect([first.status, first.body.code]).toEqual([201, own]);
    const dup = await call("POST", "/api/products/", { body: { description: "Dos", code: own } });
    expect([dup.status, dup.body.code]).toEqual([409, "CONFLICT"]);

    // A code typed by hand that the counter would hand out next is skipped, not a 409.
    const probe = await call("POST", "/api/products/", { body: { description: "probe" } });
    const [, year, seq] = /^PT-(\d{4})-(\d{6})$/.exec(probe.body.code) ?? [];
    const ahead = `PT-${year}-${String(Number(seq) + 1).padStart(6, "0")}`;
    expect((await call("POST", "/api/products/", { body: { description: "typed", code: ahead } })).status).toBe(201);
    const generated = await call("POST", "/api/products/", { body: { description: "generated" } });
    expect(generated.status).toBe(201);
    expect(generated.body.code).toBe(`PT-${year}-${String(Number(seq) + 2).padStart(6, "0")}`);

    const patched = await call("PATCH", `/api/products/${generated.body.id}/`, { body: { code: own } });
    expect([patched.status, patched.body.code]).toEqual([409, "CONFLICT"]);
    const renamed = await call("PATCH", `/api/products/${generated.body.id}/`, { body: { code: `${own}-B` } });
    expect([renamed.status, renamed.body.code]).toEqual([200, `${own}-B`]);
  });

  it("keeps a product at an internal active location or on a shelf; 404 unknown, 422 virtual or inactive", async ({
    studio,
  }) => {
    const call = studio.owner.http;
    const vitrina = await location(studio);
    const closed = await location(studio, { active: false });
    const shelf = await call("POST", "/api/products/", { body: { description: "En estante", shelf: "Estante B-2" } });
    expect(shelf.body).toMatchObject({ location: null, shelf: "Estante B-2" });
    const kept = await call("POST", "/api/products/", { body: { description: "En vitrina", locationId: vitrina.id } });
    expect(kept.body.location).toEqual({ id: vitrina.id, code: vitrina.code, name: `Vitrina ${vitrina.code}` });

    const customer = (await studio.db.select().from(stockLocations)).find((l) => l.kind === "customer");
    for (const [locationId, status, code] of [
      [999999, 404, "NOT_FOUND"],
      [customer?.id, 422, "BUSINESS_RULE"],
      [closed.id, 422, "BUSINESS_RULE"],
    ] as const) {
      const res = await call("POST", "/api/products/", { body: { description: "x", locationId } });
      expect([res.status, res.body.code], String(locationId)).toEqual([status, code]);
    }
    const moved = await call("PATCH", `/api/products/${kept.body.id}/`, { body: { locationId: customer?.id } });
    expect(moved.status).toBe(422);
    expect((await call("GET", `/api/products/${kept.body.id}/`)).body.location.id).toBe(vitrina.id);
  });

  it("PUT replaces the editable fields (code kept when omitted), PATCH changes only what it sends", async ({
    studio,
  }) => {
    const call = studio.owner.http;
    const made = await call("POST", "/api/products/", {
      body: { description: "Antes", kind: "print", shelf: "A-1", price: "20.00" },
    });
    const patched = await call("PATCH", `/api/products/${made.body.id}/`, { body: { price: "25" } });
    expect(patched.body).toMatchObject({ description: "Antes", kind: "print", shelf: "A-1", price: "25.00" });
    const put = await call("PUT", `/api/products/${made.body.id}/`, { body: { description: "Después" } });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body).toMatchObject({
      code: made.body.code,
      description: "Después",
      kind: "other",
      shelf: null,
      price: "0.00",
      location: { code: "PRINCIPAL" },
    });
    // Off the location onto a shelf; with neither, it is back at the default location.
    const shelved = await call("PATCH", `/api/products/${made.body.id}/`, { body: { locationId: null, shelf: "C-9" } });
    expect(shelved.body).toMatchObject({ location: null, shelf: "C-9" });
    const cleared = await call("PATCH", `/api/products/${made.body.id}/`, { body: { shelf: null } });
    expect(cleared.body).toMatchObject({ location: { code: "PRINCIPAL" }, shelf: null });
    const bad = await call("PATCH", `/api/products/${made.body.id}/`, { body: { price: "1.234" } });
    expect([bad.status, bad.body.code]).toEqual([400, "VALIDATION_ERROR"]);
    expect((await call("PATCH", "/api/products/999999/", { body: { price: "1" } })).status).toBe(404);
  });

  it("works the same over the SDK, with typed errors", async ({ studio }) => {
    const sdk = studio.owner.sdk;
    const made = await sdk.products.create.mutate({ description: "SDK", kind: "souvenir", price: "12.00" });
    expect(made).toMatchObject({ status: "available", price: "12.00", kind: "souvenir" });
    expect(made.createdAt).toBeInstanceOf(Date);
    expect(await sdk.products.byId.query({ id: made.id })).toEqual(made);
    const patched = await sdk.products.patch.mutate({ id: made.id, shelf: "SDK-1" });
    expect(patched.shelf).toBe("SDK-1");
    const dup = await sdk.products.create.mutate({ description: "x", code: made.code }).catch((e: unknown) => e);
    expect(errorCode(dup)).toBe("CONFLICT");
    expect(await sdk.products.delete.mutate({ id: made.id })).toEqual({ id: made.id, deleted: true });
    expect(errorCode(await sdk.products.byId.query({ id: made.id }).catch((e: unknown) => e))).toBe("NOT_FOUND");
  });

  it("deletes only a hand-entered product never sold: a made or sold one is kept (409)", async ({ studio }) => {
    const call = studio.owner.http;
    const spare = await call("POST", "/api/products/", { body: { description: "Borrar" } });
    const gone = await call("DELETE", `/api/products/${spare.body.id}/`);
    expect([gone.status, gone.body]).toEqual([200, { id: spare.body.id, deleted: true }]);
    expect((await call("GET", `/api/products/${spare.body.id}/`)).status).toBe(404);

    // A piece a production order made (register writes it; here behind the API) is that order's output.
    const mark = tag();
    const [made] = await studio.db
      .insert(productionOrders)
      .values({ number: `OP-TEST-${mark}`, type: "framing", status: "done" })
      .$returningId();
    const [piece] = await studio.db
      .insert(products)
      .values({ code: `MADE-${mark}`, description: "Hecho", productionOrderId: made?.id })
      .$returningId();
    const refused = await call("DELETE", `/api/products/${piece?.id}/`);
    expect([refused.status, refused.body.code]).toEqual([409, "CONFLICT"]);
    expect((await call("GET", `/api/products/${piece?.id}/`)).body.productionOrderId).toBe(made?.id);

    const sold = await call("POST", "/api/products/", { body: { description: "Vendido" } });
    expect((await call("POST", `/api/products/sell/${sold.body.id}/`, { body: {} })).status).toBe(200);
    const kept = await call("DELETE", `/api/products/${sold.body.id}/`);
    expect([kept.status, kept.body.code]).toEqual([409, "CONFLICT"]);
    const price = await call("PATCH", `/api/products/${sold.body.id}/`, { body: { price: "1.00" } });
    expect([price.status, price.body.code]).toEqual([409, "CONFLICT"]);
    expect((await call("PATCH", `/api/products/${sold.body.id}/`, { body: { shelf: "Entregas" } })).status).toBe(200);
  });
});

describe("lists by status and location", () => {
  it("GET products/status/{status}/ lists one state; a bad state is a 400", async ({ studio }) => {
    const call = studio.owner.http;
    const order = await orderOf(studio);
    const reserved = await call("POST", "/api/products/", { body: { description: "Reservado", orderId: order.id } });
    expect(reserved.body).toMatchObject({ status: "reserved", orderId: order.id });
    const list = await call("GET", "/api/products/status/reserved/?pageSize=100");
    expect(list.status).toBe(200);
    expect(list.body.results.map((p: { id: number }) => p.id)).toContain(reserved.body.id);
    expect(new Set(list.body.results.map((p: { status: string }) => p.status))).toEqual(new Set(["reserved"]));
    const ofOrder = await call("GET", `/api/products/status/reserved/?orderId=${order.id}`);
    expect(ofOrder.body).toMatchObject({ count: 1, results: [{ id: reserved.body.id }] });
    // A closed order takes no piece: 422, nothing made.
    const cancelled = await orderOf(studio, "draft");
    await call("POST", `/api/orders/${cancelled.id}/transition/`, { body: { to: "cancelled" } });
    const late = await call("POST", "/api/products/", { body: { description: "Tarde", orderId: cancelled.id } });
    expect([late.status, late.body.code]).toEqual([422, "BUSINESS_RULE"]);
    expect((await call("GET", `/api/products/?orderId=${cancelled.id}`)).body.count).toBe(0);
    const bad = await call("GET", "/api/products/status/lost/");
    expect([bad.status, bad.body.code]).toEqual([400, "VALIDATION_ERROR"]);
    const sdk = await studio.users.viewer.sdk.products.byStatus.query({ status: "reserved", orderId: order.id });
    expect(sdk.results.map((p) => p.id)).toEqual([reserved.body.id]);
  });

  it("GET products/location/{location}/ by id, by code or by shelf; 404 for what names nothing", async ({ studio }) => {
    const call = studio.owner.http;
    const vitrina = await location(studio);
    const shelf = `Estante ${tag()}`;
    const atVitrina = await call("POST", "/api/products/", { body: { description: "V", locationId: vitrina.id } });
    const onShelf = await call("POST", "/api/products/", { body: { description: "S", shelf } });
    const ids = (res: { body: { results: { id: number }[] } }) => {
      expect(res.body.results, JSON.stringify(res.body)).toBeDefined();
      return res.body.results.map((p) => p.id);
    };

    expect(ids(await call("GET", `/api/products/location/${vitrina.id}/`))).toEqual([atVitrina.body.id]);
    expect(ids(await call("GET", `/api/products/location/${vitrina.code}/`))).toEqual([atVitrina.body.id]);
    expect(ids(await call("GET", `/api/products/location/${encodeURIComponent(shelf)}/`))).toEqual([onShelf.body.id]);
    const principal = await call("GET", "/api/products/location/PRINCIPAL/?pageSize=100");
    expect(principal.status).toBe(200);
    expect(ids(principal)).not.toContain(atVitrina.body.id);

    const customer = (await studio.db.select().from(stockLocations)).find((l) => l.kind === "customer");
    for (const name of ["999999", String(customer?.id), "CLIENTE", "Estante que no existe"]) {
      const res = await call("GET", `/api/products/location/${encodeURIComponent(name)}/`);
      expect([res.status, res.body.code], name).toEqual([404, "NOT_FOUND"]);
    }
    const sdk = await studio.owner.sdk.products.byLocation.query({ location: vitrina.code });
    expect(sdk.results.map((p) => p.id)).toEqual([atVitrina.body.id]);
  });
});

describe("who may do what, and whose products", () => {
  it("sales writes and sells; workshop and viewer read only (403 on writes)", async ({ studio }) => {
    const sales = studio.users.sales.http;
    const made = await sales("POST", "/api/products/", { body: { description: "Ventas" } });
    expect(made.status).toBe(201);
    expect((await sales("POST", `/api/products/sell/${made.body.id}/`, { body: {} })).body.status).toBe("sold");
    for (const role of ["workshop", "viewer"] as const) {
      const call = studio.users[role].http;
      expect((await call("GET", `/api/products/${made.body.id}/`)).status, role).toBe(200);
      expect((await call("GET", "/api/products/")).status, role).toBe(200);
      for (const [method, path, body] of [
        ["POST", "/api/products/", { description: "no" }],
        ["PATCH", `/api/products/${made.body.id}/`, { shelf: "no" }],
        ["DELETE", `/api/products/${made.body.id}/`, undefined],
        ["POST", `/api/products/sell/${made.body.id}/`, {}],
        ["POST", `/api/products/${made.body.id}/transition/`, { to: "delivered" }],
      ] as const) {
        const res = await call(method, path, { body });
        expect([res.status, res.body.code], `${role} ${method} ${path}`).toEqual([403, "FORBIDDEN"]);
      }
    }
    expect((await studio.owner.http("GET", `/api/products/${made.body.id}/`)).body.status).toBe("sold");
  });

  it("another studio sees none of them: its lists are empty of them, their ids 404", async ({ studio, other }) => {
    const mark = `Secreto ${tag()}`;
    const made = await studio.owner.http("POST", "/api/products/", { body: { description: mark, shelf: mark } });
    const theirs = other.owner.http;
    expect((await theirs("GET", `/api/products/?search=${encodeURIComponent(mark)}`)).body.count).toBe(0);
    expect((await theirs("GET", `/api/products/location/${encodeURIComponent(mark)}/`)).status).toBe(404);
    for (const [method, path, body] of [
      ["GET", `/api/products/${made.body.id}/`, undefined],
      ["PATCH", `/api/products/${made.body.id}/`, { shelf: "x" }],
      ["POST", `/api/products/sell/${made.body.id}/`, {}],
      ["POST", `/api/products/${made.body.id}/transition/`, { to: "damaged" }],
      ["DELETE", `/api/products/${made.body.id}/`, undefined],
    ] as const) {
      const res = await theirs(method, path, { body });
      expect([res.status, res.body.code], `${method} ${path}`).toEqual([404, "NOT_FOUND"]);
    }
    expect((await studio.owner.http("GET", `/api/products/${made.body.id}/`)).body).toEqual(made.body);
  });
});
