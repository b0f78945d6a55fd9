import { materials, productionOrders } from "@fotostudio/db";
import { eq, sql } from "drizzle-orm";
import { describe, expect } from "vitest";
import type { Studio } from "../support/studio.js";
import { studioTest } from "../support/studio.js";
import { framedOrder, move, productionFor, receive } from "./production-fixtures.js";

// The stock and production KPIs against what the test receives, produces and wastes, in a studio
// of its own: a moulding (10 m at 8.00), a glass sheet (2 m² at 40.00) and a souvenir material
// (5 units at 2.00, minimum 5), and one framed piece produced with 0.1 m of moulding wasted.
const it = studioTest();

describe("stock and production KPIs", () => {
  it("inventory value at average cost, low stock inclusive, waste and efficiency by cost, lead time", async ({
    studio,
  }) => {
    await using t = await studio.openTenant();
    const tenant = t as unknown as Studio; // the fixtures call only the owner's REST and the db
    const o = await framedOrder(tenant, { moulding: "10", glass: "2" });
    const souvenir = await t.owner.http("POST", "/api/inventory/materials/", {
      body: {
        category: "recordatorio",
        code: "REC-1",
        name: "Llavero",
        unit: "unit",
        costPrice: "2.00",
        minQty: "5",
        maxQty: "20",
      },
    });
    expect(souvenir.status, JSON.stringify(souvenir.body)).toBe(201);
    await receive(t, souvenir.body.id, "5", 200);

    const before = await t.owner.http("GET", "/api/metrics/inventory/");
    // 10 × 8.00 + 2 × 40.00 + 5 × 2.00; the souvenir is at its minimum (≤ counts), the rest above.
    expect(before.body.kpis).toEqual({ inventoryValue: "170.00", lowStockCount: 1, rotation: 0 });

    const po = await productionFor(tenant, o.lineIds[0] as number);
    await move(tenant, po.id, "confirmed");
    await move(tenant, po.id, "in_progress");
    const done = await t.owner.http("POST", "/api/production/register/", {
      body: {
        productionOrderId: po.id,
        consumed: [
          { materialId: o.mouldingId, quantity: "1.6" },
          { materialId: o.glassId, quantity: "0.12" },
        ],
        waste: [{ materialId: o.mouldingId, quantity: "0.1", reason: "Corte" }],
      },
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    // Confirmed a day and a half before it was done (moved by db UPDATE: the API stamps "now").
    await t.db
      .update(productionOrders)
      .set({ confirmedAt: sql`${productionOrders.doneAt} - interval 36 hour` })
      .where(eq(productionOrders.id, po.id));

    const production = await t.owner.http("GET", "/api/metrics/production/");
    // Used 1.6 m × 8.00 + 0.12 m² × 40.00 = 17.60, wasted 0.1 m × 8.00 = 0.80:
    // waste 0.80 / 18.40 = 4.35 %, efficiency 1 − 0.80 / 18.40 = 95.65 %.
    expect(production.body.kpis).toEqual({
      productionDone: 1,
      averageLeadDays: 1.5,
      wastePercent: 4.35,
      efficiencyPercent: 95.65,
    });
    // 8.3 m × 8.00 + 1.88 m² × 40.00 + 5 × 2.00 = 66.40 + 75.20 + 10.00.
    // Rotation: 18.40 taken out (used and wasted) ÷ the average stock, (0 at the month's start, all
    // of it received since, + 151.60 now) / 2 = 75.80: 0.2427… → 0.24.
    const after = await t.owner.http("GET", "/api/metrics/inventory/");
    expect(after.body.kpis).toEqual({ inventoryValue: "151.60", lowStockCount: 1, rotation: 0.24 });
    // Without costs:read the value is withheld, the count is not.
    const viewer = await t.users.viewer.http("GET", "/api/metrics/inventory/");
    expect(viewer.body.kpis).toEqual({ inventoryValue: null, lowStockCount: 1, rotation: 0.24 });
    // An inactive material is not stock the studio counts on.
    await t.db.update(materials).set({ active: false }).where(eq(materials.id, souvenir.body.id));
    expect((await t.owner.http("GET", "/api/metrics/inventory/")).body.kpis).toEqual({
      inventoryValue: "141.60",
      lowStockCount: 0,
      rotation: 0.24,
    });
    const rotation = await t.owner.http("GET", "/api/metrics/comparison/?kpi=rotation&period=month");
    expect(rotation.body).toMatchObject({ current: 0.24, previous: null, changePercent: null });
    expect((await t.owner.http("GET", "/api/metrics/trends/?kpi=rotation")).status).toBe(400);

    // A saved waste metric (lower is better) compares the percent to its thresholds exactly:
    // 4.35 at a warning of 4.35 is a warning; under 4.36 it is ok.
    const watch = async (warning: string) => {
      const res = await t.owner.http("POST", "/api/metrics/", {
        body: { name: `Mermas ${warning}`, kpi: "wastePercent", target: "2", warning, critical: "6" },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return [res.body.current.value, res.body.current.level];
    };
    expect(await watch("4.35")).toEqual([4.35, "warning"]);
    expect(await watch("4.36")).toEqual([4.35, "ok"]);

    const trend = await t.owner.http("GET", "/api/metrics/trends/?kpi=wastePercent&period=month&groupBy=month");
    expect(trend.body.series).toEqual([{ period: expect.any(String), value: 4.35 }]);
    const stock = await t.owner.http("GET", "/api/metrics/trends/?kpi=inventoryValue");
    expect([stock.status, stock.body.code]).toEqual([400, "BAD_REQUEST"]);
  });
});
