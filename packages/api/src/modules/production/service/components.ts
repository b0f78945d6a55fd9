import { type Executor, materials, type OrderLineRow, productionComponents } from "@fotostudio/db";
import Big from "big.js";
import { eq, inArray } from "drizzle-orm";
import { AppError, type Issue } from "../../../errors.js";
import { formatQuantity } from "../../../shared/fields.js";
import type { FrameOutput } from "../../orders/output.schema.js";
import type { ComponentInput } from "../production.schema.js";
import { thousandths } from "./views.js";

/** A component as the service handles it: the material and the planned quantity in thousandths. */
export interface Need {
  materialId: number;
  plannedQty: number;
}

/** Σ per material: a frame whose glazing and backing are the same sheet needs it twice. */
function merged(needs: Need[]): Need[] {
  const by = new Map<number, number>();
  for (const n of needs) by.set(n.materialId, (by.get(n.materialId) ?? 0) + n.plannedQty);
  return [...by].map(([materialId, plannedQty]) => ({ materialId, plannedQty })).filter((n) => n.plannedQty > 0);
}

/**
 * What an order line needs, from what the line stored when it was priced (later catalog changes
 * never alter it). A frame: the moulding length L = 2(W + H) + 8·b·k in metres — the cut length,
 * not the billed one (the waste allowance goes to the price, not to the reservation, SPEC 6) — and
 * each sheet chosen as a material (glazing, backing, mat board) by the area W·H in m², all times
 * the line's quantity and rounded up to the thousandth. An item line with a material: that
 * material and the line's quantity. Anything else needs nothing derivable.
 */
export function deriveNeeds(line: OrderLineRow): Need[] {
  const pieces = new Big(thousandths(line.quantity)).div(1000);
  const up = (v: Big) => v.round(0, Big.roundUp).toNumber();
  if (line.kind === "frame" && line.frame) {
    const frame = line.frame as unknown as FrameOutput;
    const needs: Need[] = [
      // L in mm is thousandths of a metre.
      { materialId: frame.mouldingId, plannedQty: up(pieces.times(frame.mouldingLengthMm)) },
    ];
    for (const c of frame.components ?? []) {
      if (c.component === "moulding" || c.materialId === null) continue;
      needs.push({ materialId: c.materialId, plannedQty: up(pieces.times(frame.areaM2).times(1000)) });
    }
    return merged(needs);
  }
  if (line.materialId !== null)
    return merged([{ materialId: line.materialId, plannedQty: thousandths(line.quantity) }]);
  return [];
}

export const fromInput = (list: ComponentInput[]): Need[] =>
  list.map((c) => ({ materialId: c.materialId, plannedQty: c.plannedQty }));

/**
 * Every component names an active material of this studio that production can consume (software
 * and equipment never are, SPEC 6); otherwise a 400 on the component's field.
 */
export async function checkMaterials(db: Executor, needs: Need[], derived: boolean): Promise<void> {
  if (needs.length === 0) return;
  const ids = needs.map((n) => n.materialId);
  const rows = await db
    .select({ id: materials.id, name: materials.name, active: materials.active, category: materials.category })
    .from(materials)
    .where(inArray(materials.id, ids));
  const found = new Map(rows.map((r) => [r.id, r]));
  const issues: Issue[] = [];
  needs.forEach((n, i) => {
    const path = derived ? "orderLineId" : `components.${i}.materialId`;
    const m = found.get(n.materialId);
    if (!m?.active)
      issues.push({ path, message: `Material ${n.materialId} is not an active material`, code: "custom" });
    else if (m.category === "software") {
      issues.push({
        path,
        message: `${m.name} is software or equipment: never consumed in production`,
        code: "custom",
      });
    }
  });
  if (issues.length) throw new AppError("VALIDATION_ERROR", "Input validation failed", { issues });
}

/** Replaces the order's components (only while draft: nothing is reserved yet). */
export async function writeComponents(db: Executor, productionOrderId: number, needs: Need[]): Promise<void> {
  await db.delete(productionComponents).where(eq(productionComponents.productionOrderId, productionOrderId));
  if (needs.length === 0) return;
  await db
    .insert(productionComponents)
    .values(
      needs.map((n) => ({ productionOrderId, materialId: n.materialId, plannedQty: formatQuantity(n.plannedQty) })),
    );
}
