import { type Executor, orderCounters } from "@fotostudio/db";
import { eq, sql } from "drizzle-orm";

/**
 * The next order number of `year`: `P-2026-000123`. The counter row stays locked by the creating
 * transaction, so concurrent creators queue behind it (unique numbers) and a rollback hands the
 * number back (no gaps).
 */
export async function nextOrderNumber(db: Executor, prefix: string, year: number) {
  await db
    .insert(orderCounters)
    .values({ year, last: 1 })
    .onDuplicateKeyUpdate({ set: { last: sql`${orderCounters.last} + 1` } });
  const [row] = await db
    .select({ last: orderCounters.last })
    .from(orderCounters)
    .where(eq(orderCounters.year, year))
    .for("update");
  if (!row) throw new Error(`order counter ${year} missing after its upsert`);
  return { year, sequence: row.last, number: formatOrderNumber(prefix, year, row.last) };
}

export const formatOrderNumber = (prefix: string, year: number, sequence: number) =>
  `${prefix}-${year}-${String(sequence).padStart(6, "0")}`;
