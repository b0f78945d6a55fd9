import { auditLog, stockReservations } from "@fotostudio/db";
import { and, eq } from "drizzle-orm";
import { describe, expect } from "vitest";
import type { Studio } from "../support/studio.js";
import { studioTest } from "../support/studio.js";
import { framedOrder, move, productionFor, receive, stockOf } from "./production-fixtures.js";

// The production order's state machine (SPEC 6) cell by cell, and what each move does to stock:
// confirming reserves every component (all or nothing; waiting_material with what is missing, and
// confirming again retries once stock arrives), starting puts the order in production, cancelling
// before in_progress releases the reservations.
const it = studioTest();

const STATES = ["draft", "confirmed", "waiting_material", "in_progress", "done", "cancelled"] as const;
type State = (typeof STATES)[number];
const ALLOWED = new Set([
  "draft→confirmed",
  "draft→cancelled",
  "waiting_material→confirmed",
  "waiting_material→cancelled",
  "confirmed→in_progress",
  "confirmed→cancelled",
]);

/** A production order of the frame line in `state` (waiting_material: its moulding has no stock). */
async function productionIn(studio: Studio, state: State) {
  const o = await framedOrder(studio, { moulding: state === "waiting_material" ? "0" : "10" });
  const po = await productionFor(studio, o.lineIds[0] as number);
  const route: Record<State, string[]> = {
    draft: [],
    confirmed: ["confirmed"],
    waiting_material: ["confirmed"],
    in_progress: ["confirmed", "in_progress"],
    done: ["confirmed", "in_progress"],
    cancelled: ["cancelled"],
  };
  for (const to of route[state]) expect((await move(studio, po.id, to)).status).toBe(200);
  if (state === "done") {
    const res = await studio.owner.http("POST", "/api/production/register/", {
      body: { productionOrderId: po.id, consumed: [{ materialId: o.mouldingId, quantity: "1.560" }] },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }
  const read = await studio.owner.http("GET", `/api/production/orders/${po.id}/`);
  expect(read.body.status).toBe(state);
  return { ...o, po };
}

describe("the production machine, every (state, target) pair", () => {
  const pairs = STATES.flatMap((from) => STATES.map((to) => [from, to] as const));
  it.for(pairs)("%s → %s", async ([from, to], { studio }) => {
    const { po, mouldingId, glassId } = await productionIn(studio, from);
    const read = async () => ({
      po: (await studio.owner.http("GET", `/api/production/orders/${po.id}/`)).body,
      moulding: await stockOf(studio, mouldingId),
      glass: await stockOf(studio, glassId),
    });
    const before = await read();
    const res = await move(studio, po.id, to, "table test");
    if (ALLOWED.has(`${from}→${to}`)) {
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      // Confirming a waiting order with still no moulding leaves it waiting.
      expect(res.body.status).toBe(from === "waiting_material" && to === "confirmed" ? "waiting_material" : to);
    } else {
      expect(res.status, JSON.stringify(res.body)).toBe(409);
      expect(res.body.code).toBe("ILLEGAL_TRANSITION");
      expect(await read()).toEqual(before);
    }
  });
});

describe("confirming reserves", () => {
  it("every component: reserved on the order and held in stock, available drops", async ({ studio }) => {
    const o = await framedOrder(studio, { moulding: "10", glass: "2" });
    const po = await productionFor(studio, o.lineIds[0] as number);
    const res = await move(studio, po.id, "confirmed");
    expect(res.status).toBe(200);
    expect(res.body.status).toBe("confirmed");
    expect(res.body.confirmedAt).not.toBeNull();
    expect(res.body.components.map((c: { reservedQty: string }) => c.reservedQty)).toEqual(["1.560", "0.120"]);
    expect(res.body).not.toHaveProperty("missing");
    expect(await stockOf(studio, o.mouldingId)).toEqual({ onHand: "10.000", reserved: "1.560" });
    expect(await stockOf(studio, o.glassId)).toEqual({ onHand: "2.000", reserved: "0.120" });
  });

  it("nothing when one component is short: waiting_material with what is missing, then a retry once stock arrives", async ({
    studio,
  }) => {
    const o = await framedOrder(studio, { moulding: "1", glass: "2" });
    const po = await productionFor(studio, o.lineIds[0] as number);
    const waiting = await move(studio, po.id, "confirmed");
    expect(waiting.status).toBe(200);
    expect(waiting.body.status).toBe("waiting_material");
    expect(waiting.body.missing).toEqual([{ materialId: o.mouldingId, required: "1.560", available: "1.000" }]);
    // All or nothing: the glass, which was there, is not held either.
    expect(waiting.body.components.map((c: { reservedQty: string }) => c.reservedQty)).toEqual(["0.000", "0.000"]);
    expect(await stockOf(studio, o.glassId)).toEqual({ onHand: "2.000", reserved: "0.000" });
    // The detail says what is short now, and so does the list's filter.
    const detail = await studio.owner.http("GET", `/api/production/orders/${po.id}/`);
    expect(detail.body.missing).toEqual(waiting.body.missing);
    const listed = await studio.owner.http(
      "GET",
      `/api/production/orders/?status=waiting_material&orderId=${o.orderId}`,
    );
    expect(listed.body.results.map((r: { id: number }) => r.id)).toEqual([po.id]);

    await receive(studio, o.mouldingId, "1");
    const retried = await move(studio, po.id, "confirmed");
    expect(retried.body.status).toBe("confirmed");
    expect(retried.body).not.toHaveProperty("missing");
    expect(await stockOf(studio, o.mouldingId)).toEqual({ onHand: "2.000", reserved: "1.560" });
  });

  it("an order with no components confirms without reserving anything", async ({ studio }) => {
    const created = await studio.owner.http("POST", "/api/production/orders/", { body: { type: "digital_editing" } });
    const res = await move(studio, created.body.id, "confirmed");
    expect(res.body).toMatchObject({ status: "confirmed", components: [] });
  });
});

describe("starting and cancelling", () => {
  it("starting puts the confirmed order in production, audited as the order's own transition", async ({ studio }) => {
    const o = await framedOrder(studio);
    const po = await productionFor(studio, o.lineIds[0] as number);
    await move(studio, po.id, "confirmed");
    const started = await studio.users.workshop.http("POST", `/api/production/orders/${po.id}/transition/`, {
      body: { to: "in_progress" },
    });
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    expect(started.body.startedAt).not.toBeNull();
    expect((await studio.owner.http("GET", `/api/orders/${o.orderId}/`)).body.status).toBe("in_production");
    const audit = await studio.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "orders.transition"), eq(auditLog.entityId, String(o.orderId))));
    expect(audit.map((a) => (a.after as { status: string }).status)).toEqual(["confirmed", "in_production"]);
    expect(audit[1]?.actorId).toBe(studio.users.workshop.id);
  });

  it("cancelling a confirmed order releases what it held; a cancelled one holds nothing", async ({ studio }) => {
    const o = await framedOrder(studio, { moulding: "10", glass: "2" });
    const po = await productionFor(studio, o.lineIds[0] as number);
    await move(studio, po.id, "confirmed");
    const cancelled = await move(studio, po.id, "cancelled", "Client changed the moulding");
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: "cancelled", cancelReason: "Client changed the moulding" });
    expect(cancelled.body.components.map((c: { reservedQty: string }) => c.reservedQty)).toEqual(["0.000", "0.000"]);
    expect(await stockOf(studio, o.mouldingId)).toEqual({ onHand: "10.000", reserved: "0.000" });
    const rows = await studio.db
      .select({ status: stockReservations.status })
      .from(stockReservations)
      .where(eq(stockReservations.productionOrderId, po.id));
    expect(rows.map((r) => r.status)).toEqual(["released", "released"]);
    // The line is free again for a new production order.
    expect((await productionFor(studio, o.lineIds[0] as number)).status).toBe("draft");
  });

  it("the viewer may not move a production order (403) and nothing changes", async ({ studio }) => {
    const o = await framedOrder(studio);
    const po = await productionFor(studio, o.lineIds[0] as number);
    const res = await studio.users.viewer.http("POST", `/api/production/orders/${po.id}/transition/`, {
      body: { to: "confirmed" },
    });
    expect(res.status).toBe(403);
    expect((await studio.owner.http("GET", `/api/production/orders/${po.id}/`)).body.status).toBe("draft");
  });
});
