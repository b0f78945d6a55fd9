import { describe, expect, it } from "vitest";
import {
  dateRange,
  formatCents,
  formatQuantity,
  money,
  moneyText,
  parseCents,
  parseQuantity,
  quantity,
} from "./fields.js";

// Money is integer cents inside and a decimal string outside (SPEC §4): never through a float.
describe("money", () => {
  it("parses decimal strings to exact cents where floats would not", () => {
    // parseFloat("8.20") * 100 is 819.9999999999999; 1.005 * 100 is 100.49999999999999.
    expect(parseCents("8.20")).toBe(820);
    expect(parseCents("1.005")).toBeNull();
    expect(parseCents("1.01")).toBe(101);
    expect(parseCents("8.2")).toBe(820);
    expect(parseCents("1250")).toBe(125_000);
    expect(parseCents("-0.05")).toBe(-5);
    expect(parseCents("-0.00")).toBe(0);
    expect(parseCents("999999999999.99")).toBe(99_999_999_999_999);
  });

  it("refuses what is not money: more than two decimals, 13 digits, numbers in disguise", () => {
    for (const bad of ["", "1,50", "1.", ".5", "1e3", "0x10", "1.234", "1234567890123", "12 50", "--1"]) {
      expect(parseCents(bad), bad).toBeNull();
    }
  });

  it("formats cents with two decimals and round-trips every amount", () => {
    expect(formatCents(820)).toBe("8.20");
    expect(formatCents(5)).toBe("0.05");
    expect(formatCents(-5)).toBe("-0.05");
    expect(formatCents(0)).toBe("0.00");
    expect(formatCents(99_999_999_999_999)).toBe("999999999999.99");
    expect(() => formatCents(0.5)).toThrow(RangeError);
    for (let cents = -10_000; cents <= 10_000; cents += 7) expect(parseCents(formatCents(cents))).toBe(cents);
  });

  it("writes a money column as formatCents would, passing the database's canonical form through", () => {
    for (const [value, shown] of [
      ["8.20", "8.20"],
      ["0.00", "0.00"],
      ["-12.05", "-12.05"],
      ["8.2", "8.20"],
      ["0", "0.00"],
      ["-0.00", "0.00"],
      ["007.50", "7.50"],
      ["1250", "1250.00"],
    ]) {
      expect(moneyText(value as string), value).toBe(shown);
    }
    for (let cents = -10_000; cents <= 10_000; cents += 13) {
      const canonical = formatCents(cents);
      expect(moneyText(canonical)).toBe(canonical);
    }
  });

  it("is a decimal string in the API; a JSON number is taken only when it is such a decimal", () => {
    const amount = money("Deposit");
    expect(amount.parse(" 1250.50 ")).toBe(125_050);
    expect(amount.parse(1250.5)).toBe(125_050);
    expect(amount.parse(8.2)).toBe(820);
    // A float sum is not a price anybody typed: refused, never rounded.
    expect(amount.safeParse(0.1 + 0.2).success).toBe(false);
    expect(amount.safeParse(1e21).success).toBe(false);
    expect(amount.safeParse("12.345").error?.issues[0]?.message).toMatch(/two decimals/);
    expect(amount.safeParse(true).success).toBe(false);
  });
});

// Quantities: DECIMAL(12,3) in the material's base unit, integer thousandths inside.
describe("quantity", () => {
  it("parses up to three decimals to thousandths and formats with three", () => {
    expect(parseQuantity("2.5")).toBe(2500);
    expect(parseQuantity("0.001")).toBe(1);
    expect(parseQuantity("12")).toBe(12_000);
    expect(parseQuantity("1.2345")).toBeNull();
    expect(parseQuantity("-1")).toBeNull();
    expect(formatQuantity(2500)).toBe("2.500");
    expect(formatQuantity(1)).toBe("0.001");
    expect(() => formatQuantity(1.5)).toThrow(RangeError);
    for (let q = 0; q <= 20_000; q += 13) expect(parseQuantity(formatQuantity(q))).toBe(q);
    expect(quantity().parse("3.25")).toBe(3250);
    expect(quantity().parse(2.5)).toBe(2500);
    expect(quantity().safeParse(-1).success).toBe(false);
    expect(quantity().safeParse("3.2500").success).toBe(false);
  });
});

describe("date ranges", () => {
  it("take calendar days, both included, and refuse a range that ends before it starts (on `to`)", () => {
    expect(dateRange.parse({ from: "2026-12-01", to: "2026-12-01" })).toEqual({ from: "2026-12-01", to: "2026-12-01" });
    const backwards = dateRange.safeParse({ from: "2026-12-02", to: "2026-12-01" });
    expect(backwards.error?.issues[0]?.path).toEqual(["to"]);
    expect(dateRange.safeParse({ from: "2026-02-30", to: "2026-03-01" }).success).toBe(false);
    expect(dateRange.safeParse({ from: "2026-12-01T00:00:00Z", to: "2026-12-02" }).success).toBe(false);
  });
});
