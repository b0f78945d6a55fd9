import Big from "big.js";

/**
 * The one definition of waste (mermas) and efficiency (SPEC 6), pure and exact; reports and the
 * dashboard use these and nothing else. Quantities are integer thousandths of the material's base
 * unit, money integer cents, percents decimal strings with two decimals (half-up).
 *
 *   waste % = waste / (consumed + waste)                      — per material: never add m to m²
 *   efficiency = 1 − waste cost / (consumed cost + waste cost) — money adds up across materials
 *
 * A ratio over nothing used (0 / 0) is null: "no data", not 0 % or 100 %.
 */

export interface Usage {
  /** Consumed into the piece, thousandths of the base unit. */
  consumed: number;
  /** Wasted (mermas), thousandths of the base unit. */
  waste: number;
}

export interface UsageCost {
  consumedCents: number;
  wasteCents: number;
}

const percent = (part: Big, whole: Big): string | null =>
  whole.eq(0) ? null : part.times(100).div(whole).round(2, Big.roundHalfUp).toFixed(2);

/** Waste % of one material: waste / (consumed + waste), e.g. 2.5 m used and 0.1 m wasted → "3.85". */
export function wastePercent(usage: Usage): string | null {
  return percent(new Big(usage.waste), new Big(usage.consumed).plus(usage.waste));
}

/** Efficiency %: 1 − waste cost / (consumed cost + waste cost), e.g. 20.00 used and 0.80 wasted → "96.15". */
export function efficiencyPercent(cost: UsageCost): string | null {
  const whole = new Big(cost.consumedCents).plus(cost.wasteCents);
  return percent(whole.minus(cost.wasteCents), whole);
}

/** What a quantity costs at a unit cost per base unit, in cents (half-up): 2.500 m at 8.00 → 2000. */
export function costOf(thousandths: number, unitCostCents: number): number {
  return new Big(thousandths).times(unitCostCents).div(1000).round(0, Big.roundHalfUp).toNumber();
}

/** The consumed and waste cost of usages, each at its own unit cost (they add: it is money). */
export function usageCost(usages: readonly (Usage & { unitCostCents: number })[]): UsageCost {
  return usages.reduce(
    (sum, u) => ({
      consumedCents: sum.consumedCents + costOf(u.consumed, u.unitCostCents),
      wasteCents: sum.wasteCents + costOf(u.waste, u.unitCostCents),
    }),
    { consumedCents: 0, wasteCents: 0 },
  );
}

/**
 * Whether a material's waste % passes a threshold ("10.00" = 10 %), exactly, before any rounding:
 * waste / (consumed + waste) > threshold / 100. At the threshold is not past it.
 */
export function wasteAbove(usage: Usage, thresholdPercent: string): boolean {
  const total = new Big(usage.consumed).plus(usage.waste);
  if (total.eq(0)) return false;
  return new Big(usage.waste).times(100).gt(total.times(thresholdPercent));
}
