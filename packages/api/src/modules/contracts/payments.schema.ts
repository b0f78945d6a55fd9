import { z } from "zod";
import { id } from "../../shared/fields.js";
import { createPaymentInput, paymentOutput } from "../../shared/payments.js";

export const contractPaymentsInput = z.object({ id: id("Contract") });

/** POST /contracts/{id}/payments: owed is the contract's value. */
export const createContractPaymentInput = createPaymentInput("Contract");

export const contractPaymentOutput = paymentOutput;

/** The contract's account: what it is worth, what was paid, and every payment, oldest first. */
export const contractPaymentsOutput = z
  .object({
    contractId: z.number().int(),
    value: z.string().describe("Contract value: a decimal string with two decimals").meta({ example: "12000.00" }),
    paid: z.string().describe("Deposits + payments − refunds").meta({ example: "4000.00" }),
    balance: z.string().describe("Value − paid").meta({ example: "8000.00" }),
    paidPercent: z.string().describe("Paid / value × 100, two decimals").meta({ example: "33.33" }),
    results: z.array(paymentOutput).describe("The payments, oldest first"),
  })
  .meta({ id: "ContractPayments" });
export type ContractPayments = z.infer<typeof contractPaymentsOutput>;
