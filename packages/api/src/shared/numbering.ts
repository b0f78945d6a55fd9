import { type Executor, numberCounters } from "@fotostudio/db";
import { and, eq, sql } from "drizzle-orm";
import { studioZone, yearIn } from "./studio-days.js";

/**
 * Human numbers of the series that share number_counters: production orders `OP-2026-000045` and
 * generated product codes `PT-2026-000012` (orders keep their own order_counters and prefix
 * setting). The year is the creation year in the studio's time zone.
 */
export const NUMBER_PREFIXES = { production: "OP", product: "PT" } as const;
export type NumberSeries = keyof typeof NUMBER_PREFIXES;

export const formatNumber = (series: NumberSeries, year: number, sequence: number) =>
  `${NUMBER_PREFIXES[series]}-${year}-${String(sequence).padStart(6, "0")}`;

/**
 * The next number of `series` in the studio's current year (or `year`). Call it inside the
 * creating transaction, as late as possible: the counter row stays locked until the commit, so
 * concurrent creators queue behind it (unique numbers) and a rollback hands the number back (no
 * gaps), as orders number themselves.
 */
export async function nextNumber(
  db: Executor,
  series: NumberSeries,
  year?: number,
): Promise<{ year: number; sequence: number; number: string }> {
  const y = year ?? yearIn(await studioZone(db));
  await db
    .insert(numberCounters)
    .values({ series, year: y, last: 1 })
    .onDuplicateKeyUpdate({ set: { last: sql`${numberCounters.last} + 1` } });
  const [row] = await db
    .select({ last: numberCounters.last })
    .from(numberCounters)
    .where(and(eq(numberCounters.series, series), eq(numberCounters.year, y)))
    .for("update");
  if (!row) throw new Error(`number counter ${series} ${y} missing after its upsert`);
  return { year: y, sequence: row.last, number: formatNumber(series, y, row.last) };
}
