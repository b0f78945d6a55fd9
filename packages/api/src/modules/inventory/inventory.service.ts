import {
  CATEGORY_UNITS,
  type Executor,
  type MaterialCategory,
  type MaterialRow,
  materials,
  stockMovements,
} from "@fotostudio/db";
import { count, eq, getTableColumns } from "drizzle-orm";
import { AppError } from "../../errors.js";
import type { Change, Updated } from "../../shared/changes.js";
import { formatCents, formatQuantity, parseCents, parseQuantity } from "../../shared/fields.js";
import { listPage, type Page } from "../../shared/list.js";
import {
  type CreateMaterialInput,
  type ListMaterialsInput,
  type Material,
  materialSort,
  type PatchMaterialInput,
} from "./inventory.schema.js";
import { mulDiv } from "./service/movements.js";
import { signedThousandths, stockTotals, totalColumns } from "./service/totals.js";
import { syncAlerts } from "./stock/alerts.js";
import { locationsById } from "./stock/locations.js";
import { lockStock, lockStudioStock } from "./stock/state.js";

type MaterialChanges = Omit<PatchMaterialInput, "id">;

/** A material with its stock over every internal location (decimal strings, as SQL sums them). */
export type MaterialWithStock = MaterialRow & { onHand?: string; reserved?: string };

/**
 * The material as the API shows it, with its stock; cost, margin, average cost and stock value only
 * when `costs` (the caller holds costs:read). Value = on hand × moving-average cost, half up.
 */
export function toMaterial(row: MaterialWithStock, costs: boolean): Material {
  const { costPrice, salePrice, purchaseFactor, minQty, maxQty, packMultiple, wastePercent, ...rest } = row;
  const { avgCost, onOrderQty, onHand: onHandText, reserved: reservedText, ...fields } = rest;
  const cost = cents(costPrice);
  const sale = cents(salePrice);
  const onHand = signedThousandths(onHandText ?? "0");
  const reserved = signedThousandths(reservedText ?? "0");
  const available = onHand - reserved;
  const average = cents(avgCost);
  return {
    ...fields,
    onHand: formatQuantity(onHand),
    reserved: formatQuantity(reserved),
    available: formatQuantity(available),
    lowStock: available <= thousandths(minQty),
    onOrder: formatQuantity(thousandths(onOrderQty)),
    purchaseFactor: formatQuantity(thousandths(purchaseFactor)),
    salePrice: formatCents(sale),
    minQty: formatQuantity(thousandths(minQty)),
    maxQty: formatQuantity(thousandths(maxQty)),
    packMultiple: formatQuantity(thousandths(packMultiple)),
    wastePercent: formatCents(cents(wastePercent)),
    ...(costs
      ? {
          costPrice: formatCents(cost),
          marginPercent: marginPercent(sale, cost),
          avgCost: formatCents(average),
          value: formatCents(mulDiv(onHand, average, 1000)),
        }
      : {}),
  };
}

/** (sale − cost) / cost in percent, two decimals, half away from zero; null when the cost is 0. */
export function marginPercent(saleCents: number, costCents: number): string | null {
  if (costCents === 0) return null;
  const num = BigInt(saleCents - costCents) * 20000n;
  const den = BigInt(costCents);
  const half = (num < 0n ? num - den : num + den) / (2n * den);
  return formatCents(Number(half));
}

const cents = (value: string) => parseCents(value) as number;
const thousandths = (value: string) => parseQuantity(value) as number;

/** The row's columns from the service's integers (cents, thousandths, hundredths of a percent). */
function columns(changes: MaterialChanges) {
  const { costPrice, salePrice, purchaseFactor, minQty, maxQty, packMultiple, wastePercent, ...rest } = changes;
  return {
    ...rest,
    ...(costPrice !== undefined && { costPrice: formatCents(costPrice) }),
    ...(salePrice !== undefined && { salePrice: formatCents(salePrice) }),
    ...(wastePercent !== undefined && { wastePercent: formatCents(wastePercent) }),
    ...(purchaseFactor !== undefined && { purchaseFactor: formatQuantity(purchaseFactor) }),
    ...(minQty !== undefined && { minQty: formatQuantity(minQty) }),
    ...(maxQty !== undefined && { maxQty: formatQuantity(maxQty) }),
    ...(packMultiple !== undefined && { packMultiple: formatQuantity(packMultiple) }),
  };
}

interface Rules {
  category: MaterialCategory;
  unit: string;
  faceWidthMm: number | null;
  minQty: number;
  maxQty: number;
  packMultiple: number;
  purchaseFactor: number;
}

