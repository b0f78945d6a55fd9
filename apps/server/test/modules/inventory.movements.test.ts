import { stockMovements } from "@fotostudio/db";
import { errorCode } from "@fotostudio/sdk";
import { eq } from "drizzle-orm";
import { describe, expect } from "vitest";
import { type Http, studioTest } from "../support/studio.js";

// The stock ledger over REST and the SDK: movements are the only way stock changes, never below
// what is available, corrected by reversing movements, and the materials show the result.
const it = studioTest();

let n = 0;
async function material(call: Http, overrides: Record<string, unknown> = {}) {
  const res = await call("POST", "/api/inventory/materials/", {
    body: {
      category: "varillas",
      code: `MOV-${++n}`,
      name: "Moulding walnut 4 cm",
      unit: "m",
      faceWidthMm: 40,
      costPrice: "9.00",
      minQty: "2.000",
      maxQty: "20.000",
      purchaseUnit: "stick",
      purchaseFactor: "2.900",
      ...overrides,
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: number; code: string };
}

const move = (call: Http, body: Record<string, unknown>) => call("POST", "/api/inventory/movements/", { body });

describe("posting movements", () => {
  it("a receipt comes from the supplier into the default location, at its cost, and the material shows it", async ({
    studio,
  }) => {
    const call = studio.owner.http;
    const m = await material(call);
    const locations = (await call("GET", "/api/inventory/locations/")).body as {
      id: number;
      kind: string;
      isDefault: boolean;
    }[];
    const home = locations.find((l) => l.isDefault)?.id;
    const supplier = locations.find((l) => l.kind === "supplier")?.id;
    const res = await move(call, {
      type: "receipt",
      materialId: m.id,
      quantity: "10",
      unitCost: "8.50",
      reason: "F001-1",
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      type: "receipt",
      quantity: "10.000",
      fromLocationId: supplier,
      toLocationId: home,
      unitCost: "8.50",
      reason: "F001-1",
      userId: studio.owner.id,
      reversesId: null,
    });
    const shown = await call("GET", `/api/inventory/materials/${m.id}/`);
    expect(shown.body).toMatchObject({
      onHand: "10.000",
      reserved: "0.000",
      available: "10.000",
      lowStock: false,
      avgCost: "8.50",
      value: "85.00",
    });
    // The legacy list shows the same stock.
    const list = await call("GET", `/api/inventory/varillas/?search=${m.code}`);
    expect(list.body.results).toMatchObject([{ id: m.id, onHand: "10.000", value: "85.00" }]);
  });

  it("converts purchase units at entry: 2 sticks of 2.9 m at 26.10 a stick are 5.8 m at 9.00", async ({ studio }) => {
    const call = studio.owner.http;
    const m = await material(call);
    const res = await move(call, {
      type: "receipt",
      materialId: m.id,
      quantity: "2",
      unit: "purchase",
      unitCost: "26.10",
    });
    expect(res.body).toMatchObject({ quantity: "5.800", unitCost: "9.00" });
  });

  it("adjusts with a signed quantity, transfers between internal locations, and refuses what would go below zero", async ({
    studio,
  }) => {
    const call = studio.owner.http;
    const m = await material(call);
    await move(call, { type: "receipt", materialId: m.id, quantity: "5", unitCost: "9.00" });
    const shop = await call("POST", "/api/inventory/locations/", { body: { code: `TIENDA-${n}`, name: "Tienda" } });
    expect(shop.status, JSON.stringify(shop.body)).toBe(201);
    const out = await move(call, { type: "adjust", materialId: m.id, quantity: "-1.5", reason: "broken piece" });
    expect(out.status, JSON.stringify(out.body)).toBe(201);
    expect(out.body).toMatchObject({ type: "adjust", quantity: "1.500" });
    const moved = await move(call, { type: "transfer", materialId: m.id, quantity: "2", toLocationId: shop.body.id });
    expect(moved.status, JSON.stringify(moved.body)).toBe(201);
    expect((await call("GET", `/api/inventory/materials/${m.id}/`)).body).toMatchObject({ onHand: "3.500" });

    const short = await move(call, { type: "adjust", materialId: m.id, quantity: "-2", fromLocationId: shop.body.id });
    expect(short.status, JSON.stringify(short.body)).toBe(201);
    const refused = await move(call, {
      type: "transfer",
      materialId: m.id,
      quantity: "1.6",
      toLocationId: shop.body.id,
    });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({
      code: "INSUFFICIENT_STOCK",
      details: { materialId: m.id, requested: "1.600", available: "1.500" },
    });
    const rows = await studio.db.select().from(stockMovements).where(eq(stockMovements.materialId, m.id));
    expect(rows).toHaveLength(4);
    expect((await call("GET", "/api/inventory/check/")).body.mismatches).toEqual([]);
  });

  it("consume and waste come only from production; bad routes and quantities are 400 naming the field", async ({
    studio,
  }) => {
    const call = studio.owner.http;
    const m = await material(call);
    for (const [body, path] of [
      [{ type: "consume", materialId: m.id, quantity: "1" }, "type"],
      [{ type: "receipt", materialId: m.id, quantity: "-1" }, "quantity"],
      [{ type: "adjust", materialId: m.id, quantity: "0" }, "quantity"],
      [{ type: "transfer", materialId: m.id, quantity: "1" }, "toLocationId"],
      [{ type: "receipt", materialId: m.id, quantity: "1.0001" }, "quantity"],
    ] as const) {
      const res = await move(call, body);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.code).toBe("VALIDATION_ERROR");
      expect(res.body.issues.map((i: { path: string }) => i.path)).toContain(path);
    }
    const unknown = await move(call, { type: "receipt", materialId: 987_654, quantity: "1" });
    expect(unknown.status).toBe(404);
    expect(await studio.db.select().from(stockMovements).where(eq(stockMovements.materialId, m.id))).toEqual([]);
  });

  it("50 concurrent requests for the last 7 m: exactly 7 are taken, the rest refused, never below zero", async ({
    studio,
  }) => {
    const call = studio.users.manager.http;
    const m = await material(call);
    await move(call, { type: "receipt", materialId: m.id, quantity: "7" });
    const results = await Promise.all(
      Array.from({ length: 50 }, () => move(call, { type: "adjust", materialId: m.id, quantity: "-1" })),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(7);
    expect(statuses.filter((s) => s === 422)).toHaveLength(43);
    expect((await call("GET", `/api/inventory/materials/${m.id}/`)).body).toMatchObject({ onHand: "0.000" });
  });
});

describe("corrections", () => {
  it("reverses a movement once with a movement the other way; the original stays", async ({ studio }) => {
    const call = studio.owner.http;
    const m = await material(call);
    const first = (await move(call, { type: "receipt", materialId: m.id, quantity: "4", unitCost: "10.00" })).body;
    await move(call, { type: "receipt", materialId: m.id, quantity: "4", unitCost: "20.00" });
    expect((await call("GET", `/api/inventory/materials/${m.id}/`)).body.avgCost).toBe("15.00");
    const back = await call("POST", `/api/inventory/movements/${first.id}/reverse/`, {
      body: { reason: "wrong invoice" },
    });
    expect(back.status, JSON.stringify(back.body)).toBe(201);
    expect(back.body).toMatchObject({
      type: "receipt",
      quantity: "4.000",
      fromLocationId: first.toLocationId,
      toLocationId: first.fromLocationId,
      reversesId: first.id,
      reason: "wrong invoice",
    });
    // The reversed receipt's cost leaves the average with it.
    expect((await call("GET", `/api/inventory/materials/${m.id}/`)).body).toMatchObject({
      onHand: "4.000",
      avgCost: "20.00",
    });
    expect((await call("GET", `/api/inventory/movements/${first.id}/`)).body).toEqual(first);
    const again = await call("POST", `/api/inventory/movements/${first.id}/reverse/`, { body: {} });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe("ILLEGAL_TRANSITION");
    const ofCorrection = await call("POST", `/api/inventory/movements/${back.body.id}/reverse/`, { body: {} });
    expect(ofCorrection.body.code).toBe("ILLEGAL_TRANSITION");
  });

  it("a receipt whose stock is gone cannot be reversed: 422, nothing written", async ({ studio }) => {
    const call = studio.owner.http;
    const m = await material(call);
    const receipt = (await move(call, { type: "receipt", materialId: m.id, quantity: "3" })).body;
    await move(call, { type: "adjust", materialId: m.id, quantity: "-2" });
    const res = await call("POST", `/api/inventory/movements/${receipt.id}/reverse/`, { body: {} });
    expect(res.status).toBe(422);
    expect(res.body.details).toMatchObject({ requested: "3.000", available: "1.000" });
  });
});

describe("the ledger of a material", () => {
  it("lists its movements oldest first with the running balance, paginated", async ({ studio }) => {
    const call = studio.owner.http;
    const m = await material(call);
    await move(call, { type: "receipt", materialId: m.id, quantity: "10" });
    await move(call, { type: "adjust", materialId: m.id, quantity: "-2.5" });
    await move(call, { type: "return", materialId: m.id, quantity: "1" });
    const page = await call("GET", `/api/inventory/materials/${m.id}/ledger/?pageSize=2&page=2`);
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    expect(page.body).toMatchObject({
      count: 3,
      page: 2,
      results: [{ type: "return", change: "1.000", balance: "8.500" }],
    });
    const all = await studio.users.viewer.sdk.inventory.ledger.query({ id: m.id });
    expect(all.results.map((r) => [r.change, r.balance])).toEqual([
      ["10.000", "10.000"],
      ["-2.500", "7.500"],
      ["1.000", "8.500"],
    ]);
    // No costs for the viewer.
    expect(all.results[0]).not.toHaveProperty("unitCost");
  });
});

describe("who may do what", () => {
  it("a viewer reads stock but posts nothing, and sees no cost or value", async ({ studio }) => {
    const m = await material(studio.owner.http);
    await move(studio.owner.http, { type: "receipt", materialId: m.id, quantity: "1", unitCost: "5.00" });
    const viewer = studio.users.viewer;
    expect((await move(viewer.http, { type: "receipt", materialId: m.id, quantity: "1" })).status).toBe(403);
    const read = await viewer.http("GET", `/api/inventory/materials/${m.id}/`);
    expect(read.body).toMatchObject({ onHand: "1.000", available: "1.000" });
    expect(read.body).not.toHaveProperty("value");
    expect(read.body).not.toHaveProperty("avgCost");
    const listed = await viewer.sdk.inventory.movements.query({ materialId: m.id });
    expect(listed.results[0]).not.toHaveProperty("unitCost");
    const refused = await viewer.sdk.inventory.createMovement
      .mutate({ type: "receipt", materialId: m.id, quantity: "1" })
      .catch((e: unknown) => e);
    expect(errorCode(refused)).toBe("FORBIDDEN");
  });

  it("another studio's movements, materials and locations are 404", async ({ studio, other }) => {
    const m = await material(studio.owner.http);
    const receipt = (await move(studio.owner.http, { type: "receipt", materialId: m.id, quantity: "1" })).body;
    expect((await other.owner.http("GET", `/api/inventory/movements/${receipt.id}/`)).status).toBe(404);
    expect((await other.owner.http("GET", `/api/inventory/materials/${m.id}/ledger/`)).status).toBe(404);
    expect((await move(other.owner.http, { type: "receipt", materialId: m.id, quantity: "1" })).status).toBe(404);
  });
});
