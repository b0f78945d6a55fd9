import { type Executor, type LocationKind, type StockLocationRow, stockLocations } from "@fotostudio/db";
import { eq } from "drizzle-orm";
import { AppError } from "../../../errors.js";

export type VirtualKind = Exclude<LocationKind, "internal">;

/** Every location of the studio by id: a handful of rows, read once per stock operation. */
export async function locationsById(db: Executor): Promise<Map<number, StockLocationRow>> {
  const rows = await db.select().from(stockLocations);
  return new Map(rows.map((row) => [row.id, row]));
}

/** The studio's default internal location (seeded as PRINCIPAL; exactly one by a unique index). */
export async function defaultLocationId(db: Executor): Promise<number> {
  const [row] = await db
    .select({ id: stockLocations.id })
    .from(stockLocations)
    .where(eq(stockLocations.isDefault, true))
    .limit(1);
  if (!row) throw new Error("the studio has no default stock location (migration 0007 seeds one)");
  return row.id;
}

/** The one virtual location of a kind (supplier, customer, production, scrap, adjustment). */
export async function virtualLocationId(db: Executor, kind: VirtualKind): Promise<number> {
  const [row] = await db
    .select({ id: stockLocations.id })
    .from(stockLocations)
    .where(eq(stockLocations.kind, kind))
    .limit(1);
  if (!row) throw new Error(`the studio has no ${kind} location (migration 0007 seeds one)`);
  return row.id;
}

/** The location, or 404 (an id of another studio is simply not here). */
export function locationOf(locations: Map<number, StockLocationRow>, id: number): StockLocationRow {
  const row = locations.get(id);
  if (!row) throw new AppError("NOT_FOUND", `Location ${id} not found`);
  return row;
}

export const defaultOf = (locations: Map<number, StockLocationRow>): StockLocationRow => {
  for (const row of locations.values()) if (row.isDefault) return row;
  throw new Error("the studio has no default stock location");
};

export const virtualOf = (locations: Map<number, StockLocationRow>, kind: VirtualKind): StockLocationRow => {
  for (const row of locations.values()) if (row.kind === kind) return row;
  throw new Error(`the studio has no ${kind} location`);
};
