import Big from "big.js";

/**
 * Rates and ratios on integer cents, exactly: big.js for the multiplication, half-up to the cent
 * (SPEC §6). Never a float in between.
 */
export function roundHalfUp(value: Big): number {
  return Number(value.round(0, Big.roundHalfUp).toFixed(0));
}

/** cents × percent / 100, half-up (percent as a decimal string, e.g. "18" or "12.5"). */
export function percentOf(cents: number, percent: string): number {
  return roundHalfUp(new Big(cents).times(percent).div(100));
}

/**
 * Splits `total` cents over `weights` in proportion, exactly: the shares add up to `total` (largest
 * remainder; ties to the earlier weight). A zero weight gets nothing; all-zero weights get nothing.
 */
export function allocate(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0 || total === 0) return weights.map(() => 0);
  const exact = weights.map((w) => new Big(total).times(w).div(sum));
  const floors = exact.map((e) => Number(e.round(0, Big.roundDown).toFixed(0)));
  let left = total - floors.reduce((a, b) => a + b, 0);
  const byRemainder = exact
    .map((e, i) => ({ i, rest: e.minus(floors[i] ?? 0) }))
    .sort((a, b) => b.rest.cmp(a.rest) || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left === 0) break;
    floors[i] = (floors[i] ?? 0) + 1;
    left--;
  }
  return floors;
}
