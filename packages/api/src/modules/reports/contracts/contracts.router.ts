import type { TRPCRouterRecord } from "@trpc/server";
import { rest } from "../../../shared/rest.js";
import { authedProcedure } from "../../../trpc.js";
import { contractsInput, contractsOutput } from "./contracts.schema.js";
import { contractsReport } from "./contracts.service.js";

export const contractsReports = {
  contracts: authedProcedure
    .meta({
      permission: "reports:read",
      openapi: rest(
        "GET",
        "/reports/contracts",
        "Contracts report",
        "The school contracts in force in the period — signed (active, completed or rescinded; drafts never count), their validity (validFrom–validTo) overlapping the period's days, and not rescinded before the period began —: their value (Σ contract values), paid (deposits + payments − refunds made before the period's end, or now if earlier) and balance (value − paid), in total, per state (0 included) and one by one, soonest end first. `expiring` is the dashboard's and GET /contracts/expiring's rule, counted from today whatever the period: active contracts whose last day is today or within the alerts setting expiringContractDays (30 by default). `period` (today, week, month — the default —, quarter, year) or `from`/`to` days, in the studio's time zone.",
      ),
    })
    .input(contractsInput)
    .output(contractsOutput)
    .query(({ ctx, input }) => contractsReport(ctx.db, input)),
} satisfies TRPCRouterRecord;
