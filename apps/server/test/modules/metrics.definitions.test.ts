import { metrics } from "@fotostudio/db";
import { describe, expect } from "vitest";
import { studioTest } from "../support/studio.js";
import { client, order, setDates } from "./metrics-fixtures.js";

// Saved metrics: which KPI, filters, period and thresholds; the detail shows the KPI's value now
// and the level its thresholds give, in both directions. Each test builds its own studio.
const it = studioTest();

const paths = (body: { issues?: { path: string }[] }) => (body.issues ?? []).map((i) => i.path);

describe("levels", () => {
  it("higher is better: at or below critical is critical, at or below warning is warning, else ok", async ({
    studio,
  }) => {
    await using t = await studio.openTenant();
    await order(t, await client(t), "100.00"); // 118.00 this month
    const level = async (warning: string, critical: string) => {
      const res = await t.owner.http("POST", "/api/metrics/", {
        body: { name: `Ventas ${warning}/${critical}`, kpi: "revenue", target: "200.00", warning, critical },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      const got = await t.owner.http("GET", `/api/metrics/${res.body.id}/`);
      expect(got.body.current.value).toBe("118.00");
      return got.body.current.level;
    };
    expect(await level("150.00", "100.00")).toBe("warning");
    expect(await level("150.00", "118.00")).toBe("critical"); // at the threshold counts
    expect(await level("118.00", "50.00")).toBe("warning");
    expect(await level("100.00", "50.00")).toBe("ok");
  });

  it("lower is better: at or above critical is critical, at or above warning is warning, else ok", async ({
    studio,
  }) => {
    await using t = await studio.openTenant();
    const c = await client(t);
    for (let i = 0; i < 2; i++) {
      const late = await order(t, c, "10.00");
      await setDates(t, late.id, { promisedAt: new Date(Date.now() - 86_400_000) }); // promised yesterday
    }
    const level = async (warning: string | null, critical: string | null) => {
      const res = await t.owner.http("POST", "/api/metrics/", {
        body: { name: `Atrasos ${warning}/${critical}`, kpi: "lateOrders", target: "0", warning, critical },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body).toMatchObject({ direction: "lower", current: { value: 2 } });
      return res.body.current.level;
    };
    expect(await level("1", "3")).toBe("warning");
    expect(await level("1", "2")).toBe("critical");
    expect(await level("3", "5")).toBe("ok");
    expect(await level(null, null)).toBe(null); // nothing to judge by
    // The list shows the same levels, each distinct KPI and period computed once.
    const list = await t.owner.http("GET", "/api/metrics/?ordering=name");
    expect(list.body.results.map((r: { current: { level: string | null } }) => r.current.level)).toEqual([
      "critical",
      "warning",
      "ok",
      null,
    ]);
  });

  it("a custom period, and a revenue metric narrowed to one service", async ({ studio }) => {
    await using t = await studio.openTenant();
    const services = await t.owner.http("GET", "/api/config/services/");
    const serviceId = services.body.results[0].id as number;
    const c = await client(t);
    const framed = await order(t, c, "100.00", "confirmed", { serviceId }); // 118.00
    const other = await order(t, c, "50.00"); // 59.00, no service
    // Both moved into March 2026 (the API confirms "now").
    await setDates(t, framed.id, { confirmedAt: new Date("2026-03-10T15:00:00Z") });
    await setDates(t, other.id, { confirmedAt: new Date("2026-03-11T15:00:00Z") });
    const create = (name: string, filters?: Record<string, unknown>) =>
      t.owner.http("POST", "/api/metrics/", {
        body: { name, kpi: "revenue", period: "custom", fromDay: "2026-03-01", toDay: "2026-03-31", filters },
      });
    const all = await create("Marzo");
    expect(all.body).toMatchObject({ fromDay: "2026-03-01", toDay: "2026-03-31", current: { value: "177.00" } });
    const one = await create("Marzo, un servicio", { serviceId });
    expect(one.body).toMatchObject({
      filters: { serviceId },
      current: { value: "118.00", period: { from: "2026-03-01" } },
    });
    const trend = await t.owner.http(
      "GET",
      `/api/metrics/trends/?kpi=revenue&from=2026-03-01&to=2026-03-31&serviceId=${serviceId}`,
    );
    expect(trend.body.series).toEqual([{ period: "2026-03", value: "118.00" }]);
  });
});

describe("bad definitions are a 400 naming the field, and nothing is written", () => {
  it("unknown KPI, thresholds out of order for the direction, from after to, a filter the KPI does not take", async ({
    studio,
  }) => {
    const call = studio.owner.http;
    const count = async () => (await studio.db.select().from(metrics)).length;
    const before = await count();
    const refused = async (body: Record<string, unknown>) => {
      const res = await call("POST", "/api/metrics/", { body: { name: "Mala", ...body } });
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.code).toBe("VALIDATION_ERROR");
      return paths(res.body);
    };
    expect(await refused({ kpi: "happiness" })).toEqual(["kpi"]);
    expect(await refused({ kpi: "revenue", warning: "100.00", critical: "200.00" })).toEqual(["warning"]);
    expect(await refused({ kpi: "revenue", target: "100.00", warning: "150.00" })).toEqual(["target"]);
    expect(await refused({ kpi: "wastePercent", target: "10", warning: "5" })).toEqual(["target"]); // lower: target ≤ warning
    expect(await refused({ kpi: "revenue", direction: "lower", warning: "100.00", critical: "50.00" })).toEqual([
      "warning",
    ]);
    expect(await refused({ kpi: "revenue", period: "custom", fromDay: "2026-03-10", toDay: "2026-03-01" })).toEqual([
      "toDay",
    ]);
    expect(await refused({ kpi: "revenue", period: "custom" })).toEqual(["fromDay"]);
    expect(await refused({ kpi: "lowStockCount", filters: { serviceId: 1 } })).toEqual(["filters.serviceId"]);
    expect(await refused({ kpi: "revenue", filters: { serviceId: 999999 } })).toEqual(["filters.serviceId"]);
    expect(await refused({ kpi: "revenue", filters: { color: "red" } })).toEqual(["filters"]);
    expect(await count()).toBe(before);
  });

  it("a PATCH is checked as the row it leaves", async ({ studio }) => {
    const call = studio.owner.http;
    const { body: row } = await call("POST", "/api/metrics/", {
      body: { name: "Mermas", kpi: "wastePercent", target: "5", warning: "8", critical: "12" },
    });
    expect(row).toMatchObject({ direction: "lower", target: "5.00", warning: "8.00", critical: "12.00" });
    // Flipping the direction alone would leave critical (12) above target (5) for higher-is-better.
    const flipped = await call("PATCH", `/api/metrics/${row.id}/`, { body: { direction: "higher" } });
    expect([flipped.status, paths(flipped.body)]).toEqual([400, ["warning", "target"]]);
    const moved = await call("PATCH", `/api/metrics/${row.id}/`, { body: { warning: "4" } });
    expect([moved.status, paths(moved.body)]).toEqual([400, ["target"]]);
    expect((await call("GET", `/api/metrics/${row.id}/`)).body).toMatchObject({ direction: "lower", warning: "8.00" });
    const ok = await call("PATCH", `/api/metrics/${row.id}/`, { body: { warning: "10" } });
    expect(ok.body).toMatchObject({ warning: "10.00", target: "5.00" });
  });
});
