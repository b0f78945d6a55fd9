import { type Executor, materials, productionComponents, productionOrders } from "@fotostudio/db";
import { and, asc, eq, gte, lt, type SQL } from "drizzle-orm";
import { formatCents, formatQuantity } from "../../../shared/fields.js";
import { addDays, startOfDay, studioZone } from "../../../shared/studio-days.js";
import { efficiencyPercent, usageCost, wastePercent } from "../metrics.js";
import type { MaterialMetrics } from "../output.schema.js";
import type { MaterialMetricsInput } from "../production.schema.js";
import { cents, thousandths } from "./views.js";

/**
 * Waste % and efficiency per material over the registered (done) production orders, optionally
 * those registered between two days of the studio's calendar. Summed with metrics.ts, the one
 * definition: quantities only within a material (one unit), costs at each registration's own
 * unit cost.
 */
export async function materialMetrics(
  db: Executor,
  input: MaterialMetricsInput,
  costs: boolean,
): Promise<MaterialMetrics> {
  const zone = input.from || input.to ? await studioZone(db) : "UTC";
  const filters: (SQL | undefined)[] = [
    eq(productionOrders.status, "done"),
    input.materialId ? eq(productionComponents.materialId, input.materialId) : undefined,
    input.from ? gte(productionOrders.doneAt, startOfDay(input.from, zone)) : undefined,
    input.to ? lt(productionOrders.doneAt, startOfDay(addDays(input.to, 1), zone)) : undefined,
  ];
  const rows = await db
    .select({
      materialId: productionComponents.materialId,
      code: materials.code,
      name: materials.name,
      unit: materials.unit,
      consumed: productionComponents.consumedQty,
      waste: productionComponents.wasteQty,
      unitCost: productionComponents.unitCost,
    })
    .from(productionComponents)
    .innerJoin(productionOrders, eq(productionOrders.id, productionComponents.productionOrderId))
    .innerJoin(materials, eq(materials.id, productionComponents.materialId))
    .where(and(...filters))
    .orderBy(asc(materials.code));
  const by = new Map<number, { head: (typeof rows)[number]; usages: Parameters<typeof usageCost>[0][number][] }>();
  for (const r of rows) {
    const entry = by.get(r.materialId) ?? { head: r, usages: [] };
    entry.usages.push({
      consumed: thousandths(r.consumed),
      waste: thousandths(r.waste),
      unitCostCents: cents(r.unitCost),
    });
    by.set(r.materialId, entry);
  }
  return {
    results: [...by.values()].map(({ head, usages }) => {
      const usage = usages.reduce((s, u) => ({ consumed: s.consumed + u.consumed, waste: s.waste + u.waste }), {
        consumed: 0,
        waste: 0,
      });
      const money = usageCost(usages);
      return {
        materialId: head.materialId,
        materialCode: head.code,
        materialName: head.name,
        unit: head.unit,
        orders: usages.length,
        consumedQty: formatQuantity(usage.consumed),
        wasteQty: formatQuantity(usage.waste),
        wastePercent: wastePercent(usage),
        efficiency: efficiencyPercent(money),
        ...(costs && { consumedCost: formatCents(money.consumedCents), wasteCost: formatCents(money.wasteCents) }),
      };
    }),
  };
}
