import type { TRPCRouterRecord } from "@trpc/server";
import { emptyInput } from "../../shared/fields.js";
import { rest } from "../../shared/rest.js";
import { authedProcedure } from "../../trpc.js";
import { seesCosts } from "../reports/report-export.js";
import {
  clientsSectionOutput,
  dashboardOutput,
  ordersSectionOutput,
  revenueSectionOutput,
  sectionInput,
} from "./dashboard.schema.js";
import { clientsSection, ordersSection, revenueSection } from "./service/sections.js";
import { dashboardSummary } from "./service/summary.js";

const SERIES =
  "`period` (today, week, month — the default —, quarter, year) or `from`/`to` days, in the studio's time zone; `groupBy` day, week or month; every bucket present, zero where nothing happened.";

export const dashboardRouter = {
  summary: authedProcedure
    .meta({
      permission: "dashboard:read",
      openapi: rest(
        "GET",
        "/dashboard",
        "The dashboard",
        "This month's revenue against last month's (sales: confirmed orders, on the studio's day they were confirmed), pending orders by status, open quotes, late orders, orders due today and within 2 days, low-stock count and inventory value (null without costs:read), production at work and this month's efficiency, clients active this month (new and returning), expiring contracts, the next 7 days of appointments (at most 5) and the last 10 orders.",
      ),
    })
    .input(emptyInput)
    .output(dashboardOutput)
    .query(({ ctx }) => dashboardSummary(ctx.db, { costs: seesCosts(ctx) })),
  orders: authedProcedure
    .meta({
      permission: "dashboard:read",
      openapi: rest(
        "GET",
        "/dashboard/orders",
        "The dashboard's orders",
        `Sales and deliveries of the period per bucket, and what is pending and late now. ${SERIES}`,
      ),
    })
    .input(sectionInput)
    .output(ordersSectionOutput)
    .query(({ ctx, input }) => ordersSection(ctx.db, input)),
  clients: authedProcedure
    .meta({
      permission: "dashboard:read",
      openapi: rest(
        "GET",
        "/dashboard/clients",
        "The dashboard's clients",
        `Clients active in the period (with a sale), new (first sale ever) and returning, per bucket. ${SERIES}`,
      ),
    })
    .input(sectionInput)
    .output(clientsSectionOutput)
    .query(({ ctx, input }) => clientsSection(ctx.db, input)),
  revenue: authedProcedure
    .meta({
      permission: "dashboard:read",
      openapi: rest(
        "GET",
        "/dashboard/revenue",
        "The dashboard's revenue",
        `Revenue of the period against the previous one, average ticket, and revenue per bucket. ${SERIES}`,
      ),
    })
    .input(sectionInput)
    .output(revenueSectionOutput)
    .query(({ ctx, input }) => revenueSection(ctx.db, input)),
} satisfies TRPCRouterRecord;
