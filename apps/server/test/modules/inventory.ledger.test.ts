import { auditLog, stockBalances } from "@fotostudio/db";
import { and, desc, eq } from "drizzle-orm";
import { describe, expect } from "vitest";
import { type Http, studioTest } from "../support/studio.js";

// Reading the ledger: the check that replays it against the balances (and catches a balance
// changed behind its back), one location's running balance, and the movements list's filters.
const it = studioTest();

let n = 0;
async function material(call: Http) {
  const res = await call("POST", "/api/inventory/materials/", {
    body: { category: "impresion", code: `LED-${++n}`, name: `Photo paper ${n}`, unit: "sheet" },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: number };
}
const move = async (call: Http, body: Record<string, unknown>) => {
  const res = await call("POST", "/api/inventory/movements/", { body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: number; fromLocationId: number; toLocationId: number };
};

describe("the ledger check", () => {
  it("finds a balance changed behind the ledger's back, and nothing once it is put right", async ({ studio }) => {
    const call = studio.owner.http;
    const m = await material(call);
    const receipt = await move(call, { type: "receipt", materialId: m.id, quantity: "12" });
    const clean = await call("GET", "/api/inventory/check/");
    expect(clean.body.mismatches).toEqual([]);
    expect(clean.body.movements).toBeGreaterThan(0);
    const at = and(eq(stockBalances.materialId, m.id), eq(stockBalances.locationId, receipt.toLocationId));
    await studio.db.update(stockBalances).set({ onHand: "13.000" }).where(at);
    expect((await call("GET", "/api/inventory/check/")).body.mismatches).toEqual([
      { materialId: m.id, locationId: receipt.toLocationId, field: "onHand", balance: "13.000", expected: "12.000" },
    ]);
    await studio.db.update(stockBalances).set({ onHand: "12.000" }).where(at);
    expect((await call("GET", "/api/inventory/check/")).body.mismatches).toEqual([]);
  });
});

describe("reading movements", () => {
  it("one location's running balance counts what came in and went out of it only", async ({ studio }) => {
    const call = studio.owner.http;
    const m = await material(call);
    const wh = await call("POST", "/api/inventory/locations/", { body: { code: "WH-LED", name: "Warehouse" } });
    const receipt = await move(call, { type: "receipt", materialId: m.id, quantity: "10", toLocationId: wh.body.id });
    await move(call, { type: "transfer", materialId: m.id, quantity: "4", fromLocationId: wh.body.id });
    const returned = await move(call, { type: "return", materialId: m.id, quantity: "1" });
    const customer = (await call("GET", "/api/inventory/locations/")).body.find(
      (l: { kind: string }) => l.kind === "customer",
    );
    expect(returned.fromLocationId).toBe(customer.id);

    const there = await call("GET", `/api/inventory/materials/${m.id}/ledger/?locationId=${wh.body.id}`);
    expect(there.body.results.map((r: { change: string; balance: string }) => [r.change, r.balance])).toEqual([
      ["10.000", "10.000"],
      ["-4.000", "6.000"],
    ]);
    const everywhere = await call("GET", `/api/inventory/materials/${m.id}/ledger/`);
    expect(everywhere.body.results.map((r: { change: string; balance: string }) => [r.change, r.balance])).toEqual([
      ["10.000", "10.000"],
      ["0.000", "10.000"],
      ["1.000", "11.000"],
    ]);

    const byType = await call("GET", `/api/inventory/movements/?materialId=${m.id}&type=transfer`);
    expect(byType.body).toMatchObject({ count: 1, results: [{ type: "transfer", quantity: "4.000" }] });
    const byPlace = await call(
      "GET",
      `/api/inventory/movements/?materialId=${m.id}&locationId=${wh.body.id}&ordering=id`,
    );
    expect(byPlace.body.results.map((r: { id: number }) => r.id)[0]).toBe(receipt.id);
    expect(byPlace.body.count).toBe(2);
    const sdk = await studio.owner.sdk.inventory.movements.query({ materialId: m.id, search: "nothing like it" });
    expect(sdk.count).toBe(0);
  });
});

describe("what a write leaves behind", () => {
  it("a material with stock movements keeps its history: deleting it is 409", async ({ studio }) => {
    const call = studio.owner.http;
    const m = await material(call);
    await move(call, { type: "receipt", materialId: m.id, quantity: "1" });
    const res = await call("DELETE", `/api/inventory/materials/${m.id}/`);
    expect([res.status, res.body.code]).toEqual([409, "CONFLICT"]);
    expect((await call("GET", `/api/inventory/materials/${m.id}/`)).body).toMatchObject({ onHand: "1.000" });
  });

  it("every stock write is audited with what it made, and a refusal reaches SDK callers with its details", async ({
    studio,
  }) => {
    const call = studio.owner.http;
    const m = await material(call);
    const receipt = await move(call, { type: "receipt", materialId: m.id, quantity: "2" });
    const [row] = await studio.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "inventory.createMovement"))
      .orderBy(desc(auditLog.id))
      .limit(1);
    expect(row).toMatchObject({ entity: "inventory", entityId: String(receipt.id), before: null });
    expect(row?.after).toMatchObject({ id: receipt.id, quantity: "2.000" });

    const refused = await studio.owner.sdk.inventory.createMovement
      .mutate({ type: "adjust", materialId: m.id, quantity: "-3" })
      .then(
        () => ({ data: undefined }),
        (e: unknown) => e as { data?: Record<string, unknown> },
      );
    expect(refused.data).toMatchObject({
      code: "INSUFFICIENT_STOCK",
      httpStatus: 422,
      details: { materialId: m.id, requested: "3.000", available: "2.000" },
    });
  });
});
