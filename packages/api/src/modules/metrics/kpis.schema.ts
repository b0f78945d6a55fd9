import { z } from "zod";
import { id, moneyOutput } from "../../shared/fields.js";
import { groupings, periodInput, periodOutput, withPeriod, withSeries } from "../../shared/periods.js";
import { type KpiArea, type KpiKey, kpiAreas, kpiKeys } from "./kpi-keys.js";
import { kpiOf } from "./kpis.js";

export const kpiUnits = ["money", "count", "percent", "days", "ratio"] as const;

export const kpiKey = z
  .enum(kpiKeys)
  .describe("A KPI key (GET /api/metrics/kpis/ lists them with their unit and direction)")
  .meta({ example: "revenue" });
const unit = z
  .enum(kpiUnits)
  .describe("money (a decimal string), count (an integer), percent, days or ratio (numbers, two decimals)");
const serviceId = id(
  "Only the orders of this service (sales KPIs: revenue, ordersCount, averageTicket, growthPercent, grossMargin…)",
).optional();

/** One KPI's value in its unit; the costs KPIs are null without costs:read. */
function valueSchema(key: KpiKey) {
  const k = kpiOf(key);
  const costs = k.costs ? "; null without costs:read" : "";
  switch (k.unit) {
    case "money":
      return moneyOutput(`${k.label}${costs}`).nullable();
    case "count":
      return z.number().int().describe(`${k.label}: a count`);
    case "percent":
      return z.number().nullable().describe(`${k.label}: a percent with two decimals, null over nothing${costs}`);
    case "days":
      return z.number().nullable().describe(`${k.label}: days with two decimals, null over nothing`);
    case "ratio":
      return z.number().nullable().describe(`${k.label}: times over the period, two decimals; null without stock`);
  }
}

const shown = z
  .union([z.string(), z.number()])
  .nullable()
  .describe("The value: a decimal string for money, a number otherwise, null when undefined (nothing to divide by)");

export const areaInput = periodInput;

/** `{ period, kpis: { <key>: value } }` for one area's KPIs. */
export const areaOutput = (area: KpiArea) =>
  z.object({
    period: periodOutput,
    kpis: z
      .object(Object.fromEntries(kpiAreas[area].map((key) => [key, valueSchema(key)])))
      .describe("The KPIs, by key"),
    ...(area === "orders" && {
      pendingByStatus: z
        .array(
          z.object({
            status: z.enum(["confirmed", "in_production", "ready"]).describe("An open (pending) status"),
            count: z.number().int().describe("Orders in it now"),
          }),
        )
        .describe("The pending orders now, by status (every open status, 0 included)"),
    }),
  });

export const trendsInput = withSeries({ kpi: kpiKey, serviceId });
export type TrendsInput = z.infer<typeof trendsInput>;

export const trendsOutput = z.object({
  kpi: kpiKey,
  unit,
  period: periodOutput,
  groupBy: z.enum(groupings).describe("The series' step"),
  series: z
    .array(
      z.object({ period: z.string().describe("The bucket: YYYY-MM-DD (day, week's Monday) or YYYY-MM"), value: shown }),
    )
    .describe("Every bucket of the period, in order; a bucket with no rows has the KPI's value over nothing"),
});

export const comparisonInput = withPeriod({ kpi: kpiKey, serviceId });
export type ComparisonInput = z.infer<typeof comparisonInput>;

const span = z.object({ from: z.string().describe("First day"), to: z.string().describe("Last day, included") });

export const comparisonOutput = z.object({
  kpi: kpiKey,
  unit,
  period: periodOutput,
  current: shown.describe("The value over the period"),
  previous: shown.describe("The value over the period just before (the previous month, or as many days before)"),
  changePercent: z
    .number()
    .nullable()
    .describe("current vs previous in percent (two decimals), null when previous is 0 or null"),
  sameLastYear: shown.describe("The value over the same period one year earlier"),
  changeVsLastYearPercent: z
    .number()
    .nullable()
    .describe("current vs sameLastYear in percent, null when that is 0 or null"),
  previousPeriod: span.describe("The days of `previous`"),
  sameLastYearPeriod: span.describe("The days of `sameLastYear`"),
});

export const kpiListOutput = z.object({
  results: z.array(
    z.object({
      key: kpiKey,
      label: z.string().describe("The name studios read (Spanish)"),
      unit,
      direction: z.enum(["higher", "lower"]).describe("Whether a higher or a lower value is better"),
      costs: z.boolean().describe("A costs figure: answered only to roles holding costs:read"),
      trend: z.boolean().describe("Offers trends and comparison (false: a snapshot of now)"),
      filters: z.array(z.string()).describe("The filters it takes (serviceId)"),
    }),
  ),
});
