import { paymentMethods } from "@fotostudio/db";
import { z } from "zod";
import { moneyOutput, percentOutput as percent } from "../../../shared/fields.js";
import { periodOutput, seriesInput } from "../../../shared/periods.js";

export const financialInput = seriesInput;

export const financialOutput = z
  .object({
    period: periodOutput,
    revenue: z.object({
      total: moneyOutput("Revenue: Σ totals of the orders sold (confirmed) in the period, cancelled excluded"),
      byService: z
        .array(
          z.object({
            serviceId: z.number().int().nullable().describe("The order's service; null for orders without one"),
            service: z.string().describe("The service's name (Sin servicio for none)"),
            total: moneyOutput("Revenue of the service"),
            count: z.number().int().describe("Orders sold"),
          }),
        )
        .describe("Largest first"),
      series: z
        .array(
          z.object({
            period: z.string().describe("The bucket: YYYY-MM-DD (day, week's Monday) or YYYY-MM"),
            total: moneyOutput("Revenue in the bucket"),
            count: z.number().int().describe("Orders sold in the bucket"),
          }),
        )
        .describe("Every bucket of the period by groupBy, zero where nothing was sold"),
    }),
    ordersCount: z.number().int().describe("Orders sold in the period"),
    averageTicket: moneyOutput("Revenue ÷ orders sold (half-up); 0.00 without sales"),
    payments: z.object({
      byMethod: z.array(
        z.object({ method: z.enum(paymentMethods), total: moneyOutput("Net received (refunds subtracted)") }),
      ),
      total: moneyOutput("Net received in the period"),
      deposits: moneyOutput("Deposits (a cuenta) taken"),
      refunds: moneyOutput("Refunds paid back"),
    }),
    receivables: z.object({
      total: moneyOutput("What open sales owe at the period's end (or now, if earlier)"),
      aging: z.array(
        z.object({
          bucket: z.enum(["0-30", "31-60", "61-90", "90+"]).describe("Days since the sale was confirmed"),
          total: moneyOutput("Owed"),
          count: z.number().int().describe("Orders owing"),
        }),
      ),
    }),
    previous: z
      .object({ from: z.string(), to: z.string(), revenue: moneyOutput("Revenue of the previous period") })
      .describe("The period just before, of the same kind and length"),
    growthPercent: percent("Revenue growth against the previous period"),
    margin: z
      .object({
        cost: moneyOutput("What the sales cost (Σ line costs)"),
        gross: moneyOutput("Revenue − cost"),
        percent: percent("Gross margin over revenue"),
      })
      .nullable()
      .describe("Gross margin; null without costs:read"),
  })
  .meta({ id: "FinancialReport" });
export type FinancialReport = z.infer<typeof financialOutput>;
