import { clients, orders } from "@fotostudio/db";
import { eq } from "drizzle-orm";
import { expect } from "vitest";
import { confirmedAt, newClient, sale } from "../support/reports.js";
import type { StudioTenant } from "../support/studio.js";

// A studio the dashboard tests count against, built over REST: sales this month and last, a
// quote, a cancelled sale, promised dates around today, a framed order in production (one piece
// done with waste, one still in progress), a low-stock material, contracts and appointments.
// What no endpoint does — a sale confirmed last month, a promised date in the past — is set on the
// studio's database, said so where done.

const HOUR = 3_600_000;
const limaDay = (at: Date) => new Intl.DateTimeFormat("en-CA", { timeZone: "America/Lima" }).format(at);
/** The first instant of the Lima day `days` after today (Lima is UTC−5 all year). */
export const limaDayStart = (days: number, now = new Date()) => {
  const d = new Date(`${limaDay(now)}T05:00:00.000Z`);
  return new Date(+d + days * 24 * HOUR);
};
export const dayFromToday = (days: number) => limaDay(new Date(+limaDayStart(0) + days * 24 * HOUR + HOUR));

const promise = (t: StudioTenant, id: number, at: Date) =>
  t.db.update(orders).set({ promisedAt: at }).where(eq(orders.id, id));

