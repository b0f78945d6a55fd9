import { type PaymentKind, paymentKinds, paymentMethods } from "@fotostudio/db";
import { type Column, sql } from "drizzle-orm";
import { z } from "zod";
import { AppError } from "../errors.js";
import { formatCents, id, money, moneyOutput, optionalText, parseCents } from "./fields.js";

// Payments on what a client owes (orders, school contracts): deposits (a cuenta), payments and
// refunds, never edited or deleted. paid = deposits + payments − refunds, never above what is owed,
// and a refund never above what was paid. One set of rules and shapes for every module that takes them.

export const paymentKind = z.enum(paymentKinds).describe("deposit (a cuenta), payment, or refund");
export const paymentMethod = z.enum(paymentMethods).describe("How it was paid");

/** POST …/{id}/payments: the payment on the record `id`. */
export const createPaymentInput = (what: string) =>
  z.object({
    id: id(what),
    kind: paymentKind,
    amount: money("Amount, positive").refine((cents) => cents > 0, "must be greater than 0"),
    method: paymentMethod,
    reference: optionalText(100, "Voucher, operation or card reference").meta({ example: "OP-558120" }),
  });
export type CreatePayment = z.infer<ReturnType<typeof createPaymentInput>>;

export const paymentOutput = z
  .object({
    id: z.number().int(),
    kind: paymentKind,
    amount: moneyOutput("Amount"),
    method: paymentMethod,
    reference: z.string().nullable(),
    createdBy: z.number().int().nullable().describe("The user who took it"),
    createdAt: z.date(),
  })
  .meta({ id: "Payment" });
export type Payment = z.infer<typeof paymentOutput>;

export const paymentStatuses = ["unpaid", "partial", "paid"] as const;
export const paymentStatus = z.enum(paymentStatuses).describe("unpaid, partial or paid (derived from the payments)");
export type PaymentStatus = (typeof paymentStatuses)[number];

/** The signed amount of a payment row in SQL: refunds count against what was paid. */
export const signedAmount = (kind: Column, amount: Column) =>
  sql<string>`case when ${kind} = 'refund' then -${amount} else ${amount} end`;

/** Σ signed amounts in cents, from rows with decimal-string amounts. */
export function paidCents(rows: readonly { kind: PaymentKind; amount: string }[]): number {
  return rows.reduce((sum, r) => {
    const cents = parseCents(r.amount) as number;
    return r.kind === "refund" ? sum - cents : sum + cents;
  }, 0);
}

export function paymentStatusOf(totalCents: number, paid: number): PaymentStatus {
  if (paid <= 0) return totalCents === 0 ? "paid" : "unpaid";
  return paid >= totalCents ? "paid" : "partial";
}

/**
 * Refuses a payment that would take what was paid above `owedCents` (422 OVERPAYMENT) or a refund
 * above what was paid (422 REFUND_EXCEEDS_PAID). Call it with the record's row locked.
 */
export function checkPayment(owedCents: number, paid: number, payment: { kind: PaymentKind; amount: number }): void {
  if (payment.kind === "refund") {
    if (payment.amount > paid)
      throw new AppError("REFUND_EXCEEDS_PAID", `Only ${formatCents(paid)} was paid; a refund cannot be larger`);
    return;
  }
  if (paid + payment.amount > owedCents)
    throw new AppError(
      "OVERPAYMENT",
      `The balance is ${formatCents(Math.max(0, owedCents - paid))}; the payment of ${formatCents(payment.amount)} would exceed it`,
    );
}
