import Big from "big.js";
import { allocate, roundHalfUp } from "./money-math.js";

/**
 * An order's totals (SPEC §6), a pure function on integer cents:
 *
 *   line amount = quantity · unit price − line discount (quantity in thousandths of a unit)
 *   the order discount is spread over the lines in proportion to their amounts (exactly: the
 *   shares add up to it), and each line's tax is taken on its share of the base, half-up per line
 *   subtotal = Σ line amounts; total = subtotal − order discount + Σ tax
 *
 * With `pricesIncludeTax` (a studio setting) unit prices already hold the tax: a line's tax is
 * what its base holds beyond base / (1 + rate), and the total is the base.
 */

export interface OrderLineInput {
  /** Thousandths of the unit (1 unit = 1000; 2.5 m = 2500). */
  quantity: number;
  unitPriceCents: number;
  discountCents: number;
  /** Percent as a decimal string ("18"); the studio's rate when omitted. */
  taxRate?: string;
}

export interface OrderTotalsInput {
  lines: OrderLineInput[];
  discountCents: number;
  taxRate: string;
  pricesIncludeTax: boolean;
}

export interface LineTotals {
  amountCents: number;
  discountShareCents: number;
  taxCents: number;
  totalCents: number;
}

export interface OrderTotals {
  lines: LineTotals[];
  subtotalCents: number;
  discountCents: number;
  taxCents: number;
  totalCents: number;
}

export class OrderTotalsError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

export function orderTotals(input: OrderTotalsInput): OrderTotals {
  const amounts = input.lines.map((line, i) => {
    if (!Number.isSafeInteger(line.quantity) || line.quantity <= 0) {
      throw new OrderTotalsError(`lines.${i}.quantity`, "the quantity is positive");
    }
    const gross = roundHalfUp(new Big(line.quantity).times(line.unitPriceCents).div(1000));
    if (line.discountCents < 0 || line.discountCents > gross) {
      throw new OrderTotalsError(`lines.${i}.discount`, "a line's discount is between 0 and its amount");
    }
    return gross - line.discountCents;
  });
  const subtotalCents = amounts.reduce((a, b) => a + b, 0);
  if (input.discountCents < 0 || input.discountCents > subtotalCents) {
    throw new OrderTotalsError("discount", "the order's discount is between 0 and its subtotal");
  }
  const shares = allocate(input.discountCents, amounts);
  const lines = input.lines.map((line, i): LineTotals => {
    const amountCents = amounts[i] ?? 0;
    const discountShareCents = shares[i] ?? 0;
    const base = amountCents - discountShareCents;
    const rate = new Big(line.taxRate ?? input.taxRate).div(100);
    const taxCents = input.pricesIncludeTax
      ? base - roundHalfUp(new Big(base).div(rate.plus(1)))
      : roundHalfUp(new Big(base).times(rate));
    return { amountCents, discountShareCents, taxCents, totalCents: input.pricesIncludeTax ? base : base + taxCents };
  });
  const taxCents = lines.reduce((a, l) => a + l.taxCents, 0);
  return {
    lines,
    subtotalCents,
    discountCents: input.discountCents,
    taxCents,
    totalCents: lines.reduce((a, l) => a + l.totalCents, 0),
  };
}
