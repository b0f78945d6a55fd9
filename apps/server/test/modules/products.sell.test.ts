import { auditLog } from "@fotostudio/db";
import { errorCode } from "@fotostudio/sdk";
import { and, eq } from "drizzle-orm";
import { describe, expect } from "vitest";
import { type Studio, studioTest } from "../support/studio.js";

// The product's machine (SPEC 6: available ↔ reserved → sold → delivered; available → damaged),
// the sale's rules (only from available or reserved for the same order, idempotent for the same
// order, once under concurrent sells) and what a sale does to its order.
const it = studioTest();

let serial = 0;

/** An order of one print (118.00 with tax) moved to `to` along draft → confirmed → ready. */
async function orderOf(studio: Studio, to: "draft" | "confirmed" | "ready" = "confirmed") {
  const call = studio.owner.http;
  const client = await call("POST", "/api/clients/", {
    body: { name: `Cliente ${++serial}`, phone: "+51 984 000 111" },
  });
  const order = await call("POST", "/api/orders/", {
    body: {
      clientId: client.body.id,
      lines: [{ kind: "item", description: "Ampliación 30x40", quantity: "1", unitPrice: "100.00" }],
    },
  });
  expect(order.status, JSON.stringify(order.body)).toBe(201);
  const route = { draft: [], confirmed: ["confirmed"], ready: ["confirmed", "ready"] }[to];
  for (const step of route) {
    const moved = await call("POST", `/api/orders/${order.body.id}/transition/`, { body: { to: step } });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
  }
  return { id: order.body.id as number, total: order.body.total as string };
}

const STATES = ["available", "reserved", "sold", "delivered", "damaged"] as const;
type State = (typeof STATES)[number];
const MOVES = ["reserved", "available", "delivered", "damaged"] as const;
const ALLOWED = new Set(["available→reserved", "available→damaged", "reserved→available", "sold→delivered"]);

/** A hand-entered product brought to `state` (reserved for `orderId`, needed then; sold under it when given). */
async function productIn(studio: Studio, state: State, orderId?: number): Promise<number> {
  const call = studio.owner.http;
  const made = await call("POST", "/api/products/", {
    body: { description: `Pieza ${state}`, price: "50.00", ...(state === "reserved" && { orderId }) },
  });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  const id: number = made.body.id;
  if (state === "sold" || state === "delivered") {
    const sold = await call("POST", `/api/products/sell/${id}/`, { body: orderId ? { orderId } : {} });
    expect(sold.status, JSON.stringify(sold.body)).toBe(200);
  }
  if (state === "delivered" || state === "damaged") {
    const res = await call("POST", `/api/products/${id}/transition/`, { body: { to: state } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }
  return id;
}

const PAIRS = STATES.flatMap((from) => MOVES.map((to) => [from, to] as const));

describe("the product machine, every (state, move) pair", () => {
  it.for(PAIRS)("%s → %s", async ([from, to], { studio }) => {
    const call = studio.owner.http;
    const order = await orderOf(studio);
    const id = await productIn(studio, from, order.id);
    const before = (await call("GET", `/api/products/${id}/`)).body;
    const res = await call("POST", `/api/products/${id}/transition/`, {
      body: { to, orderId: order.id, reason: "table" },
    });
    if (ALLOWED.has(`${from}→${to}`)) {
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.status).toBe(to);
    } else {
      expect([res.status, res.body.code], JSON.stringify(res.body)).toEqual([409, "ILLEGAL_TRANSITION"]);
      expect((await call("GET", `/api/products/${id}/`)).body).toEqual(before);
    }
  });

  it("reserving sets the order, releasing clears it; delivering stamps when; a reason is audited", async ({
    studio,
  }) => {
    const call = studio.owner.http;
    const order = await orderOf(studio);
    const id = await productIn(studio, "available");
    const noOrder = await call("POST", `/api/products/${id}/transition/`, { body: { to: "reserved" } });
    expect([noOrder.status, noOrder.body.issues?.[0]?.path]).toEqual([400, "orderId"]);
    const draft = await orderOf(studio, "draft");
    const missing = await call("POST", `/api/products/${id}/transition/`, {
      body: { to: "reserved", orderId: 999999 },
    });
    expect(missing.status).toBe(404);
    const reserved = await call("POST", `/api/products/${id}/transition/`, {
      body: { to: "reserved", orderId: order.id },
    });
    expect(reserved.body).toMatchObject({ status: "reserved", orderId: order.id });
    const released = await call("POST", `/api/products/${id}/transition/`, { body: { to: "available" } });
    expect(released.body).toMatchObject({ status: "available", orderId: null });
    // A quote can have a piece set aside for it; only its sale waits for the confirmation.
    const forQuote = await call("POST", `/api/products/${id}/transition/`, {
      body: { to: "reserved", orderId: draft.id },
    });
    expect(forQuote.status).toBe(200);
    await call("POST", `/api/products/${id}/transition/`, { body: { to: "available" } });

    const damaged = await call("POST", `/api/products/${id}/transition/`, {
      body: { to: "damaged", reason: "Vidrio rajado" },
    });
    expect(damaged.body.status).toBe("damaged");
    const [row] = await studio.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "products.transition"), eq(auditLog.entityId, String(id))))
      .orderBy(auditLog.id)
      .then((rows) => rows.slice(-1));
    expect(row?.before).toMatchObject({ status: "available" });
    expect(row?.after).toMatchObject({ status: "damaged", reason: "Vidrio rajado" });

    const sold = await productIn(studio, "sold");
    const handed = await studio.owner.sdk.products.transition.mutate({ id: sold, to: "delivered" });
    expect(handed.status).toBe("delivered");
    expect(handed.deliveredAt).toBeInstanceOf(Date);
  });
});

