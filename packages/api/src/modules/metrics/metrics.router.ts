import type { TRPCRouterRecord } from "@trpc/server";
import { applied, removed } from "../../shared/changes.js";
import { deletedOutput, idInput } from "../../shared/fields.js";
import { paginated } from "../../shared/list.js";
import { rest } from "../../shared/rest.js";
import { type AuthedContext, authedProcedure } from "../../trpc.js";
import { kpiProcedures } from "./kpis.router.js";
import {
  createMetricInput,
  listMetricsInput,
  metricOutput,
  type PatchMetricInput,
  patchMetricInput,
  replaceMetricInput,
} from "./metrics.schema.js";
import * as service from "./metrics.service.js";

const costs = (ctx: AuthedContext) => ctx.auth.permissions.has("costs:read");

/** PUT and PATCH: the same change, a whole or a partial record; answered with the current value. */
async function update(ctx: AuthedContext, { id, ...changes }: PatchMetricInput, mode: "replace" | "patch") {
  await applied(ctx, service.updateMetric(ctx.db, id, changes, mode));
  return service.getMetric(ctx.db, id, costs(ctx));
}

const CHECKS =
  "`kpi` must be a registry key; thresholds in the KPI's unit ordered by the direction (higher: critical ≤ warning ≤ target; lower: the reverse); period custom needs fromDay ≤ toDay; filters only those the KPI takes (serviceId for sales KPIs). 400 naming the field otherwise.";

// The computed KPIs first: their paths are static (`/metrics/revenue`), the definitions' take an id.
export const metricsRouter = {
  ...kpiProcedures,

  list: authedProcedure
    .meta({
      permission: "metrics:read",
      openapi: rest(
        "GET",
        "/metrics",
        "List metric definitions",
        "Paginated; search matches the name. Each with its current value and level.",
      ),
    })
    .input(listMetricsInput)
    .output(paginated(metricOutput))
    .query(({ ctx, input }) => service.listMetrics(ctx.db, input, costs(ctx))),

  byId: authedProcedure
    .meta({
      permission: "metrics:read",
      openapi: rest(
        "GET",
        "/metrics/{id}",
        "Get a metric definition",
        "The definition with `current`: its KPI's value over its period as of now and the level (ok, warning, critical) its thresholds give.",
      ),
    })
    .input(idInput("Metric"))
    .output(metricOutput)
    .query(({ ctx, input }) => service.getMetric(ctx.db, input.id, costs(ctx))),

  create: authedProcedure
    .meta({
      permission: "metrics:write",
      created: true,
      openapi: rest(
        "POST",
        "/metrics",
        "Save a metric definition",
        `A saved KPI with its filters, period and thresholds. ${CHECKS} A name in use is 409.`,
      ),
      errors: ["CONFLICT"],
    })
    .input(createMetricInput)
    .output(metricOutput)
    .mutation(async ({ ctx, input }) => {
      const row = await applied(ctx, service.createMetric(ctx.db, input, ctx.auth.user.id));
      return service.getMetric(ctx.db, row.id, costs(ctx));
    }),

  update: authedProcedure
    .meta({
      permission: "metrics:write",
      openapi: rest("PUT", "/metrics/{id}", "Replace a metric definition", CHECKS),
      errors: ["CONFLICT"],
    })
    .input(replaceMetricInput)
    .output(metricOutput)
    .mutation(({ ctx, input }) => update(ctx, input, "replace")),

  patch: authedProcedure
    .meta({
      permission: "metrics:write",
      openapi: rest(
        "PATCH",
        "/metrics/{id}",
        "Update some fields of a metric definition",
        `Checked as the record it leaves: ${CHECKS}`,
      ),
      errors: ["CONFLICT"],
    })
    .input(patchMetricInput)
    .output(metricOutput)
    .mutation(({ ctx, input }) => update(ctx, input, "patch")),

  delete: authedProcedure
    .meta({ permission: "metrics:write", openapi: rest("DELETE", "/metrics/{id}", "Delete a metric definition") })
    .input(idInput("Metric"))
    .output(deletedOutput)
    .mutation(({ ctx, input }) => removed(ctx, input.id, service.deleteMetric(ctx.db, input.id))),
} satisfies TRPCRouterRecord;
