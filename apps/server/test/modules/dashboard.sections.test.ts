import { describe, expect } from "vitest";
import { confirmedAt, money, newClient, pay, sale, statementsOf, toCents } from "../support/reports.js";
import { type StudioTenant, studioTest } from "../support/studio.js";

// The dashboard's chart sections (orders, clients, revenue): every bucket of the period present,
// zero-filled, each point a hand count of the sales the test made; Lima's month boundaries; the
// same statements however many rows.
const it = studioTest();

const get = (t: StudioTenant, section: string, query = "") => t.owner.http("GET", `/api/dashboard/${section}/${query}`);
const limaToday = () => new Intl.DateTimeFormat("en-CA", { timeZone: "America/Lima" }).format(new Date());
/** The first instant of this Lima month and of the previous one (Lima is UTC−5 all year). */
function months() {
  const [y, m] = limaToday().split("-").map(Number) as [number, number];
  const key = (yy: number, mm: number) => `${yy}-${String(mm).padStart(2, "0")}`;
  const prev = m === 1 ? key(y - 1, 12) : key(y, m - 1);
  return { thisMonth: key(y, m), lastMonth: prev, start: new Date(`${key(y, m)}-01T05:00:00.000Z`) };
}

async function twoMonths(t: StudioTenant) {
  const ana = await newClient(t, "Ana");
  const beto = await newClient(t, "Beto");
  const old = await sale(t, { clientId: ana, prices: ["50.00"] });
  const boundary = await sale(t, { clientId: beto, prices: ["20.00"] });
  const a = await sale(t, { clientId: ana, prices: ["100.00"] });
  const b = await sale(t, { clientId: beto, prices: ["30.00"] });
  await sale(t, { clientId: beto, prices: ["999.00"], status: "draft" });
  const { start } = months();
  // No endpoint back-dates a sale: ten days into last month, and one second before this month's
  // first Lima midnight (04:59:59 UTC on the 1st: still last month in Lima).
  await confirmedAt(t, old.id, new Date(+start - 10 * 86_400_000));
  await confirmedAt(t, boundary.id, new Date(+start - 1000));
  await pay(t, a.id, "payment", a.total, "cash"); // paid in full: an order is delivered only then
  for (const to of ["ready", "delivered"]) {
    const moved = await t.owner.http("POST", `/api/orders/${a.id}/transition/`, { body: { to } });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
  }
  return { old, boundary, a, b };
}

describe("GET /api/dashboard/{revenue,orders,clients}/", () => {
  it("revenue: the period's total against the previous one, and a zero-filled series", async ({ studio: server }) => {
    await using t = await server.openTenant();
    const s = await twoMonths(t);
    const { thisMonth, lastMonth } = months();
    const now = toCents(s.a.total) + toCents(s.b.total);
    const before = toCents(s.old.total) + toCents(s.boundary.total);
    const res = await get(t, "revenue");
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      total: money(now),
      previous: money(before),
      changePercent: Math.round(((now - before) / before) * 10_000) / 100,
      averageTicket: money(Math.round(now / 2)),
      series: [{ period: thisMonth, value: money(now) }],
    });
    const daily = await get(t, "revenue", "?groupBy=day");
    const days = daily.body.series as { period: string; value: string }[];
    expect(days[0]?.period).toBe(`${thisMonth}-01`);
    expect(days.filter((d) => d.value !== "0.00")).toEqual([{ period: limaToday(), value: money(now) }]);
    const both = await get(t, "revenue", `?from=${lastMonth}-01&to=${limaToday()}&groupBy=month`);
    expect(both.body.series).toEqual([
      { period: lastMonth, value: money(before) },
      { period: thisMonth, value: money(now) },
    ]);
    expect((await get(t, "revenue", "?groupBy=hour")).status).toBe(400);
  });

  it("orders: sold and delivered per bucket, pending and late now", async ({ studio: server }) => {
    await using t = await server.openTenant();
    await twoMonths(t);
    const { thisMonth, lastMonth } = months();
    const res = await get(t, "orders");
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      sold: 2,
      delivered: 1,
      lateOrders: 0,
      series: [{ period: thisMonth, value: 2 }],
      deliveredSeries: [{ period: thisMonth, value: 1 }],
    });
    // Open now: last month's two sales and this month's b (a was delivered).
    expect(res.body.pendingOrders).toEqual([
      { status: "confirmed", count: 3 },
      { status: "in_production", count: 0 },
      { status: "ready", count: 0 },
    ]);
    const both = await get(t, "orders", `?from=${lastMonth}-01&to=${limaToday()}`);
    expect(both.body.series).toEqual([
      { period: lastMonth, value: 2 },
      { period: thisMonth, value: 2 },
    ]);
  });

  it("clients: active, new and returning per bucket", async ({ studio: server }) => {
    await using t = await server.openTenant();
    await twoMonths(t);
    const { thisMonth, lastMonth } = months();
    const res = await get(t, "clients");
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    // Both bought last month first: this month they are active and returning, none new.
    expect(res.body).toMatchObject({ active: 2, new: 0, returning: 2, series: [{ period: thisMonth, value: 2 }] });
    const both = await get(t, "clients", `?from=${lastMonth}-01&to=${limaToday()}`);
    expect(both.body).toMatchObject({ active: 2, new: 2, returning: 0 });
    expect(both.body.newSeries).toEqual([
      { period: lastMonth, value: 2 },
      { period: thisMonth, value: 0 },
    ]);
  });

  it("each section sends the same statements with 2 sales or 20", async ({ studio: server }) => {
    await using t = await server.openTenant();
    const client = await newClient(t);
    const sections = ["revenue", "orders", "clients"] as const;
    for (let i = 0; i < 2; i++) await sale(t, { clientId: client, prices: ["10.00"] });
    const few = [];
    for (const s of sections)
      few.push((await statementsOf(t, `dashboard.${s}`, () => get(t, s, "?groupBy=day"))).length);
    for (let i = 0; i < 18; i++) await sale(t, { clientId: client, prices: ["10.00"] });
    const many = [];
    for (const s of sections)
      many.push((await statementsOf(t, `dashboard.${s}`, () => get(t, s, "?groupBy=day"))).length);
    expect(many).toEqual(few);
    for (const n of few) expect(n).toBeLessThanOrEqual(6);
  });
});
