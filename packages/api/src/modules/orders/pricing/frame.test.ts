import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { type FramePricing, FramePricingError, type FrameSpec, priceFrame } from "./frame.js";

// The frame price engine's contract (SPEC §6 and the business-core issue's worked example).

const pricing: FramePricing = {
  sawAllowance: 1,
  billingStepMm: 100,
  minBilledMm: 1000,
  markupBrackets: [
    { upToCents: 2_000, markupPercent: "150" },
    { upToCents: 10_000, markupPercent: "100" },
    { upToCents: null, markupPercent: "60" },
  ],
  minLinePriceCents: 3_000,
  oversize: { thresholdMm: 2_000, surchargePercent: "15" },
  defaultPricePerM2Cents: { glazing: 9_000, backing: 4_000, matBoard: 6_000 },
};

const example: FrameSpec = {
  artWidthMm: 400,
  artHeightMm: 500,
  mat: { leftMm: 50, rightMm: 50, topMm: 50, bottomMm: 50 },
  moulding: { faceWidthMm: 30, costCents: 1_200 },
};

describe("priceFrame", () => {
  it("the worked example: 400×500 art, 50 mm mat, b = 30, k = 1 → W 500, H 600, L 2,440 mm billed 2,500", () => {
    const price = priceFrame(example, pricing);
    expect(price).toMatchObject({
      outerWidthMm: 500,
      outerHeightMm: 600,
      unitedSizeMm: 1_100,
      mouldingLengthMm: 2_440,
      mouldingBilledMm: 2_500,
      areaM2: "0.3000",
    });
    // 2.5 m × 12.00 = 30.00 cost; 30.00 is in the 100 % bracket → 60.00.
    expect(price.components).toEqual([
      { component: "moulding", quantity: "2.500", costCents: 3_000, priceCents: 6_000 },
    ]);
    expect(price.unitPriceCents).toBe(6_000);
  });

  it("prices glazing, backing and mat board by area: a chosen material by its cost, none by the studio's price per m²", () => {
    const price = priceFrame(
      { ...example, glazing: { costCents: 5_000, wastePercent: "10" }, backing: "default", matBoard: undefined },
      pricing,
    );
    // glazing: 0.3 m² × 50.00 = 15.00, +10 % waste = 16.50, in the 150 % bracket → 41.25.
    expect(price.components[1]).toEqual({
      component: "glazing",
      quantity: "0.3000",
      costCents: 1_650,
      priceCents: 4_125,
    });
    // backing without a material: 0.3 m² × 40.00 per m² = 12.00, no cost known.
    expect(price.components[2]).toEqual({ component: "backing", quantity: "0.3000", costCents: 0, priceCents: 1_200 });
    expect(price.components).toHaveLength(3);
    expect(price.unitPriceCents).toBe(6_000 + 4_125 + 1_200);
    expect(price.costCents).toBe(3_000 + 1_650);
  });

  it("bills at least the minimum length, never less than the minimum line price, and surcharges oversize frames", () => {
    const tiny = priceFrame(
      {
        artWidthMm: 90,
        artHeightMm: 120,
        mat: { leftMm: 0, rightMm: 0, topMm: 0, bottomMm: 0 },
        moulding: { faceWidthMm: 10, costCents: 500 },
      },
      pricing,
    );
    expect(tiny.mouldingLengthMm).toBe(2 * 210 + 80);
    expect(tiny.mouldingBilledMm).toBe(1_000);
    expect(tiny.unitPriceCents).toBe(3_000); // 1 m × 5.00 → 12.50, lifted to the minimum
    const big = priceFrame({ ...example, artWidthMm: 1_000, artHeightMm: 900 }, pricing);
    expect(big.unitedSizeMm).toBe(2_100);
    const base = big.components.reduce((sum, c) => sum + c.priceCents, 0);
    expect(big.oversizeSurchargeCents).toBe(Math.floor((base * 15 + 50) / 100)); // 15 %, half-up
    expect(big.unitPriceCents).toBe(base + big.oversizeSurchargeCents);
    expect(priceFrame({ ...example, artWidthMm: 900, artHeightMm: 900 }, pricing).oversizeSurchargeCents).toBe(0);
  });

  it("refuses sizes that are not whole millimetres, art without a size, and k below 1", () => {
    expect(() => priceFrame({ ...example, artWidthMm: 400.5 }, pricing)).toThrow(FramePricingError);
    expect(() => priceFrame({ ...example, artHeightMm: 0 }, pricing)).toThrow(FramePricingError);
    expect(() => priceFrame(example, { ...pricing, sawAllowance: 0.5 })).toThrow(FramePricingError);
  });

  const spec = fc.record({
    artWidthMm: fc.integer({ min: 1, max: 3_000 }),
    artHeightMm: fc.integer({ min: 1, max: 3_000 }),
    mat: fc.record({
      leftMm: fc.integer({ min: 0, max: 200 }),
      rightMm: fc.integer({ min: 0, max: 200 }),
      topMm: fc.integer({ min: 0, max: 200 }),
      bottomMm: fc.integer({ min: 0, max: 200 }),
    }),
    moulding: fc.record({
      faceWidthMm: fc.integer({ min: 5, max: 120 }),
      costCents: fc.integer({ min: 0, max: 50_000 }),
    }),
  });

  test.prop({ spec, k: fc.integer({ min: 100, max: 300 }).map((k) => k / 100) })(
    "billed moulding is the length rounded up to the step, at least the minimum, and within one step of it",
    ({ spec: s, k }) => {
      const price = priceFrame(s, { ...pricing, sawAllowance: k });
      expect(price.outerWidthMm).toBe(s.artWidthMm + s.mat.leftMm + s.mat.rightMm);
      expect(price.unitedSizeMm).toBe(price.outerWidthMm + price.outerHeightMm);
      expect(price.mouldingLengthMm).toBe(2 * price.unitedSizeMm + Math.ceil(8 * s.moulding.faceWidthMm * k));
      expect(price.mouldingBilledMm % pricing.billingStepMm).toBe(0);
      expect(price.mouldingBilledMm).toBeGreaterThanOrEqual(Math.max(price.mouldingLengthMm, pricing.minBilledMm));
      expect(price.mouldingBilledMm - Math.max(price.mouldingLengthMm, pricing.minBilledMm)).toBeLessThan(100);
    },
  );

  test.prop({ spec })("prices are whole cents, at least cost and the minimum, and add up", ({ spec: s }) => {
    const price = priceFrame({ ...s, glazing: { costCents: 7_000 }, backing: "default" }, pricing);
    for (const c of price.components) {
      expect(Number.isSafeInteger(c.priceCents)).toBe(true);
      expect(c.priceCents).toBeGreaterThanOrEqual(c.costCents);
    }
    const sum = price.components.reduce((a, c) => a + c.priceCents, 0) + price.oversizeSurchargeCents;
    expect(price.unitPriceCents).toBe(Math.max(pricing.minLinePriceCents, sum));
  });
});
