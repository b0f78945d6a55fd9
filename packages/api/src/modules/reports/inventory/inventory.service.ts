import { type Executor, type MaterialUnit, materialCategories, movementTypes } from "@fotostudio/db";
import { formatCents, formatQuantity } from "../../../shared/fields.js";
import { fillSeries, periodView, resolvePeriod, type SeriesInput } from "../../../shared/periods.js";
import { studioZone } from "../../../shared/studio-days.js";
import { INACTIVE_DAYS } from "../../inventory/service/idle.js";
import { signedThousandths } from "../../inventory/service/totals.js";
import { stockByCategory } from "../../metrics/facts/stock.js";
import { consumptionSeries, inactiveMaterials, lowStockMaterials, movementsIn } from "./facts.js";
import type { InventoryReport } from "./inventory.schema.js";

const q = (value: unknown) => formatQuantity(signedThousandths(String(value ?? "0")));

/**
 * The inventory report: stock now per category (active materials, low stock, value at cost for
 * roles that see costs, as the dashboard), the period's ledger by movement type, the low-stock and
 * inactive lists (now) and what production consumed per bucket, category and unit. Six
 * statements, whatever the data, side by side.
 */
export async function inventoryReport(
  db: Executor,
  input: SeriesInput,
  opts: { costs: boolean; now?: Date },
): Promise<InventoryReport> {
  const now = opts.now ?? new Date();
  const p = resolvePeriod(input, await studioZone(db), now);
  const [stock, moved, low, idle, used] = await Promise.all([
    stockByCategory(db),
    movementsIn(db, p),
    lowStockMaterials(db),
    inactiveMaterials(db, now),
    consumptionSeries(db, p, input.groupBy),
  ]);
  const money = (cents: number) => (opts.costs ? formatCents(cents) : null);
  const byCategory = new Map(stock.map((s) => [s.category, s]));
  const categories = materialCategories.map((category) => {
    const s = byCategory.get(category);
    return { category, items: s?.items ?? 0, lowStock: s?.lowStock ?? 0, valueCents: s?.valueCents ?? 0 };
  });

  // One zero-filled series per category and unit production used: units never share a line.
  const pairs = [...new Set(used.map((u) => `${u.category}/${u.unit}`))].sort();
  const consumption = pairs.flatMap((pair) => {
    const [category, unit] = pair.split("/") as [InventoryReport["consumption"][number]["category"], MaterialUnit];
    const rows = new Map(
      used
        .filter((u) => u.category === category && u.unit === unit)
        .map((u) => [u.bucket, signedThousandths(u.quantity)]),
    );
    return fillSeries(p, input.groupBy, rows, 0).map(({ period, value }) => ({
      period,
      category,
      unit,
      quantity: formatQuantity(value),
    }));
  });

  return {
    period: periodView(p),
    categories: categories.map((c) => ({
      category: c.category,
      items: c.items,
      lowStock: c.lowStock,
      value: money(c.valueCents),
    })),
    totalValue: money(categories.reduce((sum, c) => sum + c.valueCents, 0)),
    items: categories.reduce((n, c) => n + c.items, 0),
    lowStockCount: categories.reduce((n, c) => n + c.lowStock, 0),
    movements: movementTypes.map((type) => {
      const rows = moved.filter((m) => m.type === type);
      return {
        type,
        count: rows.reduce((n, r) => n + r.count, 0),
        quantities: rows
          .map((r) => ({ unit: r.unit, quantity: q(r.quantity), net: q(r.net) }))
          .sort((a, b) => a.unit.localeCompare(b.unit)),
        cost: money(rows.reduce((sum, r) => sum + r.costCents, 0)),
      };
    }),
    lowStock: low.map((m) => ({
      materialId: m.materialId,
      code: m.code,
      name: m.name,
      category: m.category,
      unit: m.unit,
      available: formatQuantity(signedThousandths(m.onHand) - signedThousandths(m.reserved)),
      minimum: q(m.minimum),
    })),
    inactive: {
      days: INACTIVE_DAYS,
      count: idle.length,
      materials: idle.map((m) => ({
        materialId: m.materialId,
        code: m.code,
        name: m.name,
        category: m.category,
        unit: m.unit,
        onHand: q(m.onHand),
        lastMovementAt: m.lastAt,
      })),
    },
    consumption,
  };
}
