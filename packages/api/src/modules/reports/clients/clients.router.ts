import type { TRPCRouterRecord } from "@trpc/server";
import { rest } from "../../../shared/rest.js";
import { authedProcedure } from "../../../trpc.js";
import { clientsInput, clientsOutput } from "./clients.schema.js";
import { clientsReport } from "./clients.service.js";

export const clientsReports = {
  clients: authedProcedure
    .meta({
      permission: "reports:read",
      openapi: rest(
        "GET",
        "/reports/clients",
        "Clients report",
        "Clients of the period as the metrics' KPIs count them: active (at least one sale — an order confirmed, in production, ready or delivered, on the studio's day it was confirmed; cancelled excluded), new (their first sale ever falls in the period) and returning (active, not new); retention (of the clients who bought in the previous period of the same kind and length, the share who bought again in this one; null when nobody bought then); the top 10 clients by revenue with their orders, share and whether they are new; active/new/returning per `groupBy` bucket. `period` (today, week, month — the default —, quarter, year) or `from`/`to` days, in the studio's time zone.",
      ),
    })
    .input(clientsInput)
    .output(clientsOutput)
    .query(({ ctx, input }) => clientsReport(ctx.db, input)),
} satisfies TRPCRouterRecord;
