import type { TRPCRouterRecord } from "@trpc/server";
import { rest } from "../../../shared/rest.js";
import { authedProcedure } from "../../../trpc.js";
import { seesCosts } from "../report-export.js";
import { financialInput, financialOutput } from "./financial.schema.js";
import { financialReport } from "./financial.service.js";

export const financialReports = {
  financial: authedProcedure
    .meta({
      permission: "reports:read",
      openapi: rest(
        "GET",
        "/reports/financial",
        "Financial report",
        "Revenue of the orders sold in the period (confirmed, on the studio's day they were confirmed; cancelled excluded) in total, by service and per `groupBy` bucket; sales count and average ticket; money received by method with deposits and refunds; receivables aged 0–30/31–60/61–90/90+ days at the period's end; growth against the previous period of the same kind and length; the gross margin for roles holding costs:read. `period` (today, week, month — the default —, quarter, year) or `from`/`to` days, in the studio's time zone.",
      ),
    })
    .input(financialInput)
    .output(financialOutput)
    .query(({ ctx, input }) => financialReport(ctx.db, input, { costs: seesCosts(ctx) })),
} satisfies TRPCRouterRecord;
