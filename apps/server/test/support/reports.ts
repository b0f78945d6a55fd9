import { orders } from "@fotostudio/db";
import { eq } from "drizzle-orm";
import { expect } from "vitest";
import { openGeneralLog } from "./general-log.js";
import type { Studio, StudioTenant } from "./studio.js";

// What the report tests build their data from, over REST as the studio's staff would: clients,
// sales (an order confirmed, with item lines), payments; and the few things no endpoint does —
// moving a sale to another day — done on the studio's own database, said so where used.

type Tenant = Studio | StudioTenant;
let counter = 0;

export async function newClient(tenant: Tenant, name = `Cliente ${++counter}`) {
  const res = await tenant.owner.http("POST", "/api/clients/", {
    body: { name, phone: `+51 984 ${String(100_000 + ++counter).slice(-6)}` },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as number;
}

/** The studio's service catalog (seeded), by name. */
export async function servicesOf(tenant: Tenant): Promise<Map<string, number>> {
  const res = await tenant.owner.http("GET", "/api/config/services/?pageSize=100");
  expect(res.status).toBe(200);
  return new Map((res.body.results as { id: number; name: string }[]).map((s) => [s.name, s.id]));
}

export interface SaleOptions {
  clientId: number;
  serviceId?: number;
  /** Unit prices of item lines, decimal strings. */
  prices: string[];
  /** draft stays a quote; cancelled is confirmed, then cancelled. */
  status?: "draft" | "confirmed" | "cancelled";
}

/** An order with item lines; confirmed unless told otherwise. Its id and total (decimal string). */
export async function sale(tenant: Tenant, opts: SaleOptions) {
  const call = tenant.owner.http;
  const lines = opts.prices.map((unitPrice, i) => ({
    kind: "item",
    description: `Línea ${i + 1}`,
    quantity: "1",
    unitPrice,
  }));
  const created = await call("POST", "/api/orders/", {
    body: { clientId: opts.clientId, ...(opts.serviceId ? { serviceId: opts.serviceId } : {}), lines },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const id = created.body.id as number;
  const status = opts.status ?? "confirmed";
  if (status !== "draft") {
    const confirmed = await call("POST", `/api/orders/${id}/transition/`, { body: { to: "confirmed" } });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
  }
  if (status === "cancelled") {
    const cancelled = await call("POST", `/api/orders/${id}/transition/`, { body: { to: "cancelled" } });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
  }
  return { id, total: created.body.total as string };
}

export async function pay(
  tenant: Tenant,
  orderId: number,
  kind: "deposit" | "payment" | "refund",
  amount: string,
  method: string,
) {
  const res = await tenant.owner.http("POST", `/api/orders/${orderId}/payments/`, { body: { kind, amount, method } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

/**
 * Moves a sale's confirmation to another instant. No endpoint back-dates a sale (confirming
 * stamps "now"); the reports group by that stamp, so the tests set it on the studio's database.
 */
export async function confirmedAt(tenant: Tenant, orderId: number, at: Date) {
  await tenant.db.update(orders).set({ confirmedAt: at }).where(eq(orders.id, orderId));
}

/** Decimal strings → cents, and back, for hand counts. */
export const toCents = (s: string) => Math.round(Number(s) * 100);
export const money = (c: number) =>
  `${c < 0 ? "-" : ""}${Math.floor(Math.abs(c) / 100)}.${String(Math.abs(c) % 100).padStart(2, "0")}`;

/** The statements one call of a procedure sent to the studio's database (MariaDB's general log). */
export async function statementsOf(tenant: Tenant, procedure: string, call: () => Promise<unknown>): Promise<string[]> {
  const log = await openGeneralLog();
  try {
    const tag = `/*procedure='${procedure}',tenant='${tenant.slug}'*/`;
    const before = (await log.logged(tag)).length;
    await call();
    return (await log.logged(tag)).slice(before).filter((s) => !/session_tokens|`settings`/i.test(s));
  } finally {
    await log.close();
  }
}

// clients & contracts

/** A school (a client of kind school) over REST, with the fields a school needs: contact, RUC, phone. */
export async function newSchool(tenant: Tenant, name = `Colegio ${++counter}`) {
  const res = await tenant.owner.http("POST", "/api/clients/", {
    body: {
      kind: "school",
      name,
      contactName: "Dirección",
      taxId: `20${String(100_000_000 + ++counter).slice(-9)}`,
      phone: `+51 984 ${String(100_000 + ++counter).slice(-6)}`,
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as number;
}

export interface ContractOptions {
  schoolId: number;
  validFrom: string;
  validTo: string;
  value: string;
  /** draft stays a draft; completed and rescinded are made active, then moved. */
  status?: "draft" | "active" | "completed" | "rescinded";
  title?: string;
}

/** A school contract over REST, moved to the state asked; its id. */
export async function newContract(tenant: Tenant, opts: ContractOptions) {
  const call = tenant.owner.http;
  const status = opts.status ?? "active";
  const res = await call("POST", "/api/contracts/", {
    body: {
      schoolId: opts.schoolId,
      title: opts.title ?? `Contrato ${++counter}`,
      type: "annual",
      validFrom: opts.validFrom,
      validTo: opts.validTo,
      value: opts.value,
      status: status === "draft" ? "draft" : "active",
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const id = res.body.id as number;
  if (status === "completed" || status === "rescinded") await moveContract(tenant, id, status);
  return id;
}

/** A contract's transition over REST (a rescission with its reason). */
export async function moveContract(tenant: Tenant, contractId: number, to: "active" | "completed" | "rescinded") {
  const res = await tenant.owner.http("POST", `/api/contracts/${contractId}/transition/`, {
    body: { to, ...(to === "rescinded" ? { reason: "the school closed" } : {}) },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

export async function payContract(
  tenant: Tenant,
  contractId: number,
  kind: "deposit" | "payment" | "refund",
  amount: string,
  method = "transfer",
) {
  const res = await tenant.owner.http("POST", `/api/contracts/${contractId}/payments/`, {
    body: { kind, amount, method },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

/** A day in the studio's calendar (Lima), `days` from today: YYYY-MM-DD. */
export function limaDay(days = 0) {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "America/Lima" }).format(new Date());
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
