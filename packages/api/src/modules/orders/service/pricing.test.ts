import { describe, expect, it } from "vitest";
import { AppError } from "../../../errors.js";
import { systemSettings } from "../../config/settings.schema.js";
import { type Caller, priceOrder, type ResolvedLine } from "./pricing.js";

const system = systemSettings.parse({});
const sales: Caller = { userId: 1, permissions: new Set(["orders:write"]) };
const owner: Caller = { userId: 2, permissions: new Set(["orders:write", "prices:write"]) };

const line = (overrides: Partial<ResolvedLine> = {}): ResolvedLine => ({
  kind: "item",
  description: "Print",
  serviceId: null,
  materialId: null,
  packageId: null,
  quantity: 1000,
  unitPriceCents: 10_000,
  discountCents: 0,
  taxRate: "18.00",
  costCents: 0,
  frame: null,
  checkDiscount: true,
  ...overrides,
});

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error instanceof AppError ? [error.appCode, ...(error.issues ?? []).map((i) => i.path)] : error;
  }
  return "no error";
};

describe("priceOrder", () => {
  it("totals per SPEC 6, the order discount spread over the lines", () => {
    const priced = priceOrder([line(), line({ unitPriceCents: 5_000, quantity: 2_500 })], 1_000, system, sales, true);
    expect(priced).toMatchObject({ subtotalCents: 22_500, discountCents: 1_000, currency: "PEN" });
    expect(priced.lines.map((l) => l.totals.discountShareCents)).toEqual([444, 556]);
    expect(priced.taxCents).toBe(priced.lines.reduce((s, l) => s + l.totals.taxCents, 0));
    expect(priced.totalCents).toBe(22_500 - 1_000 + priced.taxCents);
  });

  it("a discount above the limit (10 %) needs prices:write; a saved line's discount is not checked again", () => {
    expect(codeOf(() => priceOrder([line({ discountCents: 1_000 })], 900, system, sales, true))).toBe("no error");
    expect(codeOf(() => priceOrder([line({ discountCents: 1_001 })], 0, system, sales, true))).toEqual(["FORBIDDEN"]);
    expect(codeOf(() => priceOrder([line()], 1_001, system, sales, true))).toEqual(["FORBIDDEN"]);
    expect(codeOf(() => priceOrder([line()], 1_001, system, sales, false))).toBe("no error");
    expect(
      codeOf(() => priceOrder([line({ discountCents: 5_000, checkDiscount: false })], 0, system, sales, true)),
    ).toBe("no error");
    expect(codeOf(() => priceOrder([line({ discountCents: 9_000 })], 1_000, system, owner, true))).toBe("no error");
  });

  it("amounts beyond the money columns and discounts beyond the amount are 400s on their field", () => {
    const huge = line({ quantity: 999_999_999_999, unitPriceCents: 99_999_999_999_999 });
    expect(codeOf(() => priceOrder([line(), huge], 0, system, owner, true))).toEqual([
      "VALIDATION_ERROR",
      "lines.1.quantity",
    ]);
    expect(codeOf(() => priceOrder([line({ discountCents: 10_001 })], 0, system, owner, true))).toEqual([
      "VALIDATION_ERROR",
      "lines.0.discount",
    ]);
    expect(codeOf(() => priceOrder([line()], 10_001, system, owner, true))).toEqual(["VALIDATION_ERROR", "discount"]);
  });

  it("with prices that include the tax, the total is the base and the tax is what it holds", () => {
    const included = priceOrder(
      [line({ unitPriceCents: 11_800 })],
      0,
      { ...system, pricesIncludeTax: true },
      sales,
      true,
    );
    expect(included).toMatchObject({
      subtotalCents: 11_800,
      taxCents: 1_800,
      totalCents: 11_800,
      pricesIncludeTax: true,
    });
  });
});