/** The rules across fields (SPEC 6): unit by category, face width of mouldings, max ≥ min, positive multiples. */
function check(m: Rules): void {
  const issues: { path: string; message: string; code: string }[] = [];
  const units = CATEGORY_UNITS[m.category];
  const unitOk = units.includes(m.unit as never);
  if (!unitOk) {
    issues.push({ path: "unit", message: `${m.category} is counted in ${units.join(" or ")}`, code: "custom" });
  }
  // A moulding (varillas by the metre) has a face width; a sheet or anything else has none.
  const moulding = m.category === "varillas" && m.unit === "m";
  if (unitOk && moulding && m.faceWidthMm === null) {
    issues.push({ path: "faceWidthMm", message: "required for mouldings (varillas by the metre)", code: "custom" });
  }
  if (unitOk && !moulding && m.faceWidthMm !== null) {
    issues.push({
      path: "faceWidthMm",
      message: "only mouldings (varillas by the metre) have a face width",
      code: "custom",
    });
  }
  if (m.maxQty < m.minQty) issues.push({ path: "maxQty", message: "must not be below minQty", code: "custom" });
  if (m.packMultiple <= 0) issues.push({ path: "packMultiple", message: "must be greater than 0", code: "custom" });
  if (m.purchaseFactor <= 0) issues.push({ path: "purchaseFactor", message: "must be greater than 0", code: "custom" });
  if (issues.length) throw new AppError("VALIDATION_ERROR", "Input validation failed", { issues });
}

/** Materials with their stock totals: one LEFT JOIN on the aggregated balances. */
function withStock(db: Executor) {
  const t = stockTotals(db);
  return db
    .select({ ...getTableColumns(materials), ...totalColumns(t) })
    .from(materials)
    .leftJoin(t, eq(t.materialId, materials.id))
    .$dynamic();
}

export function listMaterials(db: Executor, input: ListMaterialsInput): Promise<Page<MaterialWithStock>> {
  return listPage({ rows: withStock(db), count: db.select({ n: count() }).from(materials).$dynamic() }, input, {
    sort: materialSort,
    tiebreak: materials.id,
    search: [materials.code, materials.name, materials.subtype],
    filters: [
      input.category && eq(materials.category, input.category),
      input.active !== undefined && eq(materials.active, input.active),
    ],
  });
}

/** The material with its stock, as the API answers it, or 404. */
export async function getMaterialWithStock(db: Executor, id: number): Promise<MaterialWithStock> {
  const [row] = await withStock(db).where(eq(materials.id, id)).limit(1);
  if (!row) throw new AppError("NOT_FOUND", `Material ${id} not found`);
  return row;
}

/** The material, or 404; `lock` takes its row lock for the rest of the transaction. */
export async function getMaterial(db: Executor, id: number, opts: { lock?: boolean } = {}): Promise<MaterialRow> {
  const query = db.select().from(materials).where(eq(materials.id, id)).limit(1);
  const [row] = await (opts.lock ? query.for("update") : query);
  if (!row) throw new AppError("NOT_FOUND", `Material ${id} not found`);
  return row;
}

export async function createMaterial(db: Executor, input: CreateMaterialInput): Promise<Updated<MaterialRow>> {
  const unit = input.unit ?? CATEGORY_UNITS[input.category][0];
  check({ ...input, unit });
  const [result] = await db
    .insert(materials)
    .values({ ...columns(input), category: input.category, code: input.code, name: input.name, unit })
    .$returningId();
  if (!result) throw new Error("insert returned no id");
  return { before: null, after: await getMaterial(db, result.id) };
}

export async function updateMaterial(
  db: Executor,
  id: number,
  changes: MaterialChanges,
): Promise<Updated<MaterialRow>> {
  // A new minimum may open or close the stock alert: the studio's stock lock first, as every stock operation.
  if (changes.minQty !== undefined) await lockStudioStock(db, await locationsById(db));
  const before = await getMaterial(db, id, { lock: true });
  if (Object.keys(changes).length === 0) return { before, after: before };
  const category = changes.category ?? before.category;
  // A category change without a unit takes the new category's default unit.
  const unit =
    changes.unit ??
    (changes.category && changes.category !== before.category ? CATEGORY_UNITS[category][0] : before.unit);
  check({
    category,
    unit,
    faceWidthMm: changes.faceWidthMm !== undefined ? changes.faceWidthMm : before.faceWidthMm,
    minQty: changes.minQty ?? thousandths(before.minQty),
    maxQty: changes.maxQty ?? thousandths(before.maxQty),
    packMultiple: changes.packMultiple ?? thousandths(before.packMultiple),
    purchaseFactor: changes.purchaseFactor ?? thousandths(before.purchaseFactor),
  });
  await db
    .update(materials)
    .set({ ...columns(changes), unit: unit as MaterialRow["unit"] })
    .where(eq(materials.id, id));
  // A new minimum can open or close the stock alert, as a movement would.
  if (changes.minQty !== undefined && changes.minQty !== thousandths(before.minQty)) {
    await syncAlerts(db, await lockStock(db, [id]), [id]);
  }
  return { before, after: await getMaterial(db, id) };
}

/** Deleted only while it has no stock history: the ledger keeps every movement's material. */
export async function deleteMaterial(db: Executor, id: number): Promise<Change<MaterialRow>> {
  const before = await getMaterial(db, id, { lock: true });
  const [moved] = await db
    .select({ id: stockMovements.id })
    .from(stockMovements)
    .where(eq(stockMovements.materialId, id))
    .limit(1);
  if (moved) throw new AppError("CONFLICT", `Material ${before.code} has stock movements: deactivate it instead`);
  await db.delete(materials).where(eq(materials.id, id));
  return { before, after: null };
}
