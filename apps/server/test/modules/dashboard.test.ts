import { describe, expect } from "vitest";
import { money, newClient, sale, statementsOf, toCents } from "../support/reports.js";
import { type StudioTenant, studioTest } from "../support/studio.js";
import { buildStudio, dayFromToday } from "./dashboard-fixtures.js";

// GET /api/dashboard/ against a hand count of the studio the fixture builds (dashboard-fixtures.ts
// says what and why), the roles that see it and its costs, another studio's rows, and its
// statement count. The month is the studio's (America/Lima).
const it = studioTest();

const dashboard = (t: StudioTenant, as = t.owner) => as.http("GET", "/api/dashboard/");

describe("GET /api/dashboard/", () => {
  it("every number equals what the studio built", async ({ studio: server }) => {
    await using t = await server.openTenant();
    const built = await buildStudio(t);
    const res = await dashboard(t);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const d = res.body;
    expect(d.month).toMatchObject({
      kind: "month",
      timeZone: "America/Lima",
      from: `${dayFromToday(0).slice(0, 7)}-01`,
    });
    expect(d.revenueThisMonth).toBe(money(built.revenueThisMonth));
    expect(d.revenueLastMonth).toBe(money(built.revenueLastMonth));
    expect(d.revenueChangePercent).toBe(
      Math.round(((built.revenueThisMonth - built.revenueLastMonth) / built.revenueLastMonth) * 10_000) / 100,
    );
    expect(d.ordersThisMonth).toBe(4);
    // Last month's sale is still open (confirmed); the framed order went into production.
    expect(d.pendingOrders).toEqual([
      { status: "confirmed", count: 4 },
      { status: "in_production", count: 1 },
      { status: "ready", count: 0 },
    ]);
    expect(d.openQuotes).toBe(1);
    // The late sale and the late quote: the same rule as the orders list's late=true.
    expect(d.lateOrders).toBe(2);
    const lateList = await t.owner.http("GET", "/api/orders/?late=true");
    expect(lateList.body.count).toBe(d.lateOrders);
    expect(d.dueToday).toBe(1);
    expect(d.deliveriesDueSoon).toBe(2);
    expect(d.lowStockCount).toBe(1);
    // On hand × average cost: 8.340 m × 8.00 + 1.880 m² × 40.00 + 3 m² × 10.00.
    expect(d.inventoryValue).toBe("171.92");
    // 1.560 m × 8.00 + 0.120 m² × 40.00 used, 0.100 m × 8.00 wasted: 1 − 0.80 / 18.08.
    expect(d.production).toEqual({ inProgress: 1, waitingMaterial: 0, doneThisMonth: 1, efficiencyPercent: 95.58 });
    expect(d.activeClients).toEqual({ total: 2, new: 1, returning: 1 });
    expect(d.expiringContracts.count).toBe(1);
    expect(d.expiringContracts.first).toEqual([
      expect.objectContaining({ schoolName: "Colegio Sol", validTo: dayFromToday(10) }),
    ]);
    expect(d.upcomingAppointments.map((a: { id: number }) => a.id)).toEqual(built.upcoming);
    expect(d.recentOrders).toHaveLength(7);
    expect(d.recentOrders[0]).toMatchObject({ id: built.framedId, status: "in_production", clientName: "Beto Nuevo" });
    expect(d.recentOrders.map((o: { status: string }) => o.status)).toContain("draft");
  });

  it("is for every role holding dashboard:read; the inventory value only for costs:read", async ({
    studio: server,
  }) => {
    await using t = await server.openTenant();
    const client = await newClient(t);
    const s = await sale(t, { clientId: client, prices: ["12.00"] });
    for (const role of ["owner", "manager", "sales", "production", "viewer"] as const) {
      const res = await dashboard(t, t.users[role]);
      expect(res.status, role).toBe(200);
      expect(res.body.revenueThisMonth, role).toBe(s.total);
      const costs = role === "owner" || role === "manager";
      expect(res.body.inventoryValue === null, role).toBe(!costs);
    }
    expect((await dashboard(t, t.users.workshop)).status).toBe(403);
    expect((await t.http("GET", "/api/dashboard/")).status).toBe(401);
  });

  it("counts only the studio's own rows, in the same statements with 2 sales or 20", async ({ studio: server }) => {
    await using t = await server.openTenant();
    await using other = await server.openTenant();
    const theirs = await newClient(other);
    const theirSale = await sale(other, { clientId: theirs, prices: ["5000.00"] });
    const client = await newClient(t);
    let total = 0;
    const sell = async () => {
      total += toCents((await sale(t, { clientId: client, prices: ["10.00"] })).total);
    };
    for (let i = 0; i < 2; i++) await sell();
    const few = await statementsOf(t, "dashboard.summary", () => dashboard(t));
    for (let i = 0; i < 18; i++) await sell();
    const many = await statementsOf(t, "dashboard.summary", () => dashboard(t));
    expect(many.length).toBe(few.length);
    expect(few.length).toBeLessThanOrEqual(14);
    const { body: d } = await dashboard(t);
    expect(d.revenueThisMonth).toBe(money(total));
    expect(d.ordersThisMonth).toBe(20);
    expect(d.activeClients).toEqual({ total: 1, new: 1, returning: 0 });
    expect(d.recentOrders).toHaveLength(10);
    const { body: o } = await dashboard(other);
    expect(o.revenueThisMonth).toBe(theirSale.total);
    expect(o.ordersThisMonth).toBe(1);
  });
});
