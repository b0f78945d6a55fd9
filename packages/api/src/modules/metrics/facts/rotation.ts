import { type Executor, materials, stockBalances, stockLocations, stockMovements } from "@fotostudio/db";
import { eq, gte, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/mysql-core";
import type { Period } from "../../../shared/periods.js";

// Inventory rotation over a period = what production took out of stock (consume and waste
// movements, at their own unit cost) ÷ the average stock value, (opening + closing) / 2. Metres
// and m² never add, so both sides are money. The opening and closing stock are today's on hand
// rolled back through the ledger (on hand is the replay of the movements, SPEC 6): a movement
// adds its quantity to internal stock when it enters an internal location and takes it away when
// it leaves one. Stock is valued at each material's moving-average cost now: the ledger keeps
// quantities exact, and today's average is the cost a studio reads its stock at. One statement.

export interface RotationFacts {
  consumedCents: number;
  openingCents: number;
  closingCents: number;
}

/** A movement's locations, joined as `from` (source) and `to` (target). */
export const source = alias(stockLocations, "source_location");
export const target = alias(stockLocations, "target_location");

/** +1 when a movement brings stock into an internal location, −1 when it takes it out, 0 between two. */
export const intoStock = sql`((${target.kind} = 'internal') - (${source.kind} = 'internal'))`;

export async function rotationFacts(db: Executor, p: Period): Promise<RotationFacts> {
  const inflow = sql`${stockMovements.quantity} * ${intoStock} * ${materials.avgCost}`;
  const now = db
    .select({ value: sql<string>`coalesce(sum(${stockBalances.onHand} * ${materials.avgCost}), 0)` })
    .from(stockBalances)
    .innerJoin(materials, eq(materials.id, stockBalances.materialId));
  const [row] = await db
    .select({
      now: sql<string>`(${now})`,
      afterStart: sql<string>`coalesce(sum(${inflow}), 0)`,
      afterEnd: sql<string>`coalesce(sum(case when ${stockMovements.createdAt} >= ${p.end} then ${inflow} end), 0)`,
      consumed: sql<string>`coalesce(sum(case when ${stockMovements.type} in ('consume', 'waste') and ${stockMovements.createdAt} < ${p.end} then round(${stockMovements.quantity} * ${stockMovements.unitCost} * 100) end), 0)`,
    })
    .from(stockMovements)
    .innerJoin(materials, eq(materials.id, stockMovements.materialId))
    .innerJoin(source, eq(source.id, stockMovements.fromLocationId))
    .innerJoin(target, eq(target.id, stockMovements.toLocationId))
    .where(gte(stockMovements.createdAt, p.start));
  const cents = (v: unknown) => Math.round(Number(v ?? 0) * 100);
  const nowCents = cents(row?.now);
  return {
    consumedCents: Number(row?.consumed ?? 0),
    openingCents: nowCents - cents(row?.afterStart),
    closingCents: nowCents - cents(row?.afterEnd),
  };
}
