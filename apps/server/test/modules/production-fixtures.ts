import { stockBalances, stockLocations } from "@fotostudio/db";
import { and, eq } from "drizzle-orm";
import { expect } from "vitest";
import { frame, shop } from "../support/orders.js";
import type { Studio, StudioTenant } from "../support/studio.js";

// What the production tests build on: the orders tests' shop (a moulding b = 20 mm at 8.00/m, a
// glass sheet at 40.00/m², a client), stock received into the default location, a confirmed
// order with one 300×400 frame line, and its production order. A 300×400 frame without a mat is
// W = 300, H = 400: L = 2(300 + 400) + 8·20·1 = 1560 mm of moulding and 0.12 m² of glass.

export type Tenant = Studio | StudioTenant;

/** Receives `quantity` (decimal string, base unit) at `unitCost` cents into the default location, over REST; the movement. */
export async function receive(tenant: Tenant, materialId: number, quantity: string, unitCost = 800) {
  const res = await tenant.owner.http("POST", "/api/inventory/movements/", {
    body: { type: "receipt", materialId, quantity, unitCost: (unitCost / 100).toFixed(2), reason: "test receipt" },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: number; type: string; quantity: string };
}

/** On hand and reserved at the default location, as decimal strings. */
export async function stockOf(tenant: Tenant, materialId: number) {
  const [row] = await tenant.db
    .select({ onHand: stockBalances.onHand, reserved: stockBalances.reserved })
    .from(stockBalances)
    .innerJoin(stockLocations, eq(stockLocations.id, stockBalances.locationId))
    .where(and(eq(stockBalances.materialId, materialId), eq(stockLocations.isDefault, true)));
  return row ?? { onHand: "0.000", reserved: "0.000" };
}

let counter = 0;

/** A shop with stock, an order with a framed piece (moulding + glass) confirmed, and the line's id. */
export async function framedOrder(
  studio: Studio,
  opts: { moulding?: string; glass?: string; lines?: number; confirm?: boolean } = {},
) {
  const call = studio.owner.http;
  const s = await shop(studio, `po${++counter}`);
  if (opts.moulding !== "0") await receive(studio, s.mouldingId, opts.moulding ?? "10", 800);
  if (opts.glass !== "0") await receive(studio, s.glassId, opts.glass ?? "2", 4000);
  const lines = Array.from({ length: opts.lines ?? 1 }, () => frame(s.mouldingId, { glazingId: s.glassId }));
  const order = await call("POST", "/api/orders/", { body: { clientId: s.clientId, lines } });
  expect(order.status, JSON.stringify(order.body)).toBe(201);
  if (opts.confirm !== false) {
    const confirmed = await call("POST", `/api/orders/${order.body.id}/transition/`, { body: { to: "confirmed" } });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
  }
  return {
    ...s,
    orderId: order.body.id as number,
    orderNumber: order.body.number as string,
    lineIds: (order.body.lines as { id: number }[]).map((l) => l.id),
  };
}

/** A production order for the line (components derived), as the owner. */
export async function productionFor(studio: Studio, orderLineId: number, extra: Record<string, unknown> = {}) {
  const res = await studio.owner.http("POST", "/api/production/orders/", {
    body: { orderLineId, type: "framing", ...extra },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: number; number: string; status: string; components: Record<string, unknown>[] };
}

/** Moves a production order; the answer. */
export const move = (studio: Studio, id: number, to: string, reason?: string) =>
  studio.owner.http("POST", `/api/production/orders/${id}/transition/`, { body: { to, reason } });
