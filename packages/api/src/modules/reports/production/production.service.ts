import { type Executor, productionStatuses, productionTypes } from "@fotostudio/db";
import { asPercent, formatCents, formatQuantity } from "../../../shared/fields.js";
import { fillSeries, periodView, resolvePeriod, type SeriesInput } from "../../../shared/periods.js";
import { studioZone } from "../../../shared/studio-days.js";
import { signedThousandths } from "../../inventory/service/totals.js";
import {
  type ProductionFacts,
  productionByMaterial,
  productionByType,
  productionFacts,
  productionSeries,
} from "../../metrics/facts/production.js";
import { efficiencyPercent, type UsageCost, wastePercent } from "../../production/metrics.js";
import { lateProductionOrders } from "../../production/production.service.js";
import { ordersCreatedIn } from "./facts.js";
import type { ProductionReport } from "./production.schema.js";

const ZERO: ProductionFacts = { done: 0, leadDays: null, consumedCents: 0, wasteCents: 0 };
const DAY = 86_400_000;

/**
 * Waste % and efficiency of usage across materials, with metrics.ts' own functions: quantities in
 * metres and m² never add, so the waste % of several materials is the same ratio over their cost.
 */
function usageOf(cost: UsageCost, costs: boolean) {
  return {
    wastePercent: asPercent(wastePercent({ consumed: cost.consumedCents, waste: cost.wasteCents })),
    efficiencyPercent: asPercent(efficiencyPercent(cost)),
    consumedCost: costs ? formatCents(cost.consumedCents) : null,
    wasteCost: costs ? formatCents(cost.wasteCents) : null,
  };
}

/**
 * The production report: the period's production orders by status and type, what was done
 * (output, lead time, waste and efficiency overall, per material and per type, and per bucket),
 * and what is late now. Ten statements whatever the data, side by side.
 */
export async function productionReport(
  db: Executor,
  input: SeriesInput,
  opts: { costs: boolean; now?: Date },
): Promise<ProductionReport> {
  const now = opts.now ?? new Date();
  const p = resolvePeriod(input, await studioZone(db), now);
  const [created, done, byMaterial, byType, series, late] = await Promise.all([
    ordersCreatedIn(db, p),
    productionFacts(db, p),
    productionByMaterial(db, p),
    productionByType(db, p),
    productionSeries(db, p, input.groupBy),
    lateProductionOrders(db, now),
  ]);
  const sum = <K extends "status" | "type">(key: K, value: (typeof created)[number][K]) =>
    created.filter((c) => c[key] === value).reduce((n, c) => n + c.count, 0);
  return {
    period: periodView(p),
    orders: {
      total: created.reduce((n, c) => n + c.count, 0),
      byStatus: productionStatuses.map((status) => ({ status, count: sum("status", status) })),
      byType: productionTypes.map((type) => ({ type, count: sum("type", type) })),
    },
    output: done.done,
    leadTimeDays: done.leadDays,
    ...usageOf(done, opts.costs),
    materials: byMaterial.map((m) => ({
      materialId: m.materialId,
      code: m.code,
      name: m.name,
      category: m.category,
      unit: m.unit,
      orders: m.orders,
      consumed: formatQuantity(signedThousandths(m.consumedQty)),
      waste: formatQuantity(signedThousandths(m.wasteQty)),
      wastePercent: asPercent(
        wastePercent({ consumed: signedThousandths(m.consumedQty), waste: signedThousandths(m.wasteQty) }),
      ),
      efficiencyPercent: asPercent(efficiencyPercent(m)),
      consumedCost: opts.costs ? formatCents(m.consumedCents) : null,
      wasteCost: opts.costs ? formatCents(m.wasteCents) : null,
    })),
    types: productionTypes.map((type) => {
      const f = byType.get(type) ?? ZERO;
      return { type, done: f.done, leadTimeDays: f.leadDays, ...usageOf(f, opts.costs) };
    }),
    late: late.map((o) => ({
      id: o.id,
      number: o.number,
      type: o.type,
      priority: o.priority,
      status: o.status,
      dueAt: o.dueAt as Date,
      daysLate: Math.floor((+now - +(o.dueAt as Date)) / DAY),
      orderId: o.orderId,
      orderNumber: o.orderNumber,
      assigneeName: o.assigneeName,
    })),
    series: fillSeries(p, input.groupBy, series, ZERO).map(({ period, value }) => ({
      period,
      done: value.done,
      wastePercent: asPercent(wastePercent({ consumed: value.consumedCents, waste: value.wasteCents })),
      efficiencyPercent: asPercent(efficiencyPercent(value)),
    })),
  };
}
