import { describe, expect } from "vitest";
import { studioTest } from "../support/studio.js";
import { client, order, setDates, thisMonth } from "./metrics-fixtures.js";

// Every KPI checked against a hand count of the orders each test builds in a studio of its own
// (other tests of the file add rows to the shared one). Prices carry 18 % tax: 100.00 → 118.00.
const it = studioTest();

describe("KPIs by area", () => {
  it("sales, clients and the pipeline of this month: cancelled and drafts never count, another studio's rows neither", async ({
    studio,
  }) => {
    await using t = await studio.openTenant();
    const [c1, c2, c3, c4] = [await client(t), await client(t), await client(t), await client(t)];
    // c1's first sale was last year (moved there: the API confirms "now"): c1 is returning.
    const old = await order(t, c1, "100.00");
    await setDates(t, old.id, { confirmedAt: new Date("2025-06-15T17:00:00Z") });
    expect((await order(t, c1, "200.00")).total).toBe("236.00");
    await order(t, c2, "50.00"); // 59.00
    await order(t, c3, "1000.00", "draft");
    await order(t, c3, "500.00", "cancelled");
    const late = await order(t, c4, "10.00"); // 11.80, promised an hour ago: late
    await setDates(t, late.id, { promisedAt: new Date(Date.now() - 3_600_000) });
    // c2 bought before this month too (a delivered sale moved to an earlier month): returning.
    const earlier = await order(t, c2, "20.00", "delivered");
    await setDates(t, earlier.id, {
      confirmedAt: new Date("2026-10-05T15:00:00Z"),
      deliveredAt: new Date("2026-10-07T15:00:00Z"),
    });
    // Another studio's sale this month: never counted here.
    await order(studio, await client(studio), "900.00");

    const revenue = await t.owner.http("GET", "/api/metrics/revenue/?period=month");
    expect(revenue.status, JSON.stringify(revenue.body)).toBe(200);
    const month = thisMonth();
    expect(revenue.body.period).toMatchObject({
      kind: "month",
      from: month.from,
      to: month.to,
      timeZone: "America/Lima",
    });
    // 236.00 + 59.00 + 11.80 = 306.80 over 3 sales: 102.2666… → 102.27.
    expect(revenue.body.kpis).toMatchObject({ revenue: "306.80", ordersCount: 3, averageTicket: "102.27" });

    const clients = await t.owner.http("GET", "/api/metrics/clients/");
    expect(clients.body.kpis).toEqual({ activeClients: 3, newClients: 1, returningClients: 2 });

    // Pending now: the four confirmed orders (the one moved to 2025 included), one of them late.
    const orders = await t.owner.http("GET", "/api/metrics/orders/");
    expect(orders.body.kpis).toMatchObject({ ordersCount: 3, pendingOrders: 4, lateOrders: 1 });
    expect(orders.body.pendingByStatus).toEqual([
      { status: "confirmed", count: 4 },
      { status: "in_production", count: 0 },
      { status: "ready", count: 0 },
    ]);

    const dashboard = await t.users.viewer.http("GET", "/api/metrics/dashboard/");
    expect(dashboard.status).toBe(200);
    expect(dashboard.body.kpis).toMatchObject({
      revenue: "306.80",
      activeClients: 3,
      pendingOrders: 4,
      grossMargin: null, // the viewer holds no costs:read
      inventoryValue: null,
    });
  });

  it("deliveries: on time against the promise and the mean days from confirmation, by delivered day", async ({
    studio,
  }) => {
    await using t = await studio.openTenant();
    const c = await client(t);
    const onTime = await order(t, c, "10.00", "delivered");
    const lateOne = await order(t, c, "10.00", "delivered");
    const unpromised = await order(t, c, "10.00", "delivered");
    // Dates moved into October 2026 (the API stamps "now"): 2, 4 and 6 days from confirmation.
    await setDates(t, onTime.id, {
      confirmedAt: new Date("2026-10-05T15:00:00Z"),
      deliveredAt: new Date("2026-10-07T15:00:00Z"),
      promisedAt: new Date("2026-10-08T05:00:00Z"),
    });
    await setDates(t, lateOne.id, {
      confirmedAt: new Date("2026-10-10T15:00:00Z"),
      deliveredAt: new Date("2026-10-14T15:00:00Z"),
      promisedAt: new Date("2026-10-12T05:00:00Z"),
    });
    await setDates(t, unpromised.id, {
      confirmedAt: new Date("2026-10-20T15:00:00Z"),
      deliveredAt: new Date("2026-10-26T15:00:00Z"),
    });
    const res = await t.owner.http("GET", "/api/metrics/orders/?from=2026-10-01&to=2026-10-31");
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    // On time: 1 of the 2 with a promise; mean (2 + 4 + 6) / 3 = 4 days.
    expect(res.body.kpis).toMatchObject({
      ordersCount: 3,
      deliveredOrders: 3,
      onTimeDeliveryPercent: 50,
      averageDeliveryDays: 4,
    });
    const efficiency = await t.owner.http("GET", "/api/metrics/efficiency/?from=2026-11-01&to=2026-11-30");
    // Nothing delivered or produced in November: no ratio, not 0 %.
    expect(efficiency.body.kpis).toEqual({
      efficiencyPercent: null,
      wastePercent: null,
      onTimeDeliveryPercent: null,
      averageDeliveryDays: null,
      averageLeadDays: null,
    });
  });
});

