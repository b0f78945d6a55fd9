import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { orders, productionOrders } from "@fotostudio/db";
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

// inventory & production
// Materials, receipts and registered production orders over REST; the export files fetched as
// bytes. A production order's confirmation instant is moved on the studio's database (the API
// stamps "now"), said so where used.

/** A material over REST (category, unit, code, name, costPrice and any other field); its id. */
export async function newMaterial(tenant: Tenant, body: Record<string, unknown>) {
  const res = await tenant.owner.http("POST", "/api/inventory/materials/", {
    body: { code: `MAT-${++counter}`, name: `Material ${counter}`, ...body },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as number;
}

/** A movement posted by the owner (receipt by default); quantity and unitCost decimal strings. */
export async function moveStock(
  tenant: Tenant,
  materialId: number,
  quantity: string,
  opts: { type?: "receipt" | "adjust" | "return"; unitCost?: string } = {},
) {
  const res = await tenant.owner.http("POST", "/api/inventory/movements/", {
    body: {
      type: opts.type ?? "receipt",
      materialId,
      quantity,
      ...(opts.unitCost ? { unitCost: opts.unitCost } : {}),
      reason: "report test",
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

export interface Usage {
  materialId: number;
  consumed: string;
  waste?: string;
}

/**
 * A production order of the given components (planned = consumed + waste), taken to `to`:
 * done registers what each used and wasted; the id and number.
 */
export async function productionOrder(
  tenant: Tenant,
  usage: Usage[],
  opts: { type?: string; to?: "draft" | "confirmed" | "in_progress" | "done" | "cancelled"; dueAt?: string } = {},
) {
  const call = tenant.owner.http;
  const planned = (u: Usage) => (Number(u.consumed) + Number(u.waste ?? 0)).toFixed(3);
  const created = await call("POST", "/api/production/orders/", {
    body: {
      type: opts.type ?? "framing",
      components: usage.map((u) => ({ materialId: u.materialId, plannedQty: planned(u) })),
      ...(opts.dueAt ? { dueAt: opts.dueAt } : {}),
    },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const id = created.body.id as number;
  const to = opts.to ?? "done";
  const steps = { draft: [], cancelled: ["cancelled"], confirmed: ["confirmed"] }[to as string] ?? [
    "confirmed",
    "in_progress",
  ];
  for (const step of steps) {
    const moved = await call("POST", `/api/production/orders/${id}/transition/`, { body: { to: step } });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
  }
  if (to === "done") {
    const done = await call("POST", "/api/production/register/", {
      body: {
        productionOrderId: id,
        consumed: usage.map((u) => ({ materialId: u.materialId, quantity: u.consumed })),
        waste: usage
          .filter((u) => u.waste)
          .map((u) => ({ materialId: u.materialId, quantity: u.waste, reason: "Corte" })),
      },
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
  }
  return { id, number: created.body.number as string };
}

/** Sets when a done production order was confirmed, `days` before it was done (no endpoint backdates it). */
export async function confirmedDaysBeforeDone(tenant: Tenant, id: number, days: number) {
  const [row] = await tenant.db
    .select({ doneAt: productionOrders.doneAt })
    .from(productionOrders)
    .where(eq(productionOrders.id, id));
  const doneAt = row?.doneAt as Date;
  await tenant.db
    .update(productionOrders)
    .set({ confirmedAt: new Date(+doneAt - days * 86_400_000) })
    .where(eq(productionOrders.id, id));
}

/** A report's export over REST (`report=…` and any other query), its bytes and headers. */
export async function exportOf(base: string, tenant: Tenant, format: "pdf" | "excel" | "csv", query: string) {
  const res = await fetch(`${base}/api/reports/export/${format}/?${query}`, {
    headers: { authorization: `Bearer ${tenant.owner.token}`, "x-tenant-id": tenant.slug },
  });
  return { res, body: Buffer.from(await res.arrayBuffer()) };
}

/** A PDF's text as poppler's pdftotext lays it out. */
export function pdfText(body: Buffer): string {
  const file = join(mkdtempSync(join(tmpdir(), "report-pdf-")), "report.pdf");
  writeFileSync(file, body);
  return execFileSync("pdftotext", ["-layout", file, "-"]).toString();
}
