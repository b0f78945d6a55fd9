import { materials, orders, productionComponents, productionOrders, stockBalances } from "@fotostudio/db";
import { and, eq, gte, inArray, lt, notInArray, sql } from "drizzle-orm";
import { describe, expect } from "vitest";
import { type DemoSample, type RestCall, seedDemoStudio } from "../src/demo/seed.js";
import type { StudioTenant } from "./support/studio.js";
import { studioTest } from "./support/studio.js";

// The demo data set behind the reports and the dashboard: loaded into fresh studios (as `npm run
// dev` loads `demo` and `norte`), then every number checked against a count made straight over the
// studio's own rows in SQL. Two studios loaded side by side: each dashboard counts its own.
const it = studioTest();

const NOW = new Date();
const as =
  (t: StudioTenant): RestCall =>
  (method, path, body) =>
    t.owner.http(method, path, { body });

/** This Lima month's first instant and the next one's (Lima is UTC−5 all year, no DST). */
function limaMonth(now: Date) {
  const [y, m] = new Intl.DateTimeFormat("en-CA", { timeZone: "America/Lima" }).format(now).split("-").map(Number) as [
    number,
    number,
  ];
  const start = (yy: number, mm: number) => new Date(`${yy}-${String(mm).padStart(2, "0")}-01T05:00:00.000Z`);
  return { start: start(y, m), end: m === 12 ? start(y + 1, 1) : start(y, m + 1) };
}

const SOLD = ["confirmed", "in_production", "ready", "delivered"] as const;

/** What the reports should say, counted over the studio's rows. */
async function handCount(t: StudioTenant) {
  const { start, end } = limaMonth(NOW);
  const thisMonth = and(inArray(orders.status, [...SOLD]), gte(orders.confirmedAt, start), lt(orders.confirmedAt, end));
  const [sales] = await t.db
    .select({
      revenue: sql<string>`coalesce(sum(${orders.total}), 0)`,
      n: sql<number>`count(*)`,
      clients: sql<number>`count(distinct ${orders.clientId})`,
    })
    .from(orders)
    .where(thisMonth);
  const byStatus = await t.db
    .select({ status: orders.status, n: sql<number>`count(*)` })
    .from(orders)
    .where(inArray(orders.status, ["confirmed", "in_production", "ready"]))
    .groupBy(orders.status);
  const [late] = await t.db
    .select({ n: sql<number>`count(*)` })
    .from(orders)
    .where(and(lt(orders.promisedAt, new Date()), notInArray(orders.status, ["delivered", "cancelled"])));
  const work = await t.db
    .select({ status: productionOrders.status, n: sql<number>`count(*)` })
    .from(productionOrders)
    .groupBy(productionOrders.status);
  const of = (rows: { status: string; n: number }[], s: string) => Number(rows.find((r) => r.status === s)?.n ?? 0);
  return {
    revenue: Number(sales?.revenue ?? 0).toFixed(2),
    ordersCount: Number(sales?.n ?? 0),
    activeClients: Number(sales?.clients ?? 0),
    pending: ["confirmed", "in_production", "ready"].map((status) => ({ status, count: of(byStatus, status) })),
    late: Number(late?.n ?? 0),
    done: of(work, "done"),
    inProgress: of(work, "in_progress"),
  };
}

/** Decimal strings as integers: "12.345" → 12345 thousandths, "8.50" → 850 cents. */
const scaled = (s: string, digits: number) => Math.round(Number(s) * 10 ** digits);
/** thousandths × cents ÷ 1000, half-up, in integers (the inventory's and production's rounding). */
const costOf = (thousandths: number, unitCents: number) => Math.floor((thousandths * unitCents + 500) / 1000);

