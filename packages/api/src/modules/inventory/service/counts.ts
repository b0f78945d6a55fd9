import { type Executor, stockCounts } from "@fotostudio/db";
import { eq } from "drizzle-orm";
import { AppError } from "../../../errors.js";
import { formatQuantity } from "../../../shared/fields.js";
import type { CountInput } from "../schema/movements.js";
import { defaultOf, locationOf, virtualOf } from "../stock/locations.js";
import { applyMovements, type MovementDraft, saveStock } from "../stock/movements.js";
import { balanceAt, lockStock, stockOf } from "../stock/state.js";

function invalid(path: string, message: string): never {
  throw new AppError("VALIDATION_ERROR", "Input validation failed", { issues: [{ path, message, code: "custom" }] });
}

/**
 * A physical count: what was found per material and location becomes adjustment movements for the
 * differences (none where it matches), all in one transaction, each with the count as its reason
 * and its id. Counting less than is reserved for production is refused (INSUFFICIENT_STOCK):
 * release the production order first.
 */
export async function createCount(db: Executor, input: CountInput, userId: number | null) {
  const state = await lockStock(
    db,
    input.lines.map((l) => l.materialId),
  );
  const home = defaultOf(state.locations).id;
  const adjustment = virtualOf(state.locations, "adjustment").id;
  const seen = new Set<string>();
  const lines = input.lines.map((line, i) => {
    const location = locationOf(state.locations, line.locationId ?? home);
    if (location.kind !== "internal") invalid(`lines.${i}.locationId`, "stock is counted in internal locations only");
    const key = `${line.materialId}:${location.id}`;
    if (seen.has(key)) invalid(`lines.${i}`, "this material and location are counted twice");
    seen.add(key);
    const before = balanceAt(stockOf(state, line.materialId), location.id).onHand;
    return { materialId: line.materialId, locationId: location.id, before, counted: line.counted };
  });
  const [count] = await db
    .insert(stockCounts)
    .values({ note: input.note, userId, createdAt: new Date() })
    .$returningId();
  if (!count) throw new Error("insert returned no id");
  const reason = input.note ? `Count ${count.id}: ${input.note}` : `Count ${count.id}`;
  const drafts: MovementDraft[] = lines
    .filter((l) => l.counted !== l.before)
    .map((l) => ({
      materialId: l.materialId,
      type: "adjust",
      quantity: Math.abs(l.counted - l.before),
      fromLocationId: l.counted > l.before ? adjustment : l.locationId,
      toLocationId: l.counted > l.before ? l.locationId : adjustment,
      reason: reason.slice(0, 500),
      userId,
      countId: count.id,
    }));
  const movements = await saveStock(db, state, applyMovements(state, drafts));
  const [row] = await db.select().from(stockCounts).where(eq(stockCounts.id, count.id));
  return {
    id: count.id,
    note: row?.note ?? null,
    createdAt: row?.createdAt ?? new Date(),
    lines: lines.map((l) => ({
      materialId: l.materialId,
      locationId: l.locationId,
      before: formatQuantity(l.before),
      counted: formatQuantity(l.counted),
      difference: formatQuantity(l.counted - l.before),
    })),
    movements,
  };
}
