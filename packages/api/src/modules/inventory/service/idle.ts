import { type Executor, materials, stockMovements } from "@fotostudio/db";
import { and, eq, lt, max, type SQL, sql } from "drizzle-orm";

/** A material with no movement for this many days is inactive (the alerts list and the inventory report). */
export const INACTIVE_DAYS = 90;

/**
 * What makes a material inactive as of `now`: active, and idle since its last movement (its
 * creation when it never moved) for INACTIVE_DAYS. Join `last` on the material and filter by
 * `where`; `last.at` is the last movement, `idleSince` what the idle days count from.
 */
export function idleMaterials(db: Executor, now: Date) {
  const last = db
    .select({ materialId: stockMovements.materialId, at: max(stockMovements.createdAt).as("last_at") })
    .from(stockMovements)
    .groupBy(stockMovements.materialId)
    .as("last_movement");
  const idleSince = sql`coalesce(${last.at}, ${materials.createdAt})`;
  const where = and(
    eq(materials.active, true),
    lt(idleSince, new Date(now.getTime() - INACTIVE_DAYS * 86_400_000)),
  ) as SQL;
  return { last, idleSince, where };
}
