import { type Executor, materials, type StockMovementRow, stockMovements } from "@fotostudio/db";
import { count, eq, or } from "drizzle-orm";
import { AppError } from "../../../errors.js";
import { formatCents } from "../../../shared/fields.js";
import { listPage, type Page } from "../../../shared/list.js";
import type { CreateMovementInput, ListMovementsInput, MovementOutput } from "../schema/movements.js";
import { movementSort } from "../schema/movements.js";
import { defaultOf, locationsById, virtualOf } from "../stock/locations.js";
import { type MovementDraft, postMovement } from "../stock/movements.js";
import { cents, thousandths } from "../stock/state.js";

/** The movement as the API shows it; its cost only to roles holding costs:read. */
export function toMovement(row: StockMovementRow, costs: boolean): MovementOutput {
  const { unitCost, ...rest } = row;
  return { ...rest, ...(costs ? { unitCost: formatCents(cents(unitCost)) } : {}) };
}

/** a·b/c rounded half up, exactly (quantities and costs converted between units). */
export function mulDiv(a: number, b: number, c: number): number {
  return Number((2n * BigInt(a) * BigInt(b) + BigInt(c)) / (2n * BigInt(c)));
}

function missing(path: string, message: string): never {
  throw new AppError("VALIDATION_ERROR", "Input validation failed", { issues: [{ path, message, code: "custom" }] });
}

/**
 * A movement a user posts (receipt, adjust, return, transfer), its defaults filled in: receipts
 * come from the supplier, returns from the customer, both into the default location; a transfer
 * goes between the default location and the one named; an adjustment's sign says whether it adds (from the
 * adjustment location) or takes away (into it). Purchase units are converted by the material's
 * purchase factor here, once: the ledger is in base units only.
 */
export async function createMovement(db: Executor, input: CreateMovementInput, userId: number | null) {
  const locations = await locationsById(db);
  const home = defaultOf(locations).id;
  const { type, materialId } = input;
  let quantity = input.quantity;
  let unitCost = input.unitCost;
  if (type !== "adjust" && quantity < 0)
    missing("quantity", "must be greater than 0 (only an adjustment takes a sign)");
  if (input.unit === "purchase") {
    const [row] = await db
      .select({ factor: materials.purchaseFactor })
      .from(materials)
      .where(eq(materials.id, materialId));
    if (!row) throw new AppError("NOT_FOUND", `Material ${materialId} not found`);
    const factor = thousandths(row.factor);
    quantity = Math.sign(quantity) * mulDiv(Math.abs(quantity), factor, 1000);
    if (quantity === 0) missing("quantity", "is 0 in the base unit");
    if (unitCost !== undefined) unitCost = mulDiv(unitCost, 1000, factor);
  }
  const draft: MovementDraft = {
    materialId,
    type,
    quantity: Math.abs(quantity),
    fromLocationId: 0,
    toLocationId: 0,
    unitCost: type === "receipt" ? unitCost : undefined,
    reason: input.reason,
    userId,
  };
  if (type === "receipt" || type === "return") {
    draft.fromLocationId =
      input.fromLocationId ?? virtualOf(locations, type === "receipt" ? "supplier" : "customer").id;
    draft.toLocationId = input.toLocationId ?? home;
  } else if (type === "transfer") {
    draft.fromLocationId = input.fromLocationId ?? home;
    // Out of another location, a transfer goes home unless told; out of home it must be told.
    draft.toLocationId =
      input.toLocationId ??
      (draft.fromLocationId === home ? missing("toLocationId", "a transfer needs the target location") : home);
  } else {
    const place = input.toLocationId ?? input.fromLocationId ?? home;
    const adjustment = virtualOf(locations, "adjustment").id;
    [draft.fromLocationId, draft.toLocationId] = quantity > 0 ? [adjustment, place] : [place, adjustment];
  }
  return postMovement(db, draft);
}

export async function getMovement(db: Executor, id: number): Promise<StockMovementRow> {
  const [row] = await db.select().from(stockMovements).where(eq(stockMovements.id, id)).limit(1);
  if (!row) throw new AppError("NOT_FOUND", `Movement ${id} not found`);
  return row;
}

/**
 * A correction: a new movement of the same type and quantity the other way, pointing at the one it
 * corrects (never an update). Once per movement (a unique index), never a correction of a
 * correction, and never of a production movement: those belong to their production order.
 */
export async function reverseMovement(db: Executor, id: number, reason: string | null, userId: number | null) {
  const original = await getMovement(db, id);
  if (original.type === "consume" || original.type === "waste")
    throw new AppError("ILLEGAL_TRANSITION", `Movement ${id} belongs to a production order: correct it there`);
  if (original.reversesId !== null)
    throw new AppError("ILLEGAL_TRANSITION", `Movement ${id} is a correction itself: post a new movement instead`);
  const [done] = await db
    .select({ id: stockMovements.id })
    .from(stockMovements)
    .where(eq(stockMovements.reversesId, id));
  if (done) throw new AppError("ILLEGAL_TRANSITION", `Movement ${id} was already corrected by movement ${done.id}`);
  return postMovement(db, {
    materialId: original.materialId,
    type: original.type,
    quantity: thousandths(original.quantity),
    fromLocationId: original.toLocationId,
    toLocationId: original.fromLocationId,
    unitCost: cents(original.unitCost),
    reason: reason ?? `Correction of movement ${id}`,
    userId,
    reversesId: id,
  });
}

export function listMovements(db: Executor, input: ListMovementsInput): Promise<Page<StockMovementRow>> {
  const m = stockMovements;
  return listPage(
    { rows: db.select().from(m).$dynamic(), count: db.select({ n: count() }).from(m).$dynamic() },
    input,
    {
      sort: movementSort,
      tiebreak: m.id,
      search: [m.reason],
      filters: [
        input.materialId !== undefined && eq(m.materialId, input.materialId),
        input.type !== undefined && eq(m.type, input.type),
        input.productionOrderId !== undefined && eq(m.productionOrderId, input.productionOrderId),
        input.locationId !== undefined &&
          or(eq(m.fromLocationId, input.locationId), eq(m.toLocationId, input.locationId)),
      ],
    },
  );
}
