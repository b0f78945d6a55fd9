import { metrics } from "@fotostudio/db";
import { z } from "zod";
import { id, optionalText, text } from "../../shared/fields.js";
import { pageInput, sortable } from "../../shared/list.js";

const fields = {
  name: text(200, "Name"),
  kpi: text(40, "The KPI this metric watches"),
  notes: optionalText(5000, "Free notes for the studio's staff"),
};

export const createMetricInput = z.object(fields);
export type CreateMetricInput = z.infer<typeof createMetricInput>;

/** PUT: the whole record; omitted optional fields become empty. */
export const replaceMetricInput = z.object({ id: id("Metric"), ...fields });

/** PATCH: only the fields sent change. */
export const patchMetricInput = z.object({
  id: id("Metric"),
  name: fields.name.optional(),
  notes: fields.notes.optional(),
});
export type PatchMetricInput = z.infer<typeof patchMetricInput>;

export const metricSort = sortable(
  { name: metrics.name, createdAt: metrics.createdAt, updatedAt: metrics.updatedAt, id: metrics.id },
  "name",
);

export const listMetricsInput = pageInput.extend({ ordering: metricSort.ordering });
export type ListMetricsInput = z.infer<typeof listMetricsInput>;

export const metricOutput = z
  .object({
    id: z.number().int(),
    name: z.string(),
    kpi: z.string(),
    notes: z.string().nullable(),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: "Metric" });
