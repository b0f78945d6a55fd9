import Big from "big.js";
import { percentOf, roundHalfUp } from "./money-math.js";

/**
 * The frame price engine (SPEC §6), a pure function: lengths in mm, money in integer cents.
 *
 *   W = art width + mat left + mat right; H = art height + mat top + mat bottom; united size = W + H
 *   moulding length L = 2(W + H) + 8·b·k (b the moulding's face width, k ≥ 1 the saw allowance;
 *   8·b·k rounded up to a whole mm),
 *   billed in steps (default 100 mm) and never under the minimum billed length
 *   glazing, backing and mat board by area W·H
 *   each component's price = its cost (with its material's waste %) marked up by the bracket its
 *   cost falls in; a component asked for without a material takes the studio's price per m²
 *   the line's unit price = Σ components, plus the oversize surcharge when the united size passes
 *   the threshold, and never below the minimum line price
 */

export interface FrameMaterial {
  /** Cost per metre (mouldings) or per m² (sheets), in cents. */
  costCents: number;
  /** Waste allowance applied to the price, not to the reservation ("12.5" = 12.5 %). */
  wastePercent?: string;
}

/** A sheet component: a chosen material, `"default"` (no material: the studio's price per m²), or none. */
export type SheetChoice = FrameMaterial | "default" | undefined;

export interface FrameSpec {
  artWidthMm: number;
  artHeightMm: number;
  mat: { leftMm: number; rightMm: number; topMm: number; bottomMm: number };
  moulding: FrameMaterial & { faceWidthMm: number };
  glazing?: SheetChoice;
  backing?: SheetChoice;
  matBoard?: SheetChoice;
}

/** The studio's frame price parameters (system settings). */
export interface FramePricing {
  /** Saw allowance k ≥ 1. */
  sawAllowance: number;
  billingStepMm: number;
  minBilledMm: number;
  /** Markup by cost: the first bracket whose `upToCents` is at least the component's cost; null = no limit. */
  markupBrackets: { upToCents: number | null; markupPercent: string }[];
  minLinePriceCents: number;
  oversize: { thresholdMm: number; surchargePercent: string };
  /** Price per m² when the line asks for the component without choosing a material. */
  defaultPricePerM2Cents: { glazing: number; backing: number; matBoard: number };
}

export type FrameComponentKind = "moulding" | "glazing" | "backing" | "matBoard";

export interface FrameComponent {
  component: FrameComponentKind;
  /** Metres of moulding (billed) or m² of sheet, as a decimal string. */
  quantity: string;
  costCents: number;
  priceCents: number;
}

export interface FramePrice {
  outerWidthMm: number;
  outerHeightMm: number;
  unitedSizeMm: number;
  mouldingLengthMm: number;
  mouldingBilledMm: number;
  /** W·H in m², 4 decimals. */
  areaM2: string;
  components: FrameComponent[];
  costCents: number;
  oversizeSurchargeCents: number;
  /** The price of one frame. */
  unitPriceCents: number;
}

export class FramePricingError extends Error {}

function markup(costCents: number, pricing: FramePricing): string {
  const bracket = pricing.markupBrackets.find((b) => b.upToCents === null || costCents <= b.upToCents);
  if (!bracket) throw new FramePricingError("no markup bracket covers this cost: the last bracket needs no limit");
  return bracket.markupPercent;
}

function withWaste(costCents: number, material: FrameMaterial): number {
  return material.wastePercent ? costCents + percentOf(costCents, material.wastePercent) : costCents;
}

export function priceFrame(spec: FrameSpec, pricing: FramePricing): FramePrice {
  const { artWidthMm, artHeightMm, mat, moulding } = spec;
  const lengths = [artWidthMm, artHeightMm, mat.leftMm, mat.rightMm, mat.topMm, mat.bottomMm, moulding.faceWidthMm];
  if (lengths.some((v) => !Number.isInteger(v) || v < 0) || artWidthMm === 0 || artHeightMm === 0) {
    throw new FramePricingError("sizes are whole millimetres; the art has a width and a height");
  }
  if (pricing.sawAllowance < 1) throw new FramePricingError("the saw allowance k is at least 1");
  const W = artWidthMm + mat.leftMm + mat.rightMm;
  const H = artHeightMm + mat.topMm + mat.bottomMm;
  const L = 2 * (W + H) + Math.ceil(8 * moulding.faceWidthMm * pricing.sawAllowance);
  const billed = Math.max(pricing.minBilledMm, Math.ceil(L / pricing.billingStepMm) * pricing.billingStepMm);
  const area = new Big(W).times(H).div(1_000_000);

  const priced = (component: FrameComponentKind, quantity: Big, cost: number): FrameComponent => ({
    component,
    quantity: component === "moulding" ? quantity.toFixed(3) : quantity.toFixed(4),
    costCents: cost,
    priceCents: cost + percentOf(cost, markup(cost, pricing)),
  });
  const metres = new Big(billed).div(1000);
  const components = [priced("moulding", metres, withWaste(roundHalfUp(metres.times(moulding.costCents)), moulding))];
  for (const kind of ["glazing", "backing", "matBoard"] as const) {
    const choice = spec[kind];
    if (choice === undefined) continue;
    if (choice === "default") {
      const price = roundHalfUp(area.times(pricing.defaultPricePerM2Cents[kind]));
      components.push({ component: kind, quantity: area.toFixed(4), costCents: 0, priceCents: price });
    } else {
      components.push(priced(kind, area, withWaste(roundHalfUp(area.times(choice.costCents)), choice)));
    }
  }
  const costCents = components.reduce((sum, c) => sum + c.costCents, 0);
  const base = components.reduce((sum, c) => sum + c.priceCents, 0);
  const oversizeSurchargeCents =
    W + H > pricing.oversize.thresholdMm ? percentOf(base, pricing.oversize.surchargePercent) : 0;
  return {
    outerWidthMm: W,
    outerHeightMm: H,
    unitedSizeMm: W + H,
    mouldingLengthMm: L,
    mouldingBilledMm: billed,
    areaM2: area.toFixed(4),
    components,
    costCents,
    oversizeSurchargeCents,
    unitPriceCents: Math.max(pricing.minLinePriceCents, base + oversizeSurchargeCents),
  };
}
