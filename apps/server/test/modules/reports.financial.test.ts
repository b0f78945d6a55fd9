import { describe, expect } from "vitest";
import { confirmedAt, money, newClient, pay, sale, servicesOf, statementsOf, toCents } from "../support/reports.js";
import { type StudioTenant, studioTest } from "../support/studio.js";

// The financial report against a hand count of what each test builds: sales are confirmed orders
// (never drafts, never cancelled), on the studio's day they were confirmed (America/Lima: a sale
// at 23:59 on the last day of a month belongs to that month, not to UTC's next one).
// The file's studio is shared by its tests: each test counts in a fresh studio of its own.
const it = studioTest();

const report = (studio: StudioTenant, query = "") => studio.owner.http("GET", `/api/reports/financial/${query}`);

/** The first instant of a Lima day (UTC−5 all year). */
const limaMidnight = (day: string) => new Date(`${day}T05:00:00.000Z`);

describe("GET /api/reports/financial/", () => {
  it("revenue, sales, average ticket, by service and payments by method equal the rows built", async ({
    studio: server,
  }) => {
    await using studio = await server.openTenant();
    const services = await servicesOf(studio);
    const framing = services.get("Enmarcado") as number;
    const minilab = services.get("Impresión Minilab") as number;
    const client = await newClient(studio);
    const a = await sale(studio, { clientId: client, serviceId: framing, prices: ["120.00", "30.50"] });
    const b = await sale(studio, { clientId: client, serviceId: minilab, prices: ["45.00"] });
    const c = await sale(studio, { clientId: client, prices: ["10.00"] });
    await sale(studio, { clientId: client, serviceId: framing, prices: ["999.00"], status: "draft" });
    await sale(studio, { clientId: client, serviceId: framing, prices: ["888.00"], status: "cancelled" });
    await pay(studio, a.id, "deposit", "50.00", "cash");
    await pay(studio, b.id, "payment", b.total, "card");
    await pay(studio, b.id, "refund", "5.00", "transfer");

    const res = await report(studio, "?period=month");
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const r = res.body;
    const revenue = toCents(a.total) + toCents(b.total) + toCents(c.total);
    expect(r.revenue.total).toBe(money(revenue));
    expect(r.ordersCount).toBe(3);
    expect(r.averageTicket).toBe(money(Math.round(revenue / 3)));
    expect(r.revenue.byService).toEqual([
      { serviceId: framing, service: "Enmarcado", total: a.total, count: 1 },
      { serviceId: minilab, service: "Impresión Minilab", total: b.total, count: 1 },
      { serviceId: null, service: "Sin servicio", total: c.total, count: 1 },
    ]);
    expect(r.payments.byMethod).toEqual(
      expect.arrayContaining([
        { method: "cash", total: "50.00" },
        { method: "card", total: b.total },
        { method: "transfer", total: "-5.00" },
      ]),
    );
    expect(r.payments).toMatchObject({
      total: money(5000 + toCents(b.total) - 500),
      deposits: "50.00",
      refunds: "5.00",
    });
    // What is owed now: a less its deposit, b its refund, c all of it.
    expect(r.receivables.total).toBe(money(toCents(a.total) - 5000 + 500 + toCents(c.total)));
    expect(r.receivables.aging.map((x: { bucket: string }) => x.bucket)).toEqual(["0-30", "31-60", "61-90", "90+"]);
    expect(r.period).toMatchObject({ kind: "month", timeZone: "America/Lima" });
    // The month's series has a point for every month bucket (one), with this month's revenue.
    expect(r.revenue.series).toEqual([{ period: r.period.from.slice(0, 7), total: r.revenue.total, count: 3 }]);
  });

  it("takes the month in Lima: a sale one second before Lima's midnight is last month's, growth compares them", async ({
    studio: server,
  }) => {
    await using studio = await server.openTenant();
    const client = await newClient(studio);
    const { body: empty } = await report(studio);
    const monthStart = limaMidnight(empty.period.from);
    const late = await sale(studio, { clientId: client, prices: ["200.00"] });
    const onTime = await sale(studio, { clientId: client, prices: ["300.00"] });
    await confirmedAt(studio, late.id, new Date(+monthStart - 1000)); // 23:59:59 on the last day of last month
    await confirmedAt(studio, onTime.id, monthStart); // 00:00:00 on the 1st (05:00 UTC)

    const { body: r } = await report(studio);
    expect(r.revenue.total).toBe(onTime.total);
    expect(r.previous).toMatchObject({
      to: new Date(+monthStart - 86_400_000).toISOString().slice(0, 10),
      revenue: late.total,
    });
    const growth = Math.round(((toCents(onTime.total) - toCents(late.total)) / toCents(late.total)) * 10_000) / 100;
    expect(r.growthPercent).toBe(growth);
    const { body: last } = await report(studio, `?from=${r.previous.from}&to=${r.previous.to}&groupBy=day`);
    expect(last.revenue.total).toBe(late.total);
    const lastDay = last.revenue.series.at(-1);
    expect(lastDay).toEqual({ period: r.previous.to, total: late.total, count: 1 });
    expect(last.revenue.series).toHaveLength(Number(r.previous.to.slice(8, 10)));
  });

  it("ages what open sales owe by the days since they were confirmed", async ({ studio: server }) => {
    await using studio = await server.openTenant();
    const client = await newClient(studio);
    const ages = [5, 45, 75, 100];
    const sales = [];
    for (const days of ages) {
      const s = await sale(studio, { clientId: client, prices: ["100.00"] });
      await confirmedAt(studio, s.id, new Date(Date.now() - days * 86_400_000));
      sales.push(s);
    }
    await pay(studio, sales[1]?.id as number, "deposit", "40.00", "wallet");
    const paidOff = await sale(studio, { clientId: client, prices: ["80.00"] });
    await pay(studio, paidOff.id, "payment", paidOff.total, "cash"); // owes nothing: not listed
    const { body: r } = await report(studio, "?period=year");
    const owed = (s: { total: string }, less = 0) => money(toCents(s.total) - less);
    expect(r.receivables.aging).toEqual([
      { bucket: "0-30", total: owed(sales[0] as { total: string }), count: 1 },
      { bucket: "31-60", total: owed(sales[1] as { total: string }, 4000), count: 1 },
      { bucket: "61-90", total: owed(sales[2] as { total: string }), count: 1 },
      { bucket: "90+", total: owed(sales[3] as { total: string }), count: 1 },
    ]);
  });

  it("shows the gross margin only to roles that see costs; sales staff do not read reports", async ({
    studio: server,
  }) => {
    await using studio = await server.openTenant();
    const client = await newClient(studio);
    await sale(studio, { clientId: client, prices: ["100.00"] });
    const owner = (await report(studio)).body;
    expect(owner.margin).toMatchObject({ cost: "0.00", gross: owner.revenue.total, percent: 100 });
    const viewer = await studio.users.viewer.http("GET", "/api/reports/financial/");
    expect(viewer.status).toBe(200);
    expect(viewer.body.margin).toBeNull();
    expect(viewer.body.revenue.total).toBe(owner.revenue.total);
    expect((await studio.users.sales.http("GET", "/api/reports/financial/")).status).toBe(403);
  });

  it("refuses a period that ends before it starts, or half a range", async ({ studio: server }) => {
    await using studio = await server.openTenant();
    const backwards = await report(studio, "?from=2026-03-10&to=2026-03-01");
    expect(backwards.status).toBe(400);
    expect(backwards.body.issues.map((i: { path: string }) => i.path)).toEqual(["to"]);
    expect((await report(studio, "?from=2026-03-10")).status).toBe(400);
    expect((await report(studio, "?period=decade")).status).toBe(400);
    expect((await report(studio, "?groupBy=hour")).status).toBe(400);
  });

  it("counts only the studio's own rows, in the same few statements however many sales there are", async ({
    studio: server,
  }) => {
    await using studio = await server.openTenant();
    await using other = await server.openTenant();
    const theirs = await newClient(other);
    await sale(other, { clientId: theirs, prices: ["5000.00"] });
    const client = await newClient(studio);
    await sale(studio, { clientId: client, prices: ["10.00"] });
    const few = await statementsOf(studio, "reports.financial", () => report(studio));
    for (let i = 0; i < 8; i++) await sale(studio, { clientId: client, prices: ["10.00"] });
    const many = await statementsOf(studio, "reports.financial", () => report(studio));
    expect(many.length).toBe(few.length);
    expect(few.length).toBeLessThanOrEqual(8);
    const { body: r } = await report(studio);
    expect(r.ordersCount).toBe(9);
    expect(r.revenue.total).toBe(
      money(9 * toCents((await sale(studio, { clientId: client, prices: ["10.00"], status: "draft" })).total)),
    );
  });
});
