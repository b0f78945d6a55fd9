import { describe, expect } from "vitest";
import type { Studio } from "../support/studio.js";
import { studioTest } from "../support/studio.js";
import { framedOrder, move, productionFor } from "./production-fixtures.js";

// A product production made (register → createProduct) for an order: reserved for it, kept with
// its production order, and sold under that order only; the sale delivers the ready order once it
// is paid, and leaves it ready while a balance is due.
const it = studioTest();

/** A confirmed order with one framed piece, made by a production order registered to done; the product. */
async function madePiece(studio: Studio) {
  const o = await framedOrder(studio);
  const po = await productionFor(studio, o.lineIds[0] as number);
  expect((await move(studio, po.id, "confirmed")).status).toBe(200);
  expect((await move(studio, po.id, "in_progress")).status).toBe(200);
  const res = await studio.owner.http("POST", "/api/production/register/", {
    body: {
      productionOrderId: po.id,
      consumed: [
        { materialId: o.mouldingId, quantity: "1.560" },
        { materialId: o.glassId, quantity: "0.120" },
      ],
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const order = (await studio.owner.http("GET", `/api/orders/${o.orderId}/`)).body;
  return { order, po, productId: res.body.product.id as number };
}

const pay = (studio: Studio, id: number, amount: string) =>
  studio.owner.http("POST", `/api/orders/${id}/payments/`, { body: { kind: "payment", amount, method: "cash" } });

describe("a product made for an order", () => {
  it("is reserved for the order, coded PT-…, kept on delete, and sells only under its order", async ({ studio }) => {
    const call = studio.owner.http;
    const { order, po, productId } = await madePiece(studio);
    expect(order.status).toBe("ready");
    const product = (await call("GET", `/api/products/${productId}/`)).body;
    expect(product).toMatchObject({
      status: "reserved",
      orderId: order.id,
      productionOrderId: po.id,
      kind: "frame",
      location: { code: "PRINCIPAL" },
    });
    expect(product.code).toMatch(/^PT-\d{4}-\d{6}$/);
    const listed = await call("GET", `/api/products/status/reserved/?orderId=${order.id}`);
    expect(listed.body.results.map((p: { id: number }) => p.id)).toEqual([productId]);

    const kept = await call("DELETE", `/api/products/${productId}/`);
    expect([kept.status, kept.body.code]).toEqual([409, "CONFLICT"]);
    const counter = await call("POST", `/api/products/sell/${productId}/`, { body: {} });
    expect([counter.status, counter.body.code]).toEqual([409, "CONFLICT"]);
  });

  it("sold under its ready, paid order: the order is delivered; with a balance due it stays ready", async ({
    studio,
  }) => {
    const call = studio.owner.http;
    const paid = await madePiece(studio);
    expect((await pay(studio, paid.order.id, paid.order.total)).status).toBe(201);
    const sold = await studio.users.sales.sdk.products.sell.mutate({ id: paid.productId, orderId: paid.order.id });
    expect(sold.status).toBe("delivered");
    expect((await call("GET", `/api/orders/${paid.order.id}/`)).body.status).toBe("delivered");

    const owing = await madePiece(studio);
    const due = await call("POST", `/api/products/sell/${owing.productId}/`, { body: { orderId: owing.order.id } });
    expect([due.status, due.body.status]).toEqual([200, "sold"]);
    expect((await call("GET", `/api/orders/${owing.order.id}/`)).body.status).toBe("ready");
    // Paid later, the order is delivered by hand, and the piece sold under it goes with it.
    await pay(studio, owing.order.id, owing.order.total);
    const delivered = await call("POST", `/api/orders/${owing.order.id}/transition/`, { body: { to: "delivered" } });
    expect(delivered.status).toBe(200);
    const handed = await call("GET", `/api/products/${owing.productId}/`);
    expect(handed.body.status).toBe("delivered");
  });
});
