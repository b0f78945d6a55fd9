import type { MaterialRow } from "@fotostudio/db";
import { describe, expect, it } from "vitest";
import { marginPercent, toMaterial } from "./inventory.service.js";

const row: MaterialRow = {
  id: 1,
  category: "varillas",
  subtype: "moulding strip",
  code: "VAR-001",
  name: "Moulding oak 3 cm",
  unit: "m",
  purchaseUnit: "stick",
  purchaseFactor: "2.900",
  faceWidthMm: 30,
  stickLengthMm: 2900,
  sheetWidthMm: null,
  sheetHeightMm: null,
  costPrice: "8.20",
  salePrice: "12.50",
  minQty: "5.000",
  maxQty: "20.000",
  packMultiple: "1.000",
  wastePercent: "5.00",
  avgCost: "0.00",
  onOrderQty: "0.000",
  expiresAt: null,
  active: true,
  createdAt: new Date(0),
  updatedAt: new Date(0),
};

describe("materials as the API shows them", () => {
  it("gives cost and margin only when the caller sees costs", () => {
    expect(toMaterial(row, true)).toMatchObject({ costPrice: "8.20", marginPercent: "52.44", salePrice: "12.50" });
    const hidden = toMaterial(row, false);
    expect(hidden).not.toHaveProperty("costPrice");
    expect(hidden).not.toHaveProperty("marginPercent");
    expect(hidden).toMatchObject({ salePrice: "12.50", minQty: "5.000", wastePercent: "5.00" });
  });

  it("shows stock: available = on hand − reserved, low at or below the minimum, value at the average cost", () => {
    const stocked = { ...row, avgCost: "8.33", onHand: "7.500", reserved: "2.500" };
    expect(toMaterial(stocked, true)).toMatchObject({
      onHand: "7.500",
      reserved: "2.500",
      available: "5.000",
      lowStock: true,
      avgCost: "8.33",
      value: "62.48", // 7.5 × 8.33 = 62.475, half up
    });
    expect(toMaterial({ ...stocked, reserved: "0.000" }, true).lowStock).toBe(false);
    const hidden = toMaterial(stocked, false);
    expect(hidden).not.toHaveProperty("value");
    expect(hidden).not.toHaveProperty("avgCost");
    // Never stocked: zeros.
    expect(toMaterial(row, false)).toMatchObject({ onHand: "0.000", available: "0.000", onOrder: "0.000" });
  });

  it("margin: sale over cost in percent, half away from zero, null without a cost", () => {
    expect(marginPercent(1250, 820)).toBe("52.44");
    expect(marginPercent(1000, 1000)).toBe("0.00");
    expect(marginPercent(500, 1000)).toBe("-50.00");
    expect(marginPercent(1, 3)).toBe("-66.67");
    expect(marginPercent(2, 3)).toBe("-33.33");
    expect(marginPercent(1000, 0)).toBeNull();
  });
});
