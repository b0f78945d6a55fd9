import type { MaterialRow } from "@fotostudio/db";
import type { Issue } from "../../../errors.js";
import { formatCents, parseCents } from "../../../shared/fields.js";
import type { FrameSpecInput } from "../orders.schema.js";
import type { FrameOutput } from "../output.schema.js";
import {
  type FrameMaterial,
  type FramePricing,
  FramePricingError,
  priceFrame,
  type SheetChoice,
} from "../pricing/frame.js";

/** What a frame line adds to its order line: its price and cost per frame, and the breakdown it keeps. */
export interface PricedFrame {
  description: string;
  mouldingId: number;
  unitPriceCents: number;
  unitCostCents: number;
  /** The breakdown as the API shows it, costs included (order_lines.frame). */
  breakdown: Required<FrameOutput>;
}

const SHEETS = [
  ["glazing", "glazingId"],
  ["backing", "backingId"],
  ["matBoard", "matBoardId"],
] as const;

const cents = (v: string) => parseCents(v) as number;
const asMaterial = (m: MaterialRow): FrameMaterial => ({ costCents: cents(m.costPrice), wastePercent: m.wastePercent });

/**
 * Prices a frame line from the catalog (SPEC 6): the moulding must be an active varillas material
 * in metres with a face width; each sheet is a material in m² (its cost and waste), `null` for none,
 * or omitted for the studio's price per m² — mat board then only when the frame has a mat.
 * Problems are pushed to `issues` under `path` (lines.N.frame) and the line is not priced.
 */
export function priceFrameLine(
  spec: FrameSpecInput,
  catalog: ReadonlyMap<number, MaterialRow>,
  pricing: FramePricing,
  path: string,
  issues: Issue[],
): PricedFrame | null {
  const before = issues.length;
  const problem = (field: string, message: string) =>
    issues.push({ path: `${path}.${field}`, message, code: "custom" });
  const moulding = catalog.get(spec.mouldingId);
  if (!moulding?.active) problem("mouldingId", `Material ${spec.mouldingId} is not an active material`);
  else if (moulding.category !== "varillas" || moulding.unit !== "m" || moulding.faceWidthMm === null) {
    problem("mouldingId", `${moulding.name} is not a moulding (varillas in metres with a face width)`);
  }
  const hasMat = Object.values(spec.mat).some((side) => side > 0);
  const choices: Record<string, SheetChoice> = {};
  const chosen: Record<string, number | null> = {};
  for (const [component, field] of SHEETS) {
    const id = spec[field];
    chosen[field] = id ?? null;
    if (id === null) continue;
    if (id === undefined) {
      if (component !== "matBoard" || hasMat) choices[component] = "default";
      continue;
    }
    const sheet = catalog.get(id);
    if (!sheet?.active) problem(field, `Material ${id} is not an active material`);
    else if (sheet.unit !== "m2") problem(field, `${sheet.name} is not a sheet counted in m2`);
    else choices[component] = asMaterial(sheet);
  }
  if (issues.length > before || !moulding?.faceWidthMm) return null;

  let price: ReturnType<typeof priceFrame>;
  try {
    price = priceFrame(
      { ...spec, moulding: { ...asMaterial(moulding), faceWidthMm: moulding.faceWidthMm }, ...choices },
      pricing,
    );
  } catch (error) {
    if (!(error instanceof FramePricingError)) throw error;
    issues.push({ path, message: error.message, code: "custom" });
    return null;
  }
  const materialOf = (component: string) =>
    component === "moulding" ? moulding.id : (chosen[`${component}Id`] ?? null);
  const breakdown: Required<FrameOutput> = {
    artWidthMm: spec.artWidthMm,
    artHeightMm: spec.artHeightMm,
    mat: spec.mat,
    mouldingId: moulding.id,
    glazingId: chosen.glazingId ?? null,
    backingId: chosen.backingId ?? null,
    matBoardId: chosen.matBoardId ?? null,
    outerWidthMm: price.outerWidthMm,
    outerHeightMm: price.outerHeightMm,
    unitedSizeMm: price.unitedSizeMm,
    mouldingLengthMm: price.mouldingLengthMm,
    mouldingBilledMm: price.mouldingBilledMm,
    areaM2: price.areaM2,
    components: price.components.map((c) => ({
      component: c.component,
      materialId: materialOf(c.component),
      quantity: c.quantity,
      price: formatCents(c.priceCents),
      cost: formatCents(c.costCents),
    })),
    oversizeSurcharge: formatCents(price.oversizeSurchargeCents),
    unitPrice: formatCents(price.unitPriceCents),
    cost: formatCents(price.costCents),
  };
  return {
    description: `Frame ${spec.artWidthMm}×${spec.artHeightMm} mm, ${moulding.name}`,
    mouldingId: moulding.id,
    unitPriceCents: price.unitPriceCents,
    unitCostCents: price.costCents,
    breakdown,
  };
}
