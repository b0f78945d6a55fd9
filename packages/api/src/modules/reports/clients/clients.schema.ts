import { clientKinds } from "@fotostudio/db";
import { z } from "zod";
import { moneyOutput, percentOutput as percent } from "../../../shared/fields.js";
import { periodOutput, seriesInput } from "../../../shared/periods.js";

export const clientsInput = seriesInput;

const count = (description: string) => z.number().int().describe(description);

export const clientsOutput = z
  .object({
    period: periodOutput,
    clients: z
      .object({
        active: count("Clients with at least one sale (an order confirmed, not cancelled) in the period"),
        new: count("Active clients whose first sale ever falls in the period"),
        returning: count("Active clients who had bought before the period: active − new"),
      })
      .describe("The same counts as the metrics' clients KPIs and the dashboard"),
    sales: z
      .object({
        revenue: moneyOutput("Revenue of the period's sales, as the financial report counts it"),
        ordersCount: count("Orders sold in the period"),
      })
      .describe("What the top clients' shares are of"),
    retention: z
      .object({
        previous: z
          .object({ from: z.string(), to: z.string() })
          .describe("The period just before, of the same kind and length"),
        base: count("Clients who bought in the previous period"),
        retained: count("Of those, the clients who bought again in this period"),
        percent: percent("retained ÷ base"),
      })
      .describe("Retention: how many of the previous period's clients came back"),
    topClients: z
      .array(
        z.object({
          clientId: z.number().int(),
          name: z.string().nullable().describe("The client's name"),
          kind: z.enum(clientKinds).nullable().describe("person (particular), school (colegio) or company (empresa)"),
          ordersCount: count("The client's orders sold in the period"),
          revenue: moneyOutput("Σ totals of those orders"),
          sharePercent: percent("The client's share of the period's revenue"),
          isNew: z.boolean().describe("The client's first sale ever falls in the period"),
        }),
      )
      .describe("The 10 clients with the most revenue in the period, largest first (ties: more orders, then lower id)"),
    series: z
      .array(
        z.object({
          period: z.string().describe("The bucket: YYYY-MM-DD (day, week's Monday) or YYYY-MM"),
          active: count("Clients with a sale in the bucket"),
          new: count("Clients whose first sale ever falls in the bucket"),
          returning: count("Active in the bucket and not new in it"),
        }),
      )
      .describe("Every bucket of the period by groupBy, zero where nobody bought"),
  })
  .meta({ id: "ClientsReport" });
export type ClientsReport = z.infer<typeof clientsOutput>;
