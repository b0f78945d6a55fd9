import { auditLog } from "@fotostudio/db";
import { and, eq } from "drizzle-orm";
import { describe, expect } from "vitest";
import { type Http, type Studio, studioTest } from "../support/studio.js";

// The order's state machine (SPEC 6) cell by cell, who may cancel work in production, and the
// payment rules: paid never above the total, a refund never above what was paid, never edited.
const it = studioTest();

let counter = 0;

const STATES = ["draft", "confirmed", "in_production", "ready", "delivered", "cancelled"] as const;
type State = (typeof STATES)[number];
const ALLOWED = new Set([
  "draft→confirmed",
  "draft→cancelled",
  "confirmed→in_production",
  "confirmed→ready",
  "confirmed→cancelled",
  "in_production→ready",
  "in_production→cancelled",
  "ready→delivered",
]);
/** How an order gets to each state from a draft. */
const ROUTE: Record<State, State[]> = {
  draft: [],
  confirmed: ["confirmed"],
  in_production: ["confirmed", "in_production"],
  ready: ["confirmed", "ready"],
  delivered: ["confirmed", "ready", "delivered"],
  cancelled: ["cancelled"],
};

async function clientOf(studio: Studio): Promise<number> {
  const res = await studio.owner.http("POST", "/api/clients/", {
    body: { name: `Rosa Flores ${++counter}`, phone: "+51 986 000 222" },
  });
  expect(res.status).toBe(201);
  return res.body.id;
}

/** An order of one print at 100.00 + 18 % (118.00), moved along `route`; `paid` pays it in full first. */
async function orderIn(studio: Studio, state: State, opts: { paid?: boolean; lines?: unknown[] } = {}) {
  const call = studio.owner.http;
  const lines = opts.lines ?? [{ kind: "item", description: "Ampliación 30x40", quantity: "1", unitPrice: "100.00" }];
  const created = await call("POST", "/api/orders/", { body: { clientId: await clientOf(studio), lines } });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const id: number = created.body.id;
  if (opts.paid) await pay(call, id, "payment", created.body.total);
  for (const to of ROUTE[state]) {
    const moved = await call("POST", `/api/orders/${id}/transition/`, { body: { to, reason: "route" } });
    expect(moved.status, `${to}: ${JSON.stringify(moved.body)}`).toBe(200);
  }
  return id;
}

const pay = (call: Http, id: number, kind: string, amount: unknown, method = "cash") =>
  call("POST", `/api/orders/${id}/payments/`, { body: { kind, amount, method } });

const PAIRS = STATES.flatMap((from) => STATES.map((to) => [from, to] as const));

describe("the order machine, every (state, target) pair", () => {
  it.for(PAIRS)("%s → %s", async ([from, to], { studio }) => {
    const call = studio.owner.http;
    const id = await orderIn(studio, from, { paid: true });
    const before = (await call("GET", `/api/orders/${id}/`)).body;
    const res = await call("POST", `/api/orders/${id}/transition/`, { body: { to, reason: "table test" } });
    if (ALLOWED.has(`${from}→${to}`)) {
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.status).toBe(to);
    } else {
      expect(res.status, JSON.stringify(res.body)).toBe(409);
      expect(res.body.code).toBe("ILLEGAL_TRANSITION");
      expect((await call("GET", `/api/orders/${id}/`)).body).toEqual(before);
    }
  });
});

describe("transition rules", () => {
  it("every move is audited with the order before and after; a refused one leaves no row", async ({ studio }) => {
    const id = await orderIn(studio, "draft");
    const audited = () =>
      studio.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "orders.transition"), eq(auditLog.entityId, String(id))));
    await studio.owner.http("POST", `/api/orders/${id}/transition/`, { body: { to: "confirmed" } });
    await studio.owner.http("POST", `/api/orders/${id}/transition/`, { body: { to: "delivered" } });
    const rows = await audited();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      entity: "orders",
      actorId: studio.owner.id,
      before: { status: "draft" },
      after: { status: "confirmed" },
    });
  });

  it("in production, only orders:cancel (owner, manager) cancels, and with a reason", async ({ studio }) => {
    const id = await orderIn(studio, "in_production");
    const path = `/api/orders/${id}/transition/`;
    const sales = await studio.users.sales.http("POST", path, { body: { to: "cancelled", reason: "client withdrew" } });
    expect(sales.status).toBe(403);
    expect(sales.body.code).toBe("FORBIDDEN");
    const noReason = await studio.users.manager.http("POST", path, { body: { to: "cancelled" } });
    expect(noReason.status).toBe(400);
    expect(noReason.body.issues.map((i: { path: string }) => i.path)).toEqual(["reason"]);
    expect((await studio.owner.http("GET", `/api/orders/${id}/`)).body).toMatchObject({ status: "in_production" });
    const done = await studio.users.manager.http("POST", path, {
      body: { to: "cancelled", reason: "client withdrew" },
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: "cancelled", cancelReason: "client withdrew" });
    expect(done.body.cancelledAt).toMatch(/^\d{4}-/);
    // Earlier, sales cancel without a reason; production staff only read orders.
    const draft = await orderIn(studio, "draft");
    const denied = await studio.users.production.http("POST", `/api/orders/${draft}/transition/`, {
      body: { to: "confirmed" },
    });
    expect(denied.status).toBe(403);
    const cancelled = await studio.users.sales.http("POST", `/api/orders/${draft}/transition/`, {
      body: { to: "cancelled" },
    });
    expect(cancelled.body).toMatchObject({ status: "cancelled", cancelReason: null });
  });

  it("confirmed → ready only when there is nothing to frame (422 BUSINESS_RULE otherwise)", async ({ studio }) => {
    const moulding = await studio.owner.http("POST", "/api/inventory/materials/", {
      body: {
        category: "varillas",
        code: `VAR-LC-${++counter}`,
        name: "Cedar",
        unit: "m",
        faceWidthMm: 25,
        costPrice: "9",
      },
    });
    const lines = [
      { kind: "frame", quantity: 1, frame: { artWidthMm: 200, artHeightMm: 300, mouldingId: moulding.body.id } },
    ];
    const id = await orderIn(studio, "confirmed", { lines });
    const res = await studio.owner.http("POST", `/api/orders/${id}/transition/`, { body: { to: "ready" } });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe("BUSINESS_RULE");
    expect((await studio.owner.http("GET", `/api/orders/${id}/`)).body.status).toBe("confirmed");
  });
});

