import { describe, expect, it } from "vitest";
import { costOf, efficiencyPercent, usageCost, wasteAbove, wastePercent } from "./metrics.js";

// The numbers an owner would check on paper: the frame of the walk-through (2.5 m of
// moulding used, 0.1 m wasted, at 8.00 per metre) and the edges where a ratio has nothing to divide.

describe("waste % = waste / (consumed + waste)", () => {
  it("2.5 m used and 0.1 m wasted is 3.85 % (0.1 / 2.6)", () => {
    expect(wastePercent({ consumed: 2500, waste: 100 })).toBe("3.85");
  });

  it("is 0.00 with no waste, 100.00 when everything was wasted, and null when nothing was used", () => {
    expect(wastePercent({ consumed: 2440, waste: 0 })).toBe("0.00");
    expect(wastePercent({ consumed: 0, waste: 300 })).toBe("100.00");
    expect(wastePercent({ consumed: 0, waste: 0 })).toBeNull();
  });

  it("rounds half-up to two decimals: 1 of 8 is 12.50, 1 of 3 is 33.33, 2 of 3 is 66.67", () => {
    expect(wastePercent({ consumed: 7, waste: 1 })).toBe("12.50");
    expect(wastePercent({ consumed: 2, waste: 1 })).toBe("33.33");
    expect(wastePercent({ consumed: 1, waste: 2 })).toBe("66.67");
  });
});

describe("efficiency = 1 − waste cost / (consumed cost + waste cost)", () => {
  it("20.00 used and 0.80 wasted is 96.15 %", () => {
    expect(efficiencyPercent({ consumedCents: 2000, wasteCents: 80 })).toBe("96.15");
  });

  it("weighs materials by what they cost, so metres and m² never add up", () => {
    // Moulding 2.5 m + 0.1 m at 8.00/m; glass 0.3 m² + 0.3 m² (a broken sheet) at 40.00/m².
    const cost = usageCost([
      { consumed: 2500, waste: 100, unitCostCents: 800 },
      { consumed: 300, waste: 300, unitCostCents: 4000 },
    ]);
    expect(cost).toEqual({ consumedCents: 2000 + 1200, wasteCents: 80 + 1200 });
    // 1 − 12.80 / 44.80 = 71.43 %
    expect(efficiencyPercent(cost)).toBe("71.43");
  });

  it("is 100.00 without waste and null when nothing cost anything", () => {
    expect(efficiencyPercent({ consumedCents: 2000, wasteCents: 0 })).toBe("100.00");
    expect(efficiencyPercent({ consumedCents: 0, wasteCents: 0 })).toBeNull();
  });
});

describe("cost of a quantity", () => {
  it("is quantity × unit cost, to the cent, half-up", () => {
    expect(costOf(2500, 800)).toBe(2000);
    expect(costOf(2440, 800)).toBe(1952);
    // 0.123 m² at 40.05 → 4.92615 → 4.93
    expect(costOf(123, 4005)).toBe(493);
    expect(costOf(0, 800)).toBe(0);
  });
});

describe("the studio's waste threshold", () => {
  it("is passed strictly above it: 10 % of the total at a 10.00 threshold is not an alert", () => {
    expect(wasteAbove({ consumed: 900, waste: 100 }, "10.00")).toBe(false);
    expect(wasteAbove({ consumed: 899, waste: 101 }, "10.00")).toBe(true);
    expect(wasteAbove({ consumed: 2500, waste: 100 }, "3.84")).toBe(true);
    expect(wasteAbove({ consumed: 2500, waste: 100 }, "3.85")).toBe(false);
  });

  it("never fires when nothing was used or nothing wasted", () => {
    expect(wasteAbove({ consumed: 0, waste: 0 }, "0.00")).toBe(false);
    expect(wasteAbove({ consumed: 500, waste: 0 }, "0.00")).toBe(false);
  });
});