/** Stock and the workshop's month, counted row by row in JS from the studio's rows. */
async function stockAndWorkshop(t: StudioTenant) {
  const mats = await t.db.select().from(materials).where(eq(materials.active, true));
  const balances = await t.db.select().from(stockBalances);
  let valueCents = 0;
  let low = 0;
  for (const m of mats) {
    const mine = balances.filter((b) => b.materialId === m.id);
    const onHand = mine.reduce((n, b) => n + scaled(b.onHand, 3), 0);
    const reserved = mine.reduce((n, b) => n + scaled(b.reserved, 3), 0);
    valueCents += costOf(onHand, scaled(m.avgCost, 2));
    if (onHand - reserved <= scaled(m.minQty, 3)) low++;
  }
  const { start, end } = limaMonth(NOW);
  const used = await t.db
    .select({ c: productionComponents })
    .from(productionComponents)
    .innerJoin(productionOrders, eq(productionOrders.id, productionComponents.productionOrderId))
    .where(
      and(eq(productionOrders.status, "done"), gte(productionOrders.doneAt, start), lt(productionOrders.doneAt, end)),
    );
  let consumed = 0;
  let waste = 0;
  for (const { c } of used) {
    const unit = scaled(c.unitCost ?? "0", 2);
    consumed += costOf(scaled(c.consumedQty, 3), unit);
    waste += costOf(scaled(c.wasteQty, 3), unit);
  }
  const efficiency = ((consumed * 100) / (consumed + waste)).toFixed(2);
  return { value: (valueCents / 100).toFixed(2), low, efficiency, wasteCents: waste };
}

async function load(t: StudioTenant, sample: DemoSample) {
  const counts = await seedDemoStudio(as(t), t.db, sample, NOW);
  expect(counts).toMatchObject({ productionOrders: 7, productsMade: 5 });
}

describe("the demo data behind the reports and the dashboard", () => {
  it("the reports and the dashboard of demo and norte equal their own rows, never each other's", async ({ studio }) => {
    await using norte = await studio.openTenant();
    await load(studio, "demo");
    await load(norte, "norte");
    const seen: Record<string, unknown>[] = [];
    for (const t of [studio, norte]) {
      const hand = await handCount(t);
      const financial = await t.owner.http("GET", "/api/reports/financial/?period=month");
      expect(financial.status, JSON.stringify(financial.body)).toBe(200);
      expect(financial.body.revenue.total).toBe(hand.revenue);
      expect(financial.body.ordersCount).toBe(hand.ordersCount);
      expect(financial.body.payments.byMethod.length).toBeGreaterThan(0);

      const res = await t.owner.http("GET", "/api/dashboard/");
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const d = res.body;
      expect(d.revenueThisMonth).toBe(hand.revenue);
      expect(d.ordersThisMonth).toBe(hand.ordersCount);
      expect(d.pendingOrders).toEqual(hand.pending);
      expect(d.lateOrders).toBe(hand.late);
      expect(d.activeClients.total).toBe(hand.activeClients);
      expect(d.activeClients.new + d.activeClients.returning).toBe(hand.activeClients);
      // The workshop's month: five pieces made with waste, one in progress.
      expect(hand).toMatchObject({ done: 5, inProgress: 1 });
      expect(d.production).toMatchObject({ inProgress: 1, doneThisMonth: 5 });
      const stock = await stockAndWorkshop(t);
      expect(stock.wasteCents).toBeGreaterThan(0);
      expect(d.production.efficiencyPercent).toBe(Number(stock.efficiency));
      expect(d.lowStockCount).toBe(stock.low);
      expect(d.lowStockCount).toBeGreaterThanOrEqual(5);
      expect(d.inventoryValue).toBe(stock.value);
      expect(d.expiringContracts.count).toBe(1);
      expect(d.recentOrders).toHaveLength(10);
      // Every section of the front page has something to show.
      expect(hand.ordersCount).toBeGreaterThan(0);
      expect(d.upcomingAppointments.length).toBeGreaterThan(0);
      // The reports' tabs tell the same month as the front page, from the same rows.
      const report = async (name: string) => {
        const r = await t.owner.http("GET", `/api/reports/${name}/?period=month`);
        expect(r.status, JSON.stringify(r.body)).toBe(200);
        return r.body;
      };
      const inventory = await report("inventory");
      expect(inventory.totalValue).toBe(stock.value);
      expect(inventory.lowStockCount).toBe(stock.low);
      expect(inventory.categories.reduce((n: number, c: { lowStock: number }) => n + c.lowStock, 0)).toBe(stock.low);
      const production = await report("production");
      expect(production.output).toBe(hand.done);
      expect(production.efficiencyPercent).toBe(Number(stock.efficiency));
      const clients = await report("clients");
      expect(clients.clients.active).toBe(hand.activeClients);
      expect(clients.clients.new).toBe(d.activeClients.new);
      const contracts = await report("contracts");
      expect(contracts.expiring.count).toBe(d.expiringContracts.count);
      seen.push(d);
    }
    // Two data sets, two dashboards: norte's never includes demo's rows.
    expect(seen[0]?.revenueThisMonth).not.toBe(seen[1]?.revenueThisMonth);
  }, 300_000);
});
