import { stockMovements } from "@fotostudio/db";
import { inArray } from "drizzle-orm";
import { describe, expect } from "vitest";
import type { Studio } from "../support/studio.js";
import { studioTest } from "../support/studio.js";
import { framedOrder, move, productionFor, receive } from "./production-fixtures.js";

// Traceability (SPEC 6): a production order leads to its movements, materials, order line, order,
// client and product; any stock movement leads back to its production order, order and client.
const it = studioTest();

/** A frame made and registered: 1.5 m of moulding and 0.12 m² of glass used, 0.06 m of moulding wasted. */
async function made(studio: Studio) {
  const o = await framedOrder(studio);
  const po = await productionFor(studio, o.lineIds[0] as number);
  await move(studio, po.id, "confirmed");
  await move(studio, po.id, "in_progress");
  const res = await studio.owner.http("POST", "/api/production/register/", {
    body: {
      productionOrderId: po.id,
      consumed: [
        { materialId: o.mouldingId, quantity: "1.500" },
        { materialId: o.glassId, quantity: "0.120" },
      ],
      waste: [{ materialId: o.mouldingId, quantity: "0.060", reason: "Despunte" }],
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return { ...o, po, registered: res.body };
}

describe("a production order's trace", () => {
  it("names its movements, materials, order line, order, client and product", async ({ studio }) => {
    const m = await made(studio);
    const res = await studio.owner.http("GET", `/api/production/orders/${m.po.id}/trace/`);
    expect(res.status).toBe(200);
    const trace = res.body;
    expect(trace.productionOrder).toMatchObject({ id: m.po.id, number: m.po.number, status: "done" });
    expect(trace.orderLine).toMatchObject({ id: m.lineIds[0], kind: "frame", quantity: "1.000" });
    expect(trace.order).toMatchObject({ id: m.orderId, number: m.orderNumber, status: "ready", clientId: m.clientId });
    expect(trace.client).toMatchObject({ id: m.clientId });
    expect(trace.product).toMatchObject({ id: m.registered.product.id, code: m.registered.product.code });
    expect(
      trace.movements.map((x: { type: string; materialId: number; quantity: string }) => [
        x.type,
        x.materialId,
        x.quantity,
      ]),
    ).toEqual([
      ["consume", m.mouldingId, "1.500"],
      ["consume", m.glassId, "0.120"],
      ["waste", m.mouldingId, "0.060"],
    ]);
    expect(trace.movements[0].unitCost).toBe("8.00");
    expect(trace.materials.map((x: { id: number; unit: string }) => [x.id, x.unit]).sort()).toEqual(
      [
        [m.mouldingId, "m"],
        [m.glassId, "m2"],
      ].sort(),
    );
    // Without costs:read, no unit cost.
    const hidden = await studio.users.production.http("GET", `/api/production/orders/${m.po.id}/trace/`);
    expect(hidden.status).toBe(200);
    expect(hidden.body.movements[0]).not.toHaveProperty("unitCost");
  });

  it("of an order made for no one has no line, order or client, and before registering no movements", async ({
    studio,
  }) => {
    const created = await studio.owner.http("POST", "/api/production/orders/", { body: { type: "other" } });
    const res = await studio.owner.http("GET", `/api/production/orders/${created.body.id}/trace/`);
    expect(res.body).toMatchObject({ orderLine: null, order: null, client: null, product: null, movements: [] });
  });
});

describe("from a movement back", () => {
  it("every consume and waste movement of the studio leads to a production order, order and client", async ({
    studio,
  }) => {
    await made(studio);
    await made(studio);
    const rows = await studio.db
      .select({ id: stockMovements.id })
      .from(stockMovements)
      .where(inArray(stockMovements.type, ["consume", "waste"]));
    expect(rows.length).toBeGreaterThanOrEqual(6);
    for (const { id } of rows) {
      const res = await studio.owner.http("GET", `/api/inventory/movements/${id}/trace/`);
      expect(res.status).toBe(200);
      expect(res.body.productionOrder?.id, `movement ${id}`).toBeTypeOf("number");
      expect(res.body.order?.id, `movement ${id}`).toBeTypeOf("number");
      expect(res.body.client?.name, `movement ${id}`).toBeTypeOf("string");
    }
  });

  it("a receipt belongs to no production order; an unknown movement is 404", async ({ studio }) => {
    const o = await framedOrder(studio, { moulding: "0", glass: "0" });
    const receipt = await receive(studio, o.mouldingId, "3");
    const res = await studio.owner.http("GET", `/api/inventory/movements/${receipt.id}/trace/`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      movement: { id: receipt.id, type: "receipt", quantity: "3.000" },
      productionOrder: null,
      order: null,
      client: null,
    });
    expect((await studio.owner.http("GET", "/api/inventory/movements/999999999/trace/")).status).toBe(404);
  });

  it("another studio's movement is 404 over REST and the SDK", async ({ studio, other }) => {
    const m = await made(studio);
    const id = m.registered.movements[0].id as number;
    const rest = await other.owner.http("GET", `/api/inventory/movements/${id}/trace/`);
    expect(rest.status).toBe(404);
    expect(rest.body.code).toBe("NOT_FOUND");
    await expect(other.owner.sdk.production.traceMovement.query({ id })).rejects.toMatchObject({
      data: { code: "NOT_FOUND" },
    });
    const mine = await studio.owner.sdk.production.traceMovement.query({ id });
    expect(mine.order?.id).toBe(m.orderId);
    expect(mine.movement.createdAt).toBeInstanceOf(Date);
  });
});