describe("selling", () => {
  it("from available at the counter: sold once, by whom and when; a second counter sale is 409", async ({ studio }) => {
    const sales = studio.users.sales;
    const id = await productIn(studio, "available");
    const sold = await sales.http("POST", `/api/products/sell/${id}/`, { body: {} });
    expect(sold.status, JSON.stringify(sold.body)).toBe(200);
    expect(sold.body).toMatchObject({ status: "sold", soldOrderId: null, soldBy: sales.id });
    expect(new Date(sold.body.soldAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
    const again = await sales.http("POST", `/api/products/sell/${id}/`, { body: {} });
    expect([again.status, again.body.code]).toEqual([409, "CONFLICT"]);
    expect((await sales.http("GET", `/api/products/${id}/`)).body).toEqual(sold.body);
  });

  it("is idempotent for the same order: the sold product again, 200, nothing written; 409 for anyone else", async ({
    studio,
  }) => {
    const call = studio.owner.http;
    const order = await orderOf(studio);
    const another = await orderOf(studio);
    const id = await productIn(studio, "available");
    const sold = await call("POST", `/api/products/sell/${id}/`, { body: { orderId: order.id } });
    expect(sold.body).toMatchObject({ status: "sold", soldOrderId: order.id });
    const replay = await call("POST", `/api/products/sell/${id}/`, { body: { orderId: order.id } });
    expect([replay.status, replay.body]).toEqual([200, sold.body]);
    const sdkReplay = await studio.owner.sdk.products.sell.mutate({ id, orderId: order.id });
    expect(sdkReplay.updatedAt).toEqual(new Date(sold.body.updatedAt));
    for (const body of [{ orderId: another.id }, {}]) {
      const res = await call("POST", `/api/products/sell/${id}/`, { body });
      expect([res.status, res.body.code], JSON.stringify(body)).toEqual([409, "CONFLICT"]);
    }
    expect((await call("GET", `/api/products/${id}/`)).body).toEqual(sold.body);
  });

  it("from reserved only under its own order; damaged and delivered pieces never sell", async ({ studio }) => {
    const call = studio.owner.http;
    const order = await orderOf(studio);
    const another = await orderOf(studio);
    const reserved = await productIn(studio, "reserved", order.id);
    for (const body of [{}, { orderId: another.id }]) {
      const res = await call("POST", `/api/products/sell/${reserved}/`, { body });
      expect([res.status, res.body.code], JSON.stringify(body)).toEqual([409, "CONFLICT"]);
      expect((await call("GET", `/api/products/${reserved}/`)).body.status).toBe("reserved");
    }
    const mine = await call("POST", `/api/products/sell/${reserved}/`, { body: { orderId: order.id } });
    expect(mine.body).toMatchObject({ status: "sold", orderId: order.id, soldOrderId: order.id });

    const damaged = await productIn(studio, "damaged");
    const broken = await call("POST", `/api/products/sell/${damaged}/`, { body: { orderId: order.id } });
    expect([broken.status, broken.body.code]).toEqual([409, "ILLEGAL_TRANSITION"]);
    const delivered = await productIn(studio, "delivered");
    const handed = await call("POST", `/api/products/sell/${delivered}/`, { body: { orderId: another.id } });
    expect([handed.status, handed.body.code]).toEqual([409, "CONFLICT"]);
  });

  it("needs an order that is a sale (404 unknown, 422 a quote) and a product that exists", async ({ studio }) => {
    const call = studio.owner.http;
    const quote = await orderOf(studio, "draft");
    const id = await productIn(studio, "available");
    const draft = await call("POST", `/api/products/sell/${id}/`, { body: { orderId: quote.id } });
    expect([draft.status, draft.body.code]).toEqual([422, "BUSINESS_RULE"]);
    const unknown = await call("POST", `/api/products/sell/${id}/`, { body: { orderId: 999999 } });
    expect([unknown.status, unknown.body.code]).toEqual([404, "NOT_FOUND"]);
    expect((await call("GET", `/api/products/${id}/`)).body.status).toBe("available");
    const none = await studio.owner.sdk.products.sell.mutate({ id: 999999 }).catch((e: unknown) => e);
    expect(errorCode(none)).toBe("NOT_FOUND");
  });
});

describe("concurrent sells of one product sell it once", () => {
  it("20 counter sales over REST: one 200, nineteen 409, one sale on record", async ({ studio }) => {
    const id = await productIn(studio, "available");
    const results = await Promise.all(
      Array.from({ length: 20 }, () => studio.users.sales.http("POST", `/api/products/sell/${id}/`, { body: {} })),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, ...Array(19).fill(409)]);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.code === "CONFLICT")).toBe(true);
    const sales = await studio.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "products.sell"), eq(auditLog.entityId, String(id))));
    expect(sales).toHaveLength(1);
  });

  it("20 sells under one order over the SDK: all answer the one sale; under two orders only one order wins", async ({
    studio,
  }) => {
    const order = await orderOf(studio);
    const id = await productIn(studio, "available");
    const same = await Promise.all(
      Array.from({ length: 20 }, () => studio.owner.sdk.products.sell.mutate({ id, orderId: order.id })),
    );
    expect(new Set(same.map((p) => p.soldAt?.getTime())).size).toBe(1);
    expect(same.every((p) => p.status === "sold" && p.soldOrderId === order.id)).toBe(true);

    const [a, b] = [await orderOf(studio), await orderOf(studio)];
    const contested = await productIn(studio, "available");
    const raced = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        studio.owner.sdk.products.sell.mutate({ id: contested, orderId: i % 2 ? a.id : b.id }).then(
          (p) => ({ ok: p.soldOrderId }),
          (e: unknown) => ({ error: errorCode(e) }),
        ),
      ),
    );
    const winners = new Set(raced.flatMap((r) => ("ok" in r ? [r.ok] : [])));
    expect(winners.size).toBe(1);
    expect(raced.filter((r) => "ok" in r)).toHaveLength(10);
    expect(raced.filter((r) => "error" in r).map((r) => ("error" in r ? r.error : ""))).toEqual(
      Array(10).fill("CONFLICT"),
    );
  });
});

