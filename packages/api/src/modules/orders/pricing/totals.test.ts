import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { allocate } from "./money-math.js";
import { OrderTotalsError, orderTotals } from "./totals.js";

// Totals exact to the cent (SPEC §6): tax per line, half-up; the order discount spread over the
// lines' tax bases; never a float.

describe("orderTotals", () => {
  it("an IGV 18 % sale: lines, a line discount, an order discount spread by amount, tax per line", () => {
    const totals = orderTotals({
      taxRate: "18",
      pricesIncludeTax: false,
      discountCents: 1_000,
      lines: [
        { quantity: 2_000, unitPriceCents: 4_550, discountCents: 100 }, // 2 × 45.50 − 1.00 = 90.00
        { quantity: 2_500, unitPriceCents: 1_200, discountCents: 0 }, //  2.5 m × 12.00 = 30.00
      ],
    });
    expect(totals.subtotalCents).toBe(12_000);
    // 10.00 off split 90:30 → 7.50 and 2.50; tax 18 % of 82.50 = 14.85, of 27.50 = 4.95.
    expect(totals.lines).toEqual([
      { amountCents: 9_000, discountShareCents: 750, taxCents: 1_485, totalCents: 9_735 },
      { amountCents: 3_000, discountShareCents: 250, taxCents: 495, totalCents: 3_245 },
    ]);
    expect(totals).toMatchObject({ discountCents: 1_000, taxCents: 1_980, totalCents: 12_980 });
  });

  it("rounds each line's tax half-up, and a line may carry its own rate", () => {
    // 18 % of 0.25 = 0.045 → 0.05; exempt line pays none.
    const totals = orderTotals({
      taxRate: "18",
      pricesIncludeTax: false,
      discountCents: 0,
      lines: [
        { quantity: 1_000, unitPriceCents: 25, discountCents: 0 },
        { quantity: 1_000, unitPriceCents: 999, discountCents: 0, taxRate: "0" },
      ],
    });
    expect(totals.lines.map((l) => l.taxCents)).toEqual([5, 0]);
    expect(totals.totalCents).toBe(25 + 5 + 999);
  });

  it("with prices that include tax, the total is what the client pays and the tax is what it holds", () => {
    const totals = orderTotals({
      taxRate: "18",
      pricesIncludeTax: true,
      discountCents: 0,
      lines: [{ quantity: 1_000, unitPriceCents: 11_800, discountCents: 0 }],
    });
    expect(totals).toMatchObject({ subtotalCents: 11_800, taxCents: 1_800, totalCents: 11_800 });
  });

  it("refuses a discount above its amount or below zero, and a quantity that is not positive, naming the field", () => {
    const line = { quantity: 1_000, unitPriceCents: 500, discountCents: 0 };
    const fails = (input: Parameters<typeof orderTotals>[0]) => {
      try {
        orderTotals(input);
        return null;
      } catch (error) {
        return error instanceof OrderTotalsError ? error.path : error;
      }
    };
    const base = { taxRate: "18", pricesIncludeTax: false, discountCents: 0, lines: [line] };
    expect(fails({ ...base, discountCents: 501 })).toBe("discount");
    expect(fails({ ...base, discountCents: -1 })).toBe("discount");
    expect(fails({ ...base, lines: [{ ...line, discountCents: 501 }] })).toBe("lines.0.discount");
    expect(fails({ ...base, lines: [line, { ...line, quantity: 0 }] })).toBe("lines.1.quantity");
  });

  const line = fc.record({
    quantity: fc.integer({ min: 1, max: 100_000 }),
    unitPriceCents: fc.integer({ min: 0, max: 10_000_000 }),
    discountCents: fc.constant(0),
    taxRate: fc.option(fc.constantFrom("0", "18", "10.5"), { nil: undefined }),
  });
  const order = fc
    .record({
      lines: fc.array(line, { minLength: 1, maxLength: 12 }),
      discountPermille: fc.integer({ min: 0, max: 1000 }),
    })
    .map(({ lines, discountPermille }) => {
      const subtotal = orderTotals({ lines, discountCents: 0, taxRate: "18", pricesIncludeTax: false }).subtotalCents;
      return { lines, discountCents: Math.floor((subtotal * discountPermille) / 1000) };
    });

  test.prop({ order, includes: fc.boolean() })(
    "totals add up to the cent, and 0 ≤ every discount share ≤ its line",
    ({ order: o, includes }) => {
      const totals = orderTotals({ ...o, taxRate: "18", pricesIncludeTax: includes });
      const sum = (f: (l: (typeof totals.lines)[number]) => number) => totals.lines.reduce((a, l) => a + f(l), 0);
      expect(sum((l) => l.discountShareCents)).toBe(o.discountCents);
      for (const l of totals.lines) {
        expect(l.discountShareCents).toBeGreaterThanOrEqual(0);
        expect(l.discountShareCents).toBeLessThanOrEqual(l.amountCents);
        expect(l.taxCents).toBeGreaterThanOrEqual(0);
      }
      expect(totals.taxCents).toBe(sum((l) => l.taxCents));
      expect(totals.totalCents).toBe(sum((l) => l.totalCents));
      const expected = totals.subtotalCents - totals.discountCents + (includes ? 0 : totals.taxCents);
      expect(totals.totalCents).toBe(expected);
      expect(0 <= totals.discountCents && totals.discountCents <= totals.subtotalCents).toBe(true);
    },
  );

  test.prop({
    total: fc.integer({ min: 0, max: 10_000_000 }),
    weights: fc.array(fc.nat(1_000_000), { maxLength: 20 }),
  })("allocation splits a sum exactly, in proportion (within a cent of the exact share)", ({ total, weights }) => {
    const shares = allocate(total, weights);
    const weightSum = weights.reduce((a, b) => a + b, 0);
    expect(shares.reduce((a, b) => a + b, 0)).toBe(weightSum === 0 ? 0 : total);
    shares.forEach((share, i) => {
      const exact = weightSum === 0 ? 0 : (total * (weights[i] ?? 0)) / weightSum;
      expect(Math.abs(share - exact)).toBeLessThan(1 + 1e-9);
    });
  });
});