async function receive(t: StudioTenant, materialId: number, quantity: string, unitCost: string) {
  const res = await t.owner.http("POST", "/api/inventory/movements/", {
    body: { type: "receipt", materialId, quantity, unitCost, reason: "dashboard test" },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

async function material(t: StudioTenant, body: Record<string, unknown>) {
  const res = await t.owner.http("POST", "/api/inventory/materials/", { body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as number;
}

export async function buildStudio(t: StudioTenant) {
  const call = t.owner.http;
  const now = new Date();
  const returning = await newClient(t, "Ana Antigua");
  const fresh = await newClient(t, "Beto Nuevo");
  const old = await sale(t, { clientId: returning, prices: ["300.00"] });
  // Last month's sale: 10 days before this month's first Lima midnight.
  const monthStart = new Date(`${limaDay(now).slice(0, 7)}-01T05:00:00.000Z`);
  await confirmedAt(t, old.id, new Date(+monthStart - 10 * 24 * HOUR));
  const late = await sale(t, { clientId: returning, prices: ["100.00", "20.50"] });
  const dueToday = await sale(t, { clientId: fresh, prices: ["80.00"] });
  const dueSoon = await sale(t, { clientId: fresh, prices: ["45.25"] });
  const quote = await sale(t, { clientId: fresh, prices: ["999.00"], status: "draft" });
  await sale(t, { clientId: fresh, prices: ["777.00"], status: "cancelled" });
  // Promised dates (no endpoint backdates one): late since yesterday, the last second of today,
  // noon the day after tomorrow; the quote was promised yesterday too (late by the orders rule).
  await promise(t, late.id, new Date(+now - 24 * HOUR));
  await promise(t, dueToday.id, new Date(+limaDayStart(1) - 1000));
  await promise(t, dueSoon.id, new Date(+limaDayStart(2) + 12 * HOUR));
  await promise(t, quote.id, new Date(+now - 24 * HOUR));

  // Workshop: 10 m of moulding at 8.00 and 2 m² of glass at 40.00; an order of two frames, one
  // made (1.560 m and 0.120 m² used, 0.100 m wasted), the other started.
  const moulding = await material(t, {
    category: "varillas",
    code: "VAR-D",
    name: "Pino",
    unit: "m",
    faceWidthMm: 20,
    costPrice: "8.00",
  });
  const glass = await material(t, {
    category: "impresion",
    code: "VID-D",
    name: "Vidrio",
    unit: "m2",
    costPrice: "40.00",
  });
  const paper = await material(t, {
    category: "impresion",
    code: "PAP-D",
    name: "Papel",
    unit: "m2",
    costPrice: "10.00",
    minQty: "5",
    maxQty: "10",
  });
  await receive(t, moulding, "10", "8.00");
  await receive(t, glass, "2", "40.00");
  await receive(t, paper, "3", "10.00");
  const frame = () => ({
    kind: "frame",
    quantity: 1,
    frame: { artWidthMm: 300, artHeightMm: 400, mouldingId: moulding, glazingId: glass, backingId: null },
  });
  const framed = await call("POST", "/api/orders/", { body: { clientId: fresh, lines: [frame(), frame()] } });
  expect(framed.status, JSON.stringify(framed.body)).toBe(201);
  expect((await call("POST", `/api/orders/${framed.body.id}/transition/`, { body: { to: "confirmed" } })).status).toBe(
    200,
  );
  const pos = [];
  for (const line of framed.body.lines as { id: number }[]) {
    const po = await call("POST", "/api/production/orders/", { body: { orderLineId: line.id, type: "framing" } });
    expect(po.status, JSON.stringify(po.body)).toBe(201);
    for (const to of ["confirmed", "in_progress"]) {
      const moved = await call("POST", `/api/production/orders/${po.body.id}/transition/`, { body: { to } });
      expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    }
    pos.push(po.body.id as number);
  }
  const registered = await call("POST", "/api/production/register/", {
    body: {
      productionOrderId: pos[0],
      consumed: [
        { materialId: moulding, quantity: "1.560" },
        { materialId: glass, quantity: "0.120" },
      ],
      waste: [{ materialId: moulding, quantity: "0.100", reason: "Corte" }],
    },
  });
  expect(registered.status, JSON.stringify(registered.body)).toBe(200);

  // Contracts: one active ending in 10 days (expiring), one in 100 days, a draft ending in 5.
  const [school] = await t.db.insert(clients).values({ name: "Colegio Sol", kind: "school" }).$returningId();
  for (const [status, days] of [
    ["active", 10],
    ["active", 100],
    ["draft", 5],
  ] as const) {
    const res = await call("POST", "/api/contracts/", {
      body: {
        schoolId: school?.id,
        title: `Contrato ${status} ${days}`,
        type: "annual",
        validFrom: dayFromToday(-100),
        validTo: dayFromToday(days),
        value: "1000.00",
        status,
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }

  // Agenda: six sessions in the next days (the dashboard shows five), one in 10 days, one cancelled.
  const room = await call("POST", "/api/appointments/resources/", { body: { name: "Estudio A", kind: "room" } });
  expect(room.status).toBe(201);
  const base = Math.ceil(+now / HOUR) * HOUR;
  const book = async (hours: number, title: string) => {
    const res = await call("POST", "/api/appointments/", {
      body: {
        type: "session",
        title,
        resourceId: room.body.id,
        clientId: fresh,
        startsAt: new Date(base + hours * HOUR).toISOString(),
        endsAt: new Date(base + (hours + 1) * HOUR).toISOString(),
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as number;
  };
  const cancelled = await book(2, "Cancelada");
  expect(
    (await call("POST", `/api/appointments/${cancelled}/transition/`, { body: { to: "cancelled", reason: "no vino" } }))
      .status,
  ).toBe(200);
  const soon = [];
  for (const h of [30, 5, 50, 70, 90, 120]) soon.push({ h, id: await book(h, `Sesión +${h}h`) });
  await book(240, "Dentro de 10 días");

  return {
    revenueThisMonth: [late, dueToday, dueSoon].reduce((s, o) => s + cents(o.total), 0) + cents(framed.body.total),
    revenueLastMonth: cents(old.total),
    framedId: framed.body.id as number,
    upcoming: soon
      .sort((a, b) => a.h - b.h)
      .slice(0, 5)
      .map((s) => s.id),
    recentFirst: framed.body.id as number,
  };
}

const cents = (s: string) => Math.round(Number(s) * 100);