describe("a sale counts toward its order's delivery", () => {
  const pay = (studio: Studio, id: number, amount: string) =>
    studio.owner.http("POST", `/api/orders/${id}/payments/`, { body: { kind: "payment", amount, method: "cash" } });

  it("the last product of a ready, paid order sold: the order and its products are delivered (audited)", async ({
    studio,
  }) => {
    const call = studio.owner.http;
    const order = await orderOf(studio, "ready");
    expect((await pay(studio, order.id, order.total)).status).toBe(201);
    const first = await productIn(studio, "reserved", order.id);
    const second = await productIn(studio, "reserved", order.id);
    await call("POST", `/api/products/sell/${first}/`, { body: { orderId: order.id } });
    expect((await call("GET", `/api/orders/${order.id}/`)).body.status).toBe("ready");

    const last = await call("POST", `/api/products/sell/${second}/`, { body: { orderId: order.id } });
    expect(last.body.status).toBe("delivered");
    const delivered = (await call("GET", `/api/orders/${order.id}/`)).body;
    expect(delivered.status).toBe("delivered");
    expect(delivered.deliveredAt).not.toBeNull();
    expect((await call("GET", `/api/products/${first}/`)).body).toMatchObject({ status: "delivered" });
    const audit = await studio.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "orders.transition"), eq(auditLog.entityId, String(order.id))));
    expect(audit.at(-1)?.after).toMatchObject({ status: "delivered" });
    // The other piece went with the order (its own row, the sale's request); the one sold has
    // the sale's row and no other.
    const moves = await studio.db
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.action, "products.transition"), eq(auditLog.requestId, last.headers.get("x-request-id") ?? "")),
      );
    expect(moves.map((m) => [m.entityId, m.before, m.after])).toEqual([
      [String(first), expect.objectContaining({ status: "sold" }), expect.objectContaining({ status: "delivered" })],
    ]);
    // Selling it again under the order answers the piece as it is now: nothing moves.
    const replay = await call("POST", `/api/products/sell/${second}/`, { body: { orderId: order.id } });
    expect([replay.status, replay.body.status]).toEqual([200, "delivered"]);
  });

  it("three products of a ready, paid order sold at once: the order is delivered (the sales queue on the order)", async ({
    studio,
  }) => {
    const order = await orderOf(studio, "ready");
    await pay(studio, order.id, order.total);
    const pieces = await Promise.all([1, 2, 3].map(() => productIn(studio, "reserved", order.id)));
    const sold = await Promise.all(
      pieces.map((id) => studio.users.sales.sdk.products.sell.mutate({ id, orderId: order.id })),
    );
    expect(sold.map((p) => p.status).sort()).toEqual(["delivered", "sold", "sold"]);
    expect((await studio.owner.http("GET", `/api/orders/${order.id}/`)).body.status).toBe("delivered");
    const now = await studio.owner.http("GET", `/api/products/?orderId=${order.id}`);
    expect(now.body.results.map((p: { status: string }) => p.status)).toEqual(["delivered", "delivered", "delivered"]);
  });

  it("with a balance due the order stays ready; a confirmed order is not delivered by a sale", async ({ studio }) => {
    const call = studio.owner.http;
    const owing = await orderOf(studio, "ready");
    expect((await pay(studio, owing.id, "10.00")).status).toBe(201);
    const piece = await productIn(studio, "reserved", owing.id);
    const sold = await call("POST", `/api/products/sell/${piece}/`, { body: { orderId: owing.id } });
    expect(sold.body.status).toBe("sold");
    expect((await call("GET", `/api/orders/${owing.id}/`)).body.status).toBe("ready");

    const confirmed = await orderOf(studio, "confirmed");
    await pay(studio, confirmed.id, confirmed.total);
    const counter = await productIn(studio, "available");
    expect(
      (await call("POST", `/api/products/sell/${counter}/`, { body: { orderId: confirmed.id } })).body.status,
    ).toBe("sold");
    expect((await call("GET", `/api/orders/${confirmed.id}/`)).body.status).toBe("confirmed");
  });
});
