import { type Executor, materials, stockLocations, stockMovements } from "@fotostudio/db";
import { and, asc, count, eq, getTableColumns, or, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/mysql-core";
import { AppError } from "../../../errors.js";
import { formatQuantity } from "../../../shared/fields.js";
import { toMovement } from "./movements.js";
import { signedThousandths } from "./totals.js";

/**
 * A material's movements, oldest first, each with what it did to on hand and the running balance
 * after it: over every internal location, or one location's. The balance is a window sum over
 * the whole ledger, computed before the page is cut, so every page carries the true running figure.
 */
export async function materialLedger(
  db: Executor,
  input: { id: number; locationId?: number | undefined; page: number; pageSize: number },
  costs: boolean,
) {
  const [material] = await db.select({ id: materials.id }).from(materials).where(eq(materials.id, input.id));
  if (!material) throw new AppError("NOT_FOUND", `Material ${input.id} not found`);
  const m = stockMovements;
  const from = alias(stockLocations, "from_location");
  const to = alias(stockLocations, "to_location");
  const loc = input.locationId;
  const change: SQL =
    loc === undefined
      ? sql`(case when ${to.kind} = ${"internal"} then ${m.quantity} else 0 end) - (case when ${from.kind} = ${"internal"} then ${m.quantity} else 0 end)`
      : sql`(case when ${m.toLocationId} = ${loc} then ${m.quantity} else 0 end) - (case when ${m.fromLocationId} = ${loc} then ${m.quantity} else 0 end)`;
  const where = and(
    eq(m.materialId, input.id),
    loc === undefined ? undefined : or(eq(m.fromLocationId, loc), eq(m.toLocationId, loc)),
  );
  const [rows, [total]] = await Promise.all([
    db
      .select({
        ...getTableColumns(m),
        change: sql<string>`${change}`,
        balance: sql<string>`sum(${change}) over (order by ${m.id})`,
      })
      .from(m)
      .innerJoin(from, eq(from.id, m.fromLocationId))
      .innerJoin(to, eq(to.id, m.toLocationId))
      .where(where)
      .orderBy(asc(m.id))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    db.select({ n: count() }).from(m).where(where),
  ]);
  return {
    count: total?.n ?? 0,
    page: input.page,
    pageSize: input.pageSize,
    results: rows.map(({ change: delta, balance, ...row }) => ({
      ...toMovement(row, costs),
      change: formatQuantity(signedThousandths(delta)),
      balance: formatQuantity(signedThousandths(balance)),
    })),
  };
}
