import { metricDirections, metricPeriods, metrics } from "@fotostudio/db";
import { z } from "zod";
import { date, id, money, moneyOutput, optionalText, text } from "../../shared/fields.js";
import { pageInput, sortable } from "../../shared/list.js";
import { periodOutput } from "../../shared/periods.js";
import { kpiKey, kpiUnits } from "./kpis.schema.js";

// A metric definition: a saved KPI with its filters, period and thresholds. Thresholds are in the
// KPI's unit (money, a count, a percent, days), decimal strings; their order against the
// direction, the custom period's days and the filters the KPI takes are checked on the whole
// record (service/definitions.ts), so a PATCH is checked as the row it leaves.

const threshold = (what: string) =>
  money(`${what}, in the KPI's unit (money, count, percent or days)`).nullable().optional();

export const metricFilters = z
  .strictObject({
    serviceId: id("Only the orders of this service (sales KPIs only)").optional(),
  })
  .describe("Filters of the KPI: serviceId for the sales KPIs; any other key is a 400");

const fields = {
  name: text(200, "Name").meta({ example: "Ventas del mes" }),
  kpi: kpiKey,
  filters: metricFilters.nullable().optional(),
  period: z
    .enum(metricPeriods)
    .optional()
    .describe("The period it is read over (month by default); custom with fromDay/toDay")
    .meta({ example: "month" }),
  fromDay: date("First day of a custom period").nullable().optional(),
  toDay: date("Last day of a custom period").nullable().optional(),
  direction: z
    .enum(metricDirections)
    .optional()
    .describe(
      "higher: a higher value is better (critical ≤ warning ≤ target); lower: the reverse. The KPI's own by default",
    ),
  target: threshold("The value aimed at").meta({ example: "10000.00" }),
  warning: threshold("At or past it (below for higher, above for lower) the level is warning").meta({
    example: "8000.00",
  }),
  critical: threshold("At or past it the level is critical").meta({ example: "5000.00" }),
  notes: optionalText(5000, "Free notes for the studio's staff"),
};

export const createMetricInput = z.object(fields);
export type CreateMetricInput = z.infer<typeof createMetricInput>;

/** PUT: the whole record; omitted optional fields become empty (period month, direction the KPI's). */
export const replaceMetricInput = z.object({ id: id("Metric"), ...fields });
export type ReplaceMetricInput = z.infer<typeof replaceMetricInput>;

/** PATCH: only the fields sent change. */
export const patchMetricInput = z.object({
  id: id("Metric"),
  name: fields.name.optional(),
  kpi: kpiKey.optional(),
  filters: fields.filters,
  period: fields.period,
  fromDay: fields.fromDay,
  toDay: fields.toDay,
  direction: fields.direction,
  target: fields.target,
  warning: fields.warning,
  critical: fields.critical,
  notes: fields.notes.optional(),
});
export type PatchMetricInput = z.infer<typeof patchMetricInput>;

export const metricSort = sortable(
  { name: metrics.name, kpi: metrics.kpi, createdAt: metrics.createdAt, updatedAt: metrics.updatedAt, id: metrics.id },
  "name",
);

export const listMetricsInput = pageInput.extend({ ordering: metricSort.ordering });
export type ListMetricsInput = z.infer<typeof listMetricsInput>;

export const metricLevels = ["ok", "warning", "critical"] as const;

const thresholdOut = (what: string) =>
  moneyOutput(`${what}, in the KPI's unit; null for a costs KPI without costs:read`).nullable();

export const metricOutput = z
  .object({
    id: z.number().int(),
    name: z.string(),
    kpi: kpiKey,
    unit: z.enum(kpiUnits).describe("The KPI's unit"),
    filters: z
      .object({ serviceId: z.number().int().optional().describe("Only this service's orders") })
      .describe("The KPI's filters"),
    period: z.enum(metricPeriods).describe("The period it is read over"),
    fromDay: z.string().nullable().describe("First day of a custom period"),
    toDay: z.string().nullable().describe("Last day of a custom period"),
    direction: z.enum(metricDirections).describe("Whether a higher or a lower value is better"),
    target: thresholdOut("Target"),
    warning: thresholdOut("Warning threshold"),
    critical: thresholdOut("Critical threshold"),
    notes: z.string().nullable(),
    createdBy: z.number().int().nullable().describe("The user who saved it"),
    current: z
      .object({
        value: z
          .union([z.string(), z.number()])
          .nullable()
          .describe(
            "The KPI now: a decimal string for money, a number otherwise; null over nothing or without costs:read",
          ),
        level: z
          .enum(metricLevels)
          .nullable()
          .describe("ok, warning or critical by the thresholds; null without a value or without thresholds"),
        period: periodOutput,
      })
      .describe("The value over its period as of now, and its level"),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: "Metric" });
export type Metric = z.infer<typeof metricOutput>;
