import { describe, expect } from "vitest";
import { print } from "../support/orders.js";
import type { Studio } from "../support/studio.js";
import { studioTest } from "../support/studio.js";
import { framedOrder, move, productionFor, stockOf } from "./production-fixtures.js";

// An order's transitions carry the work made for it (SPEC 6): cancelling the order cancels its
// production orders that have not started — their reserved stock goes back to available — and
// frees the finished pieces made or reserved for it; delivering the order by hand delivers the
// products sold under it, as the last sale does.
const it = studioTest();

const order = (studio: Studio, id: number) => studio.owner.http("GET", `/api/orders/${id}/`);
const product = (studio: Studio, id: number) => studio.owner.http("GET", `/api/products/${id}/`);

describe("cancelling an order", () => {
  it("cancels its unstarted production orders and releases what they reserved", async ({ studio }) => {
    const o = await framedOrder(studio, { lines: 2 });
    const [first, second] = await Promise.all(o.lineIds.map((line) => productionFor(studio, line)));
    if (!first || !second) throw new Error("two production orders expected");
    expect((await move(studio, first.id, "confirmed")).body.status).toBe("confirmed");
    // The frame needs L = 2(300 + 400) + 8·20 = 1560 mm of moulding: reserved as planned.
    expect((await stockOf(studio, o.mouldingId)).reserved).toBe("1.560");
    const cancelled = await studio.owner.http("POST", `/api/orders/${o.orderId}/transition/`, {
      body: { to: "cancelled", reason: "el cliente desistió" },
    });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    const po = (id: number) => studio.owner.http("GET", `/api/production/orders/${id}/`);
    const [a, b] = await Promise.all([po(first.id), po(second.id)]);
    expect([a.body.status, b.body.status]).toEqual(["cancelled", "cancelled"]);
    expect(a.body.cancelReason).toBe("el cliente desistió");
    expect(await stockOf(studio, o.mouldingId)).toEqual({ onHand: "10.000", reserved: "0.000" });

    // Each cancelled production order has its own audit row, by the same user in the same request
    // as the order's: the production order's history shows who cancelled it, and why.
    const [orderRow] = (await studio.owner.http("GET", `/api/audit/?model=orders&entityId=${o.orderId}&pageSize=1`))
      .body.results;
    expect(orderRow).toMatchObject({ action: "orders.transition", after: { status: "cancelled" } });
    for (const [work, was] of [
      [first, "confirmed"],
      [second, "draft"],
    ] as const) {
      const rows = (await studio.owner.http("GET", `/api/audit/?model=production&entityId=${work.id}`)).body.results;
      expect(rows[0], `production order ${work.id}`).toMatchObject({
        action: "production.transition",
        actor: orderRow.actor,
        requestId: orderRow.requestId,
        before: { status: was },
        after: { status: "cancelled", cancelReason: "el cliente desistió" },
      });
    }
  });

  it("leaves production in progress to the workshop, and frees the pieces reserved for it", async ({ studio }) => {
    const o = await framedOrder(studio);
    const [line] = o.lineIds;
    const started = await productionFor(studio, line as number);
    await move(studio, started.id, "confirmed");
    expect((await move(studio, started.id, "in_progress")).body.status).toBe("in_progress");
    const piece = await studio.owner.http("POST", "/api/products/", {
      body: { description: "Marco 30×40 de muestra", price: "50.00", orderId: o.orderId },
    });
    expect(piece.body.status).toBe("reserved");
    const cancelled = await studio.owner.http("POST", `/api/orders/${o.orderId}/transition/`, {
      body: { to: "cancelled", reason: "pedido anulado" },
    });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    const still = await studio.owner.http("GET", `/api/production/orders/${started.id}/`);
    expect(still.body.status).toBe("in_progress");
    expect((await product(studio, piece.body.id)).body).toMatchObject({ status: "available", orderId: null });
    const [freed] = (await studio.owner.http("GET", `/api/audit/?model=products&entityId=${piece.body.id}&pageSize=1`))
      .body.results;
    expect(freed).toMatchObject({
      action: "products.transition",
      requestId: cancelled.headers.get("x-request-id"),
      before: { status: "reserved", orderId: o.orderId },
      after: { status: "available", orderId: null },
    });
  });
});

describe("delivering an order by hand", () => {
  it("delivers the products sold under it", async ({ studio }) => {
    const call = studio.owner.http;
    const client = await call("POST", "/api/clients/", { body: { name: "Rosa Quispe", phone: "+51 984 000 222" } });
    const created = await call("POST", "/api/orders/", { body: { clientId: client.body.id, lines: [print()] } });
    expect([client.status, created.status], JSON.stringify(created.body)).toEqual([201, 201]);
    const id = created.body.id as number;
    await call("POST", `/api/orders/${id}/transition/`, { body: { to: "confirmed" } });
    const piece = await call("POST", "/api/products/", { body: { description: "Foto enmarcada", price: "10.00" } });
    expect(piece.status, JSON.stringify(piece.body)).toBe(201);
    const sold = await call("POST", `/api/products/sell/${piece.body.id}/`, { body: { orderId: id } });
    expect(sold.body.status, JSON.stringify(sold.body)).toBe("sold");
    await call("POST", `/api/orders/${id}/transition/`, { body: { to: "ready" } });
    const total = (await order(studio, id)).body.total as string;
    await call("POST", `/api/orders/${id}/payments/`, { body: { kind: "payment", amount: total, method: "cash" } });
    const delivered = await call("POST", `/api/orders/${id}/transition/`, { body: { to: "delivered" } });
    expect(delivered.status, JSON.stringify(delivered.body)).toBe(200);
    const after = (await product(studio, piece.body.id)).body;
    expect(after.status).toBe("delivered");
    expect(after.deliveredAt).not.toBeNull();
    const [handed] = (await call("GET", `/api/audit/?model=products&entityId=${piece.body.id}&pageSize=1`)).body
      .results;
    expect(handed).toMatchObject({
      action: "products.transition",
      requestId: delivered.headers.get("x-request-id"),
      before: { status: "sold" },
      after: { status: "delivered" },
    });
  });
});
