import type { TRPCRouterRecord } from "@trpc/server";
import { applied, removed } from "../../shared/changes.js";
import { deletedOutput, idInput } from "../../shared/fields.js";
import { paginated } from "../../shared/list.js";
import { rest } from "../../shared/rest.js";
import { type AuthedContext, authedProcedure } from "../../trpc.js";
import {
  createMetricInput,
  listMetricsInput,
  metricOutput,
  type PatchMetricInput,
  patchMetricInput,
  replaceMetricInput,
} from "./metrics.schema.js";
import * as service from "./metrics.service.js";

/** PUT and PATCH: the same change, a whole or a partial record. */
const update = (ctx: AuthedContext, { id, ...changes }: PatchMetricInput) =>
  applied(ctx, service.updateMetric(ctx.db, id, changes));

export const metricsRouter = {
  list: authedProcedure
    .meta({
      permission: "metrics:read",
      openapi: rest("GET", "/metrics", "List metrics", "Paginated; search matches the name."),
    })
    .input(listMetricsInput)
    .output(paginated(metricOutput))
    .query(({ ctx, input }) => service.listMetrics(ctx.db, input)),

  byId: authedProcedure
    .meta({ permission: "metrics:read", openapi: rest("GET", "/metrics/{id}", "Get one of the metrics") })
    .input(idInput("Metric"))
    .output(metricOutput)
    .query(({ ctx, input }) => service.getMetric(ctx.db, input.id)),

  create: authedProcedure
    .meta({
      permission: "metrics:write",
      created: true,
      openapi: rest("POST", "/metrics", "Create one of the metrics"),
    })
    .input(createMetricInput)
    .output(metricOutput)
    .mutation(({ ctx, input }) => service.createMetric(ctx.db, input)),

  update: authedProcedure
    .meta({ permission: "metrics:write", openapi: rest("PUT", "/metrics/{id}", "Replace one of the metrics") })
    .input(replaceMetricInput)
    .output(metricOutput)
    .mutation(({ ctx, input }) => update(ctx, input)),

  patch: authedProcedure
    .meta({
      permission: "metrics:write",
      openapi: rest("PATCH", "/metrics/{id}", "Update some fields of one of the metrics"),
    })
    .input(patchMetricInput)
    .output(metricOutput)
    .mutation(({ ctx, input }) => update(ctx, input)),

  delete: authedProcedure
    .meta({ permission: "metrics:write", openapi: rest("DELETE", "/metrics/{id}", "Delete one of the metrics") })
    .input(idInput("Metric"))
    .output(deletedOutput)
    .mutation(({ ctx, input }) => removed(ctx, input.id, service.deleteMetric(ctx.db, input.id))),
} satisfies TRPCRouterRecord;
