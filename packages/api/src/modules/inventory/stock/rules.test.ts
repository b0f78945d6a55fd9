import { describe, expect, it } from "vitest";
import { signedQuantity } from "../schema/movements.js";
import { type AlertRow, byCriticality } from "../service/alerts.js";
import { mulDiv } from "../service/movements.js";
import { suggestedReorder } from "../service/reorder.js";
import { signedThousandths } from "../service/totals.js";
import { alertLevel } from "./alerts.js";
import { movingAverage } from "./movements.js";

// The stock formulas of SPEC 6 as pure functions: integers in (thousandths, cents), integers out.

describe("stock formulas", () => {
  it("moving average: (onHand·avg + qty·cost) / (onHand + qty), cents half up", () => {
    expect(movingAverage(10_000, 1000, 5000, 1301)).toBe(1100);
    expect(movingAverage(1000, 1000, 1000, 1001)).toBe(1001);
    expect(movingAverage(0, 0, 2500, 333)).toBe(333);
    // Taking a receipt back (negative quantity) takes its cost out; nothing left keeps the average.
    expect(movingAverage(8000, 1500, -4000, 1000)).toBe(2000);
    expect(movingAverage(4000, 1500, -4000, 1000)).toBe(1500);
  });

  it("reorder: max − (available + on order), rounded up to the pack multiple, never below 0", () => {
    expect(suggestedReorder(20_000, 3500, 2000, 6000)).toBe(18_000);
    expect(suggestedReorder(20_000, 2000, 0, 1000)).toBe(18_000);
    expect(suggestedReorder(10_000, 9500, 0, 250)).toBe(500);
    expect(suggestedReorder(10_000, 4000, 7000, 1000)).toBe(0);
    expect(suggestedReorder(10_000, 0, 0, 0)).toBe(10_000);
  });

  it("alert level: out of stock at 0, low at or below the minimum (inclusive), none above", () => {
    expect(alertLevel(0, 2000)).toBe("out_of_stock");
    expect(alertLevel(0, 0)).toBe("out_of_stock");
    expect(alertLevel(2000, 2000)).toBe("low_stock");
    expect(alertLevel(2001, 2000)).toBeNull();
  });

  it("conversions between units round half up, exactly", () => {
    expect(mulDiv(2000, 2900, 1000)).toBe(5800); // 2 sticks of 2.9 m
    expect(mulDiv(2610, 1000, 2900)).toBe(900); // 26.10 a stick → 9.00 a metre
    expect(mulDiv(1, 1, 2)).toBe(1);
    expect(signedThousandths("-2.5")).toBe(-2500);
    expect(signedThousandths("7.500")).toBe(7500);
    expect(signedThousandths(null)).toBe(0);
  });

  it("a signed quantity: a sign only in front, at most three decimals, never 0", () => {
    expect(signedQuantity.parse("-1.5")).toBe(-1500);
    expect(signedQuantity.parse(2.25)).toBe(2250);
    for (const bad of ["0", "1.0001", "--1", "abc", "1e3"]) expect(signedQuantity.safeParse(bad).success).toBe(false);
  });

  it("most critical first: available − minimum ascending, rows without a material last", () => {
    const row = (kind: AlertRow["kind"], materialId: number | null, available: string | null, minimum: string | null) =>
      ({ kind, materialId, available, minimum }) as AlertRow;
    const rows = [
      row("high_waste", null, null, null),
      row("low_stock", 1, "1.500", "2.000"),
      row("out_of_stock", 2, "0.000", "5.000"),
      row("inactive", 3, "4.000", "0.000"),
      row("expiring", 3, "4.000", "0.000"),
    ].sort(byCriticality);
    expect(rows.map((r) => [r.kind, r.materialId])).toEqual([
      ["out_of_stock", 2],
      ["low_stock", 1],
      ["expiring", 3],
      ["inactive", 3],
      ["high_waste", null],
    ]);
  });
});
