import { AppError, type Issue } from "../../../errors.js";
import { parseCents } from "../../../shared/fields.js";
import type { SystemSettings } from "../../config/settings.schema.js";
import type { FrameOutput } from "../output.schema.js";
import { type LineTotals, OrderTotalsError, orderTotals } from "../pricing/totals.js";

/** Who asks: their id and what they hold (discount limits, costs, cancelling). */
export interface Caller {
  userId: number;
  permissions: ReadonlySet<string>;
}

/** A line ready to be totalled: resolved from the catalog (new lines) or read back (saved lines). */
export interface ResolvedLine {
  kind: "item" | "frame";
  description: string;
  serviceId: number | null;
  materialId: number | null;
  packageId: number | null;
  /** Thousandths. */
  quantity: number;
  unitPriceCents: number;
  discountCents: number;
  /** "18.00" */
  taxRate: string;
  costCents: number;
  frame: Required<FrameOutput> | null;
  /** A new line's discount is held to the studio's limit; a saved one was already allowed. */
  checkDiscount: boolean;
}

export type PricedLine = ResolvedLine & { totals: LineTotals };

export interface PricedOrder {
  lines: PricedLine[];
  subtotalCents: number;
  discountCents: number;
  taxCents: number;
  totalCents: number;
  costCents: number;
  currency: string;
  pricesIncludeTax: boolean;
}

/** DECIMAL(14,2): the largest amount a money column holds, in cents. */
const MAX_CENTS = 99_999_999_999_999;

const cents = (v: string) => parseCents(v) as number;
const invalid = (issues: Issue[]) => new AppError("VALIDATION_ERROR", "Input validation failed", { issues });

/** `discount` is above `limit` (hundredths of a percent) of `amount`. */
const beyond = (discount: number, amount: number, limit: number) =>
  BigInt(discount) * 10_000n > BigInt(amount) * BigInt(limit);

/**
 * The order's totals (pricing/totals.ts) over resolved lines, with the studio's tax settings.
 * A discount above system.discountLimitPercent (a new line's, or the order's when `checkOrderDiscount`)
 * needs prices:write (403); amounts too large for the money columns are a 400.
 */
export function priceOrder(
  lines: ResolvedLine[],
  discountCents: number,
  system: SystemSettings,
  caller: Caller,
  checkOrderDiscount: boolean,
): PricedOrder {
  let totals: ReturnType<typeof orderTotals>;
  try {
    totals = orderTotals({
      lines: lines.map((l) => ({
        quantity: l.quantity,
        unitPriceCents: l.unitPriceCents,
        discountCents: l.discountCents,
        taxRate: l.taxRate,
      })),
      discountCents,
      taxRate: system.taxRate,
      pricesIncludeTax: system.pricesIncludeTax,
    });
  } catch (error) {
    if (!(error instanceof OrderTotalsError)) throw error;
    throw invalid([{ path: error.path, message: error.message, code: "custom" }]);
  }
  const issues: Issue[] = [];
  totals.lines.forEach((t, i) => {
    const line = lines[i] as ResolvedLine;
    if (Math.max(t.amountCents + line.discountCents, t.totalCents, line.costCents) > MAX_CENTS) {
      issues.push({ path: `lines.${i}.quantity`, message: "the line's amount is too large", code: "custom" });
    }
  });
  if (Math.max(totals.subtotalCents, totals.totalCents) > MAX_CENTS && !issues.length) {
    issues.push({ path: "lines", message: "the order's total is too large", code: "custom" });
  }
  if (issues.length) throw invalid(issues);

  const limit = cents(system.discountLimitPercent);
  const overLimit =
    lines.some(
      (l, i) =>
        l.checkDiscount && beyond(l.discountCents, (totals.lines[i]?.amountCents ?? 0) + l.discountCents, limit),
    ) ||
    (checkOrderDiscount && beyond(discountCents, totals.subtotalCents, limit));
  if (overLimit && !caller.permissions.has("prices:write")) {
    throw new AppError(
      "FORBIDDEN",
      `A discount above ${system.discountLimitPercent}% of the amount needs prices:write`,
    );
  }
  return {
    lines: lines.map((l, i) => ({ ...l, totals: totals.lines[i] as LineTotals })),
    subtotalCents: totals.subtotalCents,
    discountCents: totals.discountCents,
    taxCents: totals.taxCents,
    totalCents: totals.totalCents,
    costCents: lines.reduce((sum, l) => sum + l.costCents, 0),
    currency: system.currency,
    pricesIncludeTax: system.pricesIncludeTax,
  };
}