describe("payments", () => {
  it("paid never goes above the total, a refund never above what was paid", async ({ studio }) => {
    const call = studio.owner.http;
    const id = await orderIn(studio, "confirmed");
    const over = await pay(call, id, "deposit", "118.01");
    expect(over.status).toBe(422);
    expect(over.body.code).toBe("OVERPAYMENT");
    expect((await pay(call, id, "deposit", "18.00")).body).toMatchObject({ paid: "18.00", paymentStatus: "partial" });
    const refundTooBig = await pay(call, id, "refund", "18.01");
    expect(refundTooBig.status).toBe(422);
    expect(refundTooBig.body.code).toBe("REFUND_EXCEEDS_PAID");
    expect((await pay(call, id, "refund", "8.00")).body).toMatchObject({ paid: "10.00", balance: "108.00" });
    expect((await pay(call, id, "payment", "108.00")).body).toMatchObject({ paid: "118.00", paymentStatus: "paid" });
    expect((await pay(call, id, "payment", "0.01")).body.code).toBe("OVERPAYMENT");
    const list = await call("GET", `/api/orders/${id}/payments/`);
    expect(list.body.results.map((p: { kind: string; amount: string }) => `${p.kind} ${p.amount}`)).toEqual([
      "deposit 18.00",
      "refund 8.00",
      "payment 108.00",
    ]);
  });

  it("bad payments are 400 on the field; payments are never edited or deleted", async ({ studio }) => {
    const call = studio.owner.http;
    const id = await orderIn(studio, "draft");
    const cases: [Record<string, unknown>, string][] = [
      [{ kind: "deposit", amount: "0", method: "cash" }, "amount"],
      [{ kind: "deposit", amount: "-5.00", method: "cash" }, "amount"],
      [{ kind: "deposit", amount: "1.005", method: "cash" }, "amount"],
      [{ kind: "deposit", amount: "abc", method: "cash" }, "amount"],
      [{ kind: "deposit", method: "cash" }, "amount"],
      [{ kind: "gift", amount: "1", method: "cash" }, "kind"],
      [{ kind: "deposit", amount: "1", method: "cheque" }, "method"],
    ];
    for (const [body, field] of cases) {
      const res = await call("POST", `/api/orders/${id}/payments/`, { body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.issues.map((i: { path: string }) => i.path)).toContain(field);
    }
    expect((await call("GET", `/api/orders/${id}/payments/`)).body.count).toBe(0);
    expect((await call("DELETE", `/api/orders/${id}/payments/`)).status).toBeGreaterThanOrEqual(404);
    expect((await call("PUT", `/api/orders/${id}/payments/`, { body: {} })).status).toBeGreaterThanOrEqual(404);
  });

  it("money comes in while the order is open; refunds also after delivery or cancellation", async ({ studio }) => {
    const call = studio.owner.http;
    const delivered = await orderIn(studio, "delivered", { paid: true });
    expect((await pay(call, delivered, "payment", "1.00")).status).toBe(409);
    expect((await pay(call, delivered, "refund", "18.00")).body).toMatchObject({ status: "delivered", paid: "100.00" });
    const cancelled = await orderIn(studio, "draft");
    await pay(call, cancelled, "deposit", "50.00");
    await call("POST", `/api/orders/${cancelled}/transition/`, { body: { to: "cancelled" } });
    const deposit = await pay(call, cancelled, "deposit", "1.00");
    expect(deposit.status).toBe(409);
    expect(deposit.body.code).toBe("ILLEGAL_TRANSITION");
    expect((await pay(call, cancelled, "refund", "50.00")).body).toMatchObject({
      paid: "0.00",
      paymentStatus: "unpaid",
    });
  });

  it("two cashiers racing for the last balance: exactly one payment lands", async ({ studio }) => {
    const call = studio.owner.http;
    const id = await orderIn(studio, "ready");
    const results = await Promise.all(Array.from({ length: 5 }, () => pay(call, id, "payment", "118.00", "card")));
    expect(results.map((r) => r.status).sort()).toEqual([201, 422, 422, 422, 422]);
    expect((await call("GET", `/api/orders/${id}/payments/`)).body).toMatchObject({ count: 1, paid: "118.00" });
  });
});
