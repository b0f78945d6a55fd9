import type { TRPCRouterRecord } from "@trpc/server";
import { rest } from "../../../shared/rest.js";
import { authedProcedure } from "../../../trpc.js";
import { seesCosts } from "../report-export.js";
import { productionInput, productionOutput } from "./production.schema.js";
import { productionReport } from "./production.service.js";

export const productionReports = {
  production: authedProcedure
    .meta({
      permission: "reports:read",
      openapi: rest(
        "GET",
        "/reports/production",
        "Production report",
        "Production orders created in the period by their status now and by type; what was done (registered) in the period: output (orders done, one finished product each), mean lead time confirmed → done, waste % and efficiency (SPEC 6, production/metrics.ts) overall, per material (waste ÷ (consumed + waste) in the material's own unit) and per production type, and a waste/efficiency series per `groupBy` bucket — across materials waste % weighs by cost, since metres and m² never add; efficiency = 1 − waste cost ÷ (consumed + waste cost), each component at its registered unit cost. Costs in money only for roles holding costs:read (null otherwise). Production orders late now (past due, neither done nor cancelled), most overdue first. `period` (today, week, month — the default —, quarter, year) or `from`/`to` days, in the studio's time zone.",
      ),
    })
    .input(productionInput)
    .output(productionOutput)
    .query(({ ctx, input }) => productionReport(ctx.db, input, { costs: seesCosts(ctx) })),
} satisfies TRPCRouterRecord;
