import { orders } from "@fotostudio/db";
import { eq } from "drizzle-orm";
import { expect } from "vitest";
import { print } from "../support/orders.js";
import type { Studio, StudioTenant } from "../support/studio.js";

// What the metrics tests build, over REST as the owner: clients and orders of one item line at a
// known price (tax on top: 100.00 → 118.00), taken to a state; and, where a test needs a sale in
// another month, its dates moved by a tenant db UPDATE (the API always confirms "now").

export type Tenant = Studio | StudioTenant;

let counter = 0;

export async function client(t: Tenant, name = "Cliente") {
  const res = await t.owner.http("POST", "/api/clients/", {
    body: { name: `${name} ${++counter}`, phone: "+51 984 000 111" },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as number;
}

const move = async (t: Tenant, id: number, to: string) => {
  const res = await t.owner.http("POST", `/api/orders/${id}/transition/`, { body: { to } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
};

/** An order of one `price` line for the client, taken to `state`; its id and total. */
export async function order(
  t: Tenant,
  clientId: number,
  price: string,
  state: "draft" | "confirmed" | "delivered" | "cancelled" = "confirmed",
  extra: Record<string, unknown> = {},
) {
  const res = await t.owner.http("POST", "/api/orders/", {
    body: { clientId, lines: [print({ unitPrice: price })], ...extra },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const id = res.body.id as number;
  const total = res.body.total as string;
  if (state === "draft") return { id, total };
  if (state === "cancelled") {
    await move(t, id, "cancelled");
    return { id, total };
  }
  await move(t, id, "confirmed");
  if (state === "delivered") {
    const paid = await t.owner.http("POST", `/api/orders/${id}/payments/`, {
      body: { kind: "payment", amount: total, method: "cash" },
    });
    expect(paid.status, JSON.stringify(paid.body)).toBe(201);
    await move(t, id, "ready");
    await move(t, id, "delivered");
  }
  return { id, total };
}

/** Moves an order's dates (the API stamps "now"); only the columns given. */
export async function setDates(
  t: Tenant,
  id: number,
  dates: Partial<Record<"confirmedAt" | "deliveredAt" | "promisedAt", Date>>,
) {
  await t.db.update(orders).set(dates).where(eq(orders.id, id));
}

/** Today's month in Lima as its first day and last day. */
export function thisMonth(now = new Date()) {
  const day = new Intl.DateTimeFormat("en-CA", { timeZone: "America/Lima" }).format(now);
  const [y, m] = day.split("-").map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const mm = String(m).padStart(2, "0");
  return { from: `${y}-${mm}-01`, to: `${y}-${mm}-${String(last).padStart(2, "0")}`, today: day };
}
