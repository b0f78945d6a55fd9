import { type contractStatuses, contractTypes } from "@fotostudio/db";
import { z } from "zod";
import { moneyOutput, percentOutput } from "../../../shared/fields.js";
import { periodInput, periodOutput } from "../../../shared/periods.js";

export const contractsInput = periodInput;

/** The states a counted contract can be in: a draft is not signed, so it is never counted. */
export const COUNTED_STATUSES = [
  "active",
  "completed",
  "rescinded",
] as const satisfies readonly (typeof contractStatuses)[number][];

const count = (description: string) => z.number().int().describe(description);
const percent = (description: string) => percentOutput(description, "the value is 0");

const account = {
  value: moneyOutput("Σ contract values"),
  paid: moneyOutput("Paid up to the period's end (or now, if earlier): deposits + payments − refunds"),
  balance: moneyOutput("Value − paid"),
};

export const contractsOutput = z
  .object({
    period: periodOutput,
    totals: z
      .object({ count: count("Contracts counted"), ...account, paidPercent: percent("Paid ÷ value") })
      .describe(
        "The period's contracts: signed (active, completed or rescinded; never a draft), their validity overlapping the period, and not rescinded before it began",
      ),
    byStatus: z
      .array(z.object({ status: z.enum(COUNTED_STATUSES), count: count("Contracts in the state"), ...account }))
      .describe("One row per counted state (active, completed, rescinded), 0 included"),
    expiring: z
      .object({
        days: count("The window: the alerts setting expiringContractDays (30 by default)"),
        count: count("Active contracts whose last day is today or within the window"),
        first: z
          .array(
            z.object({
              id: z.number().int(),
              title: z.string(),
              schoolName: z.string().nullable(),
              validTo: z.string().describe("Last day (YYYY-MM-DD)"),
            }),
          )
          .describe("The 10 that end soonest"),
      })
      .describe(
        "Expiring from today, whatever the period: the dashboard's and GET /contracts/expiring's rule (active, last day from today to today + days, in the studio's calendar)",
      ),
    contracts: z
      .array(
        z.object({
          id: z.number().int(),
          title: z.string(),
          schoolId: z.number().int(),
          schoolName: z.string().nullable().describe("The school's name (null if the client was deleted)"),
          type: z.enum(contractTypes),
          status: z.enum(COUNTED_STATUSES),
          validFrom: z.string().describe("First day (YYYY-MM-DD)"),
          validTo: z.string().describe("Last day, the end date (YYYY-MM-DD)"),
          value: moneyOutput("Contract value"),
          paid: account.paid,
          balance: account.balance,
          paidPercent: percent("Paid ÷ value"),
        }),
      )
      .describe("Every counted contract, soonest end first"),
  })
  .meta({ id: "ContractsReport" });
export type ContractsReport = z.infer<typeof contractsOutput>;
