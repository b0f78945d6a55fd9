import { afterAll, beforeAll, describe, expect } from "vitest";
import { type GeneralLog, openGeneralLog } from "../support/general-log.js";
import { studioTest } from "../support/studio.js";
import { client, order, type Tenant } from "./metrics-fixtures.js";

// No N+1: every computed endpoint sends a fixed number of statements, whatever the number of rows
// or buckets — read back from MariaDB's general log by the procedure's SQL comment. The caches are
// off so that every call checks its token and reads the settings the same way.
const it = studioTest({ env: { SESSION_CACHE_SECONDS: "0" } });

let log: GeneralLog;
beforeAll(async () => {
  log = await openGeneralLog();
});
afterAll(() => log.close());

/** The statements one GET sends, by its procedure's tag. */
async function statementsOf(t: Tenant & { slug: string }, procedure: string, path: string) {
  const tag = `/*procedure='${procedure}',tenant='${t.slug}'*/`;
  const before = (await log.logged(tag)).length;
  const res = await t.owner.http("GET", path);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return (await log.logged(tag)).length - before;
}

const CALLS = [
  ["metrics.trends", "/api/metrics/trends/?kpi=revenue&period=year&groupBy=month"],
  ["metrics.trends", "/api/metrics/trends/?kpi=revenue&period=year&groupBy=day"],
  ["metrics.trends", "/api/metrics/trends/?kpi=activeClients&period=year&groupBy=week"],
  ["metrics.trends", "/api/metrics/trends/?kpi=efficiencyPercent&period=year&groupBy=day"],
  ["metrics.comparison", "/api/metrics/comparison/?kpi=averageTicket&period=quarter"],
  ["metrics.dashboard", "/api/metrics/dashboard/"],
  ["metrics.revenue", "/api/metrics/revenue/"],
  ["metrics.list", "/api/metrics/"],
] as const;

describe("statement counts", () => {
  it("stay the same with 2 sales or 20, 12 buckets or 365", async ({ studio }) => {
    await using t = await studio.openTenant();
    for (const kpi of ["revenue", "averageTicket", "lateOrders", "wastePercent"]) {
      const res = await t.owner.http("POST", "/api/metrics/", {
        body: { name: kpi, kpi, warning: "1", critical: "1" },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    const c = await client(t);
    for (let i = 0; i < 2; i++) await order(t, await client(t), "10.00");
    const small: number[] = [];
    for (const [procedure, path] of CALLS) small.push(await statementsOf(t, procedure, path));
    for (let i = 0; i < 18; i++)
      await order(t, i % 2 ? c : await client(t), "10.00", i % 3 ? "confirmed" : "delivered");
    const large: number[] = [];
    for (const [procedure, path] of CALLS) large.push(await statementsOf(t, procedure, path));
    expect(large).toEqual(small);
    // Per call: the token check and the studio's zone (settings), then the KPI's own statements —
    // one GROUP BY for a revenue trend by month or by day; two for clients and efficiency (two
    // GROUP BYs merged by bucket); one per period for the comparison (3); one per source for the
    // dashboard (sales, growth, margin, clients, pipeline, deliveries, stock; production 2) and
    // revenue (sales, growth, margin); the list: its page (short: no COUNT), then the zone and
    // its definitions' sources once each (sales for revenue and averageTicket, pipeline,
    // production 2).
    expect(small).toEqual([3, 3, 4, 4, 5, 11, 5, 7]);
  });
});
