import { type Executor, materials, stockMovements } from "@fotostudio/db";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { bucketExpr, type Grouping, groupByBucket, type Period, within } from "../../../shared/periods.js";
import { idleMaterials } from "../../inventory/service/idle.js";
import { availableOf, stockTotals, totalColumns } from "../../inventory/service/totals.js";
import { intoStock, source, target } from "../../metrics/facts/rotation.js";

// The inventory report's ledger and list reads, one statement each. Quantities are summed per
// material unit (never metres with m²); stock "now" figures come from the balances, movements
// from the ledger within the period.

/**
 * The period's movements per type and unit: how many, the quantity moved, its net effect on the
 * studio's own stock (in − out: a transfer moves stock without changing it, a correction or an
 * outward adjustment subtracts) and the cost at each movement's own unit cost.
 */
export async function movementsIn(db: Executor, p: Period) {
  const rows = await db
    .select({
      type: stockMovements.type,
      unit: materials.unit,
      count: sql<number>`count(*)`,
      quantity: sql<string>`coalesce(sum(${stockMovements.quantity}), 0)`,
      net: sql<string>`coalesce(sum(${stockMovements.quantity} * ${intoStock}), 0)`,
      cost: sql<string>`coalesce(sum(round(${stockMovements.quantity} * ${stockMovements.unitCost} * 100)), 0)`,
    })
    .from(stockMovements)
    .innerJoin(materials, eq(materials.id, stockMovements.materialId))
    .innerJoin(source, eq(source.id, stockMovements.fromLocationId))
    .innerJoin(target, eq(target.id, stockMovements.toLocationId))
    .where(within(stockMovements.createdAt, p))
    .groupBy(stockMovements.type, materials.unit);
  return rows.map((r) => ({ ...r, count: Number(r.count), costCents: Number(r.cost) }));
}

/** Active materials whose available stock is at or below their minimum, the furthest below first. */
export async function lowStockMaterials(db: Executor) {
  const t = stockTotals(db);
  return db
    .select({
      materialId: materials.id,
      code: materials.code,
      name: materials.name,
      category: materials.category,
      unit: materials.unit,
      minimum: materials.minQty,
      ...totalColumns(t),
    })
    .from(materials)
    .leftJoin(t, eq(t.materialId, materials.id))
    .where(and(eq(materials.active, true), sql`${availableOf(t)} <= ${materials.minQty}`))
    .orderBy(sql`${availableOf(t)} - ${materials.minQty}`, asc(materials.code));
}

/**
 * Active materials without a movement for INACTIVE_DAYS (counted from their creation when they
 * never had one), by the alerts list's rule (idle.ts); the longest idle first.
 */
export async function inactiveMaterials(db: Executor, now: Date) {
  const t = stockTotals(db);
  const idle = idleMaterials(db, now);
  const rows = await db
    .select({
      materialId: materials.id,
      code: materials.code,
      name: materials.name,
      category: materials.category,
      unit: materials.unit,
      onHand: totalColumns(t).onHand,
      lastAt: idle.last.at,
    })
    .from(materials)
    .leftJoin(t, eq(t.materialId, materials.id))
    .leftJoin(idle.last, eq(idle.last.materialId, materials.id))
    .where(idle.where)
    .orderBy(asc(idle.idleSince), asc(materials.code));
  return rows.map((r) => ({ ...r, lastAt: r.lastAt ? new Date(r.lastAt) : null }));
}

/**
 * What production took out of stock per bucket, category and unit: consume and waste movements,
 * a correction of one giving it back (the same net as inventory rotation counts).
 */
export async function consumptionSeries(db: Executor, p: Period, groupBy: Grouping) {
  return db
    .select({
      bucket: bucketExpr(stockMovements.createdAt, p, groupBy).as("bucket"),
      category: materials.category,
      unit: materials.unit,
      quantity: sql<string>`coalesce(sum(${stockMovements.quantity} * -${intoStock}), 0)`,
    })
    .from(stockMovements)
    .innerJoin(materials, eq(materials.id, stockMovements.materialId))
    .innerJoin(source, eq(source.id, stockMovements.fromLocationId))
    .innerJoin(target, eq(target.id, stockMovements.toLocationId))
    .where(and(within(stockMovements.createdAt, p), inArray(stockMovements.type, ["consume", "waste"])))
    .groupBy(groupByBucket, materials.category, materials.unit);
}
