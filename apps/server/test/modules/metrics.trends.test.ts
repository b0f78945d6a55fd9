import { describe, expect } from "vitest";
import type { Studio } from "../support/studio.js";
import { studioTest } from "../support/studio.js";
import { client, order, setDates } from "./metrics-fixtures.js";
import { framedOrder } from "./production-fixtures.js";

// Series of the sales, client and delivery KPIs over the first half of 2026, every sale moved to
// a fixed day by db UPDATE (the API confirms and delivers "now"), so the test reads the same
// whatever today is. Each bucket is checked against the orders put in it.
const it = studioTest();

type Series = { period: string; value: string | number | null }[];
const months = ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"];
const byMonth = (series: Series) => Object.fromEntries(series.map((s) => [s.period, s.value]));

describe("trends of every kind of source", () => {
  it("gross margin, new and returning clients, on-time deliveries and delivery days, per month", async ({ studio }) => {
    await using t = await studio.openTenant();
    const tenant = t as unknown as Studio; // the fixtures call only the owner's REST
    // Two framed sales (their lines carry the moulding's cost), each by a new client.
    const first = await framedOrder(tenant, { moulding: "0", glass: "0" });
    const second = await framedOrder(tenant, { moulding: "0", glass: "0" });
    await setDates(t, first.orderId, { confirmedAt: new Date("2026-02-10T15:00:00Z") });
    await setDates(t, second.orderId, { confirmedAt: new Date("2026-04-10T15:00:00Z") });
    // The first client buys again in April: returning there.
    const again = await order(t, first.clientId, "100.00");
    await setDates(t, again.id, { confirmedAt: new Date("2026-04-12T15:00:00Z") });
    // A third client: delivered on time in March (2 days), late in May (5 days).
    const c = await client(t);
    const onTime = await order(t, c, "10.00", "delivered");
    await setDates(t, onTime.id, {
      confirmedAt: new Date("2026-03-01T15:00:00Z"),
      deliveredAt: new Date("2026-03-03T15:00:00Z"),
      promisedAt: new Date("2026-03-05T05:00:00Z"),
    });
    const late = await order(t, c, "10.00", "delivered");
    await setDates(t, late.id, {
      confirmedAt: new Date("2026-05-01T15:00:00Z"),
      deliveredAt: new Date("2026-05-06T15:00:00Z"),
      promisedAt: new Date("2026-05-02T05:00:00Z"),
    });

    const trend = async (kpi: string) => {
      const res = await t.owner.http(
        "GET",
        `/api/metrics/trends/?kpi=${kpi}&from=2026-01-01&to=2026-06-30&groupBy=month`,
      );
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.series.map((s: { period: string }) => s.period)).toEqual(months);
      return byMonth(res.body.series);
    };
    // Margin = total − Σ line costs, as the orders show them to the owner.
    const margin = async (...ids: number[]) => {
      let cents = 0;
      for (const id of ids) {
        const { body } = await t.owner.http("GET", `/api/orders/${id}/`);
        cents += Math.round(Number(body.total) * 100) - Math.round(Number(body.cost ?? "0") * 100);
      }
      return (cents / 100).toFixed(2);
    };
    // The framed line has a cost (the moulding), so margin is not the revenue again.
    expect(Number((await t.owner.http("GET", `/api/orders/${first.orderId}/`)).body.cost)).toBeGreaterThan(0);
    expect(await trend("grossMargin")).toEqual({
      "2026-01": "0.00",
      "2026-02": await margin(first.orderId),
      "2026-03": await margin(onTime.id),
      "2026-04": await margin(second.orderId, again.id),
      "2026-05": await margin(late.id),
      "2026-06": "0.00",
    });
    expect(await trend("newClients")).toEqual({ ...zero(), "2026-02": 1, "2026-03": 1, "2026-04": 1 });
    expect(await trend("returningClients")).toEqual({ ...zero(), "2026-04": 1, "2026-05": 1 });
    expect(await trend("activeClients")).toEqual({ ...zero(), "2026-02": 1, "2026-03": 1, "2026-04": 2, "2026-05": 1 });
    expect(await trend("onTimeDeliveryPercent")).toEqual({ ...nulls(), "2026-03": 100, "2026-05": 0 });
    expect(await trend("averageDeliveryDays")).toEqual({ ...nulls(), "2026-03": 2, "2026-05": 5 });
    expect(await trend("deliveredOrders")).toEqual({ ...zero(), "2026-03": 1, "2026-05": 1 });
  });
});

function zero() {
  return Object.fromEntries(months.map((m) => [m, 0]));
}
function nulls() {
  return Object.fromEntries(months.map((m) => [m, null]));
}