describe("comparison", () => {
  it("this month against the last one (Lima's midnight decides) and the same month last year", async ({ studio }) => {
    await using t = await studio.openTenant();
    const c = await client(t);
    const month = thisMonth();
    const start = new Date(`${month.from}T05:00:00Z`); // midnight in Lima (UTC−5) of the 1st
    await order(t, c, "100.00"); // 118.00, now
    // Dates moved by db UPDATE (the API confirms "now"): 30 minutes before Lima's midnight of
    // the 1st is the previous month; midnight itself is this month.
    const atMidnight = await order(t, c, "50.00"); // 59.00
    await setDates(t, atMidnight.id, { confirmedAt: start });
    const justBefore = await order(t, c, "200.00"); // 236.00
    await setDates(t, justBefore.id, { confirmedAt: new Date(+start - 30 * 60_000) });
    const [y, mm] = month.from.split("-");
    const lastYear = await order(t, c, "10.00"); // 11.80
    await setDates(t, lastYear.id, { confirmedAt: new Date(`${Number(y) - 1}-${mm}-10T17:00:00Z`) });

    const res = await t.owner.http("GET", "/api/metrics/comparison/?kpi=revenue&period=month");
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      kpi: "revenue",
      unit: "money",
      current: "177.00",
      previous: "236.00",
      changePercent: -25, // (177 − 236) / 236
      sameLastYear: "11.80",
      changeVsLastYearPercent: 1400, // (177 − 11.80) / 11.80
      sameLastYearPeriod: { from: `${Number(y) - 1}-${mm}-01` },
    });
    const tickets = await t.owner.http("GET", "/api/metrics/comparison/?kpi=ordersCount&period=month");
    expect(tickets.body).toMatchObject({ current: 2, previous: 1, changePercent: 100, sameLastYear: 1 });
  });

  it("refuses what a KPI cannot answer: snapshots, costs without costs:read, unknown keys, from after to", async ({
    studio,
  }) => {
    const call = studio.owner.http;
    const snapshot = await call("GET", "/api/metrics/comparison/?kpi=lowStockCount");
    expect([snapshot.status, snapshot.body.code]).toEqual([400, "BAD_REQUEST"]);
    expect(snapshot.body.message).toMatch(/snapshot/);
    expect((await call("GET", "/api/metrics/trends/?kpi=pendingOrders")).status).toBe(400);
    const growth = await call("GET", "/api/metrics/trends/?kpi=growthPercent");
    expect([growth.status, growth.body.message]).toEqual([400, expect.stringMatching(/compares two periods/)]);
    const unknown = await call("GET", "/api/metrics/trends/?kpi=happiness");
    expect([unknown.status, unknown.body.code]).toEqual([400, "VALIDATION_ERROR"]);
    expect(unknown.body.issues.map((i: { path: string }) => i.path)).toContain("kpi");
    const backwards = await call("GET", "/api/metrics/revenue/?from=2026-03-10&to=2026-03-01");
    expect(backwards.status).toBe(400);
    expect(backwards.body.issues.map((i: { path: string }) => i.path)).toContain("to");
    const margin = await studio.users.sales.http("GET", "/api/metrics/trends/?kpi=grossMargin");
    expect([margin.status, margin.body.code]).toEqual([403, "FORBIDDEN"]);
    expect((await call("GET", "/api/metrics/trends/?kpi=grossMargin")).status).toBe(200);
    const filtered = await call("GET", "/api/metrics/trends/?kpi=activeClients&serviceId=1");
    expect([filtered.status, filtered.body.issues?.[0]?.path]).toEqual([400, "serviceId"]);
  });
});

describe("trends", () => {
  it("a series per month of the year, zero where nothing was sold; by day over empty days", async ({ studio }) => {
    await using t = await studio.openTenant();
    const c = await client(t);
    const month = thisMonth();
    const year = month.from.slice(0, 4);
    await order(t, c, "100.00");
    const feb = await order(t, c, "50.00");
    // Moved to February (the API confirms "now"); 15:00 UTC is 10:00 in Lima, the same day.
    await setDates(t, feb.id, { confirmedAt: new Date(`${year}-02-14T15:00:00Z`) });
    const res = await t.owner.http("GET", "/api/metrics/trends/?kpi=revenue&period=year&groupBy=month");
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ kpi: "revenue", unit: "money", groupBy: "month" });
    expect(res.body.series).toHaveLength(12);
    const values = Object.fromEntries(
      res.body.series.map((s: { period: string; value: string }) => [s.period, s.value]),
    );
    expect(values[`${year}-02`]).toBe("59.00");
    expect(values[month.from.slice(0, 7)]).toBe(month.from.slice(5, 7) === "02" ? "177.00" : "118.00");
    expect(values[`${year}-01`]).toBe(month.from.slice(5, 7) === "01" ? "118.00" : "0.00");
    const tickets = await t.owner.http(
      "GET",
      `/api/metrics/trends/?kpi=averageTicket&from=${year}-02-01&to=${year}-02-03&groupBy=day`,
    );
    expect(tickets.body.series).toEqual([
      { period: `${year}-02-01`, value: "0.00" },
      { period: `${year}-02-02`, value: "0.00" },
      { period: `${year}-02-03`, value: "0.00" },
    ]);
  });
});
