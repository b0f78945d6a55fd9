import { describe, expect, it } from "vitest";
import { checkPayment, createPaymentInput, paidCents, paymentStatusOf } from "./payments.js";

const codeOf = (fn: () => void) => {
  try {
    fn();
    return "OK";
  } catch (error) {
    return (error as { appCode?: string }).appCode;
  }
};

describe("payments", () => {
  it("paid = deposits + payments − refunds, in cents", () => {
    expect(
      paidCents([
        { kind: "deposit", amount: "50.00" },
        { kind: "payment", amount: "70.25" },
        { kind: "refund", amount: "20.10" },
      ]),
    ).toBe(10015);
    expect(paidCents([])).toBe(0);
  });

  it("derives unpaid, partial and paid; a zero total is paid", () => {
    expect(paymentStatusOf(10000, 0)).toBe("unpaid");
    expect(paymentStatusOf(10000, 1)).toBe("partial");
    expect(paymentStatusOf(10000, 10000)).toBe("paid");
    expect(paymentStatusOf(0, 0)).toBe("paid");
  });

  it("never lets paid pass what is owed, nor a refund pass what was paid", () => {
    expect(codeOf(() => checkPayment(10000, 4000, { kind: "payment", amount: 6000 }))).toBe("OK");
    expect(codeOf(() => checkPayment(10000, 4000, { kind: "deposit", amount: 6001 }))).toBe("OVERPAYMENT");
    expect(codeOf(() => checkPayment(10000, 4000, { kind: "refund", amount: 4000 }))).toBe("OK");
    expect(codeOf(() => checkPayment(10000, 4000, { kind: "refund", amount: 4001 }))).toBe("REFUND_EXCEEDS_PAID");
  });

  it("takes positive decimal amounts only", () => {
    const input = createPaymentInput("Order");
    expect(input.parse({ id: 1, kind: "deposit", amount: "50.5", method: "cash" })).toMatchObject({ amount: 5050 });
    for (const amount of ["0", "0.00", "-5.00", "1.234", "abc"]) {
      const result = input.safeParse({ id: 1, kind: "payment", amount, method: "card" });
      expect(result.success, amount).toBe(false);
      expect(result.error?.issues[0]?.path).toEqual(["amount"]);
    }
  });
});
