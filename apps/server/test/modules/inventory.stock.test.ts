import { materials } from "@fotostudio/db";
import { eq } from "drizzle-orm";
import { describe, expect } from "vitest";
import { type Http, studioTest } from "../support/studio.js";

// What the stock ledger tells a studio: alerts most critical first (opened and closed by the
// movements themselves), reorder suggestions, physical counts, and the locations stock lives in.
const it = studioTest();

let n = 0;
async function material(call: Http, overrides: Record<string, unknown> = {}) {
  const res = await call("POST", "/api/inventory/materials/", {
    body: { category: "diseno", code: `STOCK-${++n}`, name: `Template ${n}`, minQty: "2", maxQty: "10", ...overrides },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: number; code: string };
}
const move = (call: Http, body: Record<string, unknown>) => call("POST", "/api/inventory/movements/", { body });
type Alert = { kind: string; materialId: number; available: string; minimum: string };
const alertsOf = async (call: Http, ids: number[]) =>
  ((await call("GET", "/api/inventory/alerts/")).body as Alert[]).filter((a) => ids.includes(a.materialId));

describe("alerts", () => {
  it("lists a material once it falls to its minimum and forgets it after a receipt", async ({ studio }) => {
    const call = studio.owner.http;
    const m = await material(call);
    await move(call, { type: "receipt", materialId: m.id, quantity: "5" });
    expect(await alertsOf(call, [m.id])).toEqual([]);
    await move(call, { type: "adjust", materialId: m.id, quantity: "-3" });
    expect(await alertsOf(call, [m.id])).toMatchObject([{ kind: "low_stock", available: "2.000", minimum: "2.000" }]);
    await move(call, { type: "adjust", materialId: m.id, quantity: "-2" });
    expect(await alertsOf(call, [m.id])).toMatchObject([{ kind: "out_of_stock", available: "0.000" }]);
    await move(call, { type: "receipt", materialId: m.id, quantity: "8" });
    expect(await alertsOf(call, [m.id])).toEqual([]);
    expect((await call("GET", `/api/inventory/materials/${m.id}/`)).body).toMatchObject({ lowStock: false });
  });

  it("orders by available − minimum, and lists expiring and long-idle materials", async ({ studio }) => {
    const call = studio.owner.http;
    const a = await material(call, { minQty: "5" });
    const b = await material(call, { minQty: "2" });
    const licence = await material(call, { category: "software", minQty: "0", maxQty: "0", expiresAt: "2020-01-01" });
    const idle = await material(call, { minQty: "0", maxQty: "0" });
    await move(call, { type: "receipt", materialId: a.id, quantity: "4" }); // 4 − 5 = −1
    await move(call, { type: "receipt", materialId: b.id, quantity: "1.5" }); // 1.5 − 2 = −0.5
    await move(call, { type: "receipt", materialId: idle.id, quantity: "3" });
    // Nothing has moved it for 100 days: the material and its one movement are back-dated.
    await studio.db
      .update(materials)
      .set({ createdAt: new Date(Date.now() - 100 * 86_400_000) })
      .where(eq(materials.id, licence.id));
    const rows = await alertsOf(call, [a.id, b.id, licence.id, idle.id]);
    expect(rows.map((r) => [r.materialId, r.kind])).toEqual([
      [a.id, "low_stock"],
      [b.id, "low_stock"],
      [licence.id, "expiring"],
      [licence.id, "inactive"],
    ]);
    // A new minimum opens the alert at once, as a movement would.
    await call("PATCH", `/api/inventory/materials/${idle.id}/`, { body: { minQty: "3", maxQty: "6" } });
    expect(await alertsOf(call, [idle.id])).toMatchObject([{ kind: "low_stock", available: "3.000" }]);
  });
});

describe("reorder suggestions", () => {
  it("max − (available + on order), rounded up to the pack multiple, for materials at or below the minimum", async ({
    studio,
  }) => {
    const call = studio.owner.http;
    const low = await material(call, { minQty: "4", maxQty: "20", packMultiple: "6" });
    const fine = await material(call, { minQty: "1", maxQty: "5" });
    await move(call, { type: "receipt", materialId: low.id, quantity: "3.5" });
    await move(call, { type: "receipt", materialId: fine.id, quantity: "3" });
    await studio.db.update(materials).set({ onOrderQty: "2.000" }).where(eq(materials.id, low.id));
    const rows = (await call("GET", "/api/inventory/reorder/")).body as { materialId: number }[];
    const mine = rows.filter((r) => [low.id, fine.id].includes(r.materialId));
    // 20 − (3.5 + 2) = 14.5 → 18 in packs of 6.
    expect(mine).toMatchObject([
      {
        materialId: low.id,
        available: "3.500",
        onOrder: "2.000",
        minimum: "4.000",
        maximum: "20.000",
        suggested: "18.000",
      },
    ]);
  });
});

describe("physical counts", () => {
  it("turns the differences into adjustment movements with the count as reason, in one go", async ({ studio }) => {
    const call = studio.owner.http;
    const a = await material(call);
    const b = await material(call);
    const c = await material(call);
    await move(call, { type: "receipt", materialId: a.id, quantity: "5" });
    await move(call, { type: "receipt", materialId: b.id, quantity: "5" });
    const res = await call("POST", "/api/inventory/counts/", {
      body: {
        note: "December",
        lines: [
          { materialId: a.id, counted: "4.5" },
          { materialId: b.id, counted: "5" },
          { materialId: c.id, counted: "2" },
        ],
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.lines.map((l: { difference: string }) => l.difference)).toEqual(["-0.500", "0.000", "2.000"]);
    expect(res.body.movements).toMatchObject([
      {
        materialId: a.id,
        type: "adjust",
        quantity: "0.500",
        countId: res.body.id,
        reason: `Count ${res.body.id}: December`,
      },
      { materialId: c.id, type: "adjust", quantity: "2.000", countId: res.body.id },
    ]);
    expect((await call("GET", `/api/inventory/materials/${a.id}/`)).body.onHand).toBe("4.500");
    expect((await call("GET", "/api/inventory/check/")).body.mismatches).toEqual([]);

    // Counted twice in one count: 400, and nothing of it is saved.
    const twice = await call("POST", "/api/inventory/counts/", {
      body: {
        lines: [
          { materialId: a.id, counted: "1" },
          { materialId: a.id, counted: "2" },
        ],
      },
    });
    expect(twice.status).toBe(400);
    expect((await call("GET", `/api/inventory/materials/${a.id}/`)).body.onHand).toBe("4.500");
  });
});

describe("locations", () => {
  it("internal locations change, one default moves, the virtual ones are fixed", async ({ studio }) => {
    const call = studio.owner.http;
    const before = (await call("GET", "/api/inventory/locations/")).body as {
      id: number;
      kind: string;
      isDefault: boolean;
    }[];
    const home = before.find((l) => l.isDefault);
    expect(before.map((l) => l.kind).sort()).toEqual([
      "adjustment",
      "customer",
      "internal",
      "production",
      "scrap",
      "supplier",
    ]);
    const shop = await call("POST", "/api/inventory/locations/", {
      body: { code: "SHOP-L", name: "Shop", isDefault: true },
    });
    expect(shop.status, JSON.stringify(shop.body)).toBe(201);
    const after = (await call("GET", "/api/inventory/locations/")).body as { id: number; isDefault: boolean }[];
    expect(after.filter((l) => l.isDefault).map((l) => l.id)).toEqual([shop.body.id]);
    // A receipt now goes to the new default.
    const m = await material(call);
    const receipt = await move(call, { type: "receipt", materialId: m.id, quantity: "1" });
    expect(receipt.body.toLocationId).toBe(shop.body.id);

    const unset = await call("PATCH", `/api/inventory/locations/${shop.body.id}/`, { body: { isDefault: false } });
    expect([unset.status, unset.body.code]).toEqual([422, "BUSINESS_RULE"]);
    const back = await call("PATCH", `/api/inventory/locations/${home?.id}/`, { body: { isDefault: true } });
    expect(back.body).toMatchObject({ isDefault: true });
    const renamed = await call("PUT", `/api/inventory/locations/${shop.body.id}/`, {
      body: { code: "SHOP-L", name: "Tienda" },
    });
    expect(renamed.body).toMatchObject({ name: "Tienda", isDefault: false, active: true });
    const virtual = before.find((l) => l.kind === "scrap");
    const fixed = await call("PATCH", `/api/inventory/locations/${virtual?.id}/`, { body: { name: "Basura" } });
    expect([fixed.status, fixed.body.code]).toEqual([422, "BUSINESS_RULE"]);
    const dup = await call("POST", "/api/inventory/locations/", { body: { code: "SHOP-L", name: "Again" } });
    expect(dup.status).toBe(409);
  });
});
