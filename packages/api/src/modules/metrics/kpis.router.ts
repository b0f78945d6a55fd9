import type { TRPCRouterRecord } from "@trpc/server";
import { emptyInput } from "../../shared/fields.js";
import { rest } from "../../shared/rest.js";
import { type AuthedContext, authedProcedure } from "../../trpc.js";
import type { KpiArea } from "./kpi-keys.js";
import {
  areaInput,
  areaOutput,
  comparisonInput,
  comparisonOutput,
  kpiListOutput,
  trendsInput,
  trendsOutput,
} from "./kpis.schema.js";
import { areaKpis, kpiComparison, kpiList, kpiTrend } from "./service/computed.js";

const caller = (ctx: AuthedContext) => ({ costs: ctx.auth.permissions.has("costs:read") });

const PERIOD =
  "`period` (today, week, month — the default —, quarter, year) or `from`/`to` days, in the studio's time zone.";

/** One area's KPIs for a period: `{ period, kpis: { <key>: value } }`. */
function area(key: KpiArea, summary: string, description: string) {
  return authedProcedure
    .meta({ permission: "metrics:read", openapi: rest("GET", `/metrics/${key}`, summary, `${description} ${PERIOD}`) })
    .input(areaInput)
    .output(areaOutput(key))
    .query(async ({ ctx, input }) => areaKpis(ctx.db, key, input, caller(ctx)));
}

// Static paths: registered before the definitions' `/metrics/{id}` (an integer id never reads
// `revenue`, and the stock adapter matches in this order).
export const kpiProcedures = {
  kpis: authedProcedure
    .meta({
      permission: "metrics:read",
      openapi: rest(
        "GET",
        "/metrics/kpis",
        "The KPI registry",
        "Every KPI key with its label, unit, direction, whether it needs costs:read, offers a trend and takes filters.",
      ),
    })
    .input(emptyInput)
    .output(kpiListOutput)
    .query(() => kpiList()),

  revenue: area(
    "revenue",
    "Revenue KPIs",
    "Revenue, sales count and average ticket of the orders sold (confirmed) in the period, growth against the previous period; gross margin (money and %) for roles holding costs:read, null otherwise.",
  ),
  orders: area(
    "orders",
    "Order KPIs",
    "Sales in the period; pending (confirmed, in production, ready) and late orders now; orders delivered in the period, the share delivered by their promised date and the mean days from confirmation to delivery.",
  ),
  clients: area(
    "clients",
    "Client KPIs",
    "Clients with a sale in the period; new ones (their first sale ever falls in it) and returning ones.",
  ),
  inventory: area(
    "inventory",
    "Inventory KPIs",
    "Stock now: its value at moving-average cost (costs:read, null otherwise) and the materials at or below their minimum.",
  ),
  production: area(
    "production",
    "Production KPIs",
    "Production orders done in the period, their mean lead time (confirmed → done, days), waste % (by cost across materials) and efficiency.",
  ),
  efficiency: area(
    "efficiency",
    "Efficiency KPIs",
    "Production efficiency and waste %, on-time deliveries, mean delivery and production lead times.",
  ),
  dashboard: area("dashboard", "Headline KPIs", "The headline KPIs of every area at once."),

  trends: authedProcedure
    .meta({
      permission: "metrics:read",
      openapi: rest(
        "GET",
        "/metrics/trends",
        "A KPI's series",
        `The KPI per \`groupBy\` bucket (day, week from Monday, month) of the period, every bucket present. Snapshot KPIs (pending and late orders, stock) have no trend (400); costs KPIs need costs:read (403); serviceId only for sales KPIs (400 otherwise). ${PERIOD}`,
      ),
      errors: ["BAD_REQUEST"],
    })
    .input(trendsInput)
    .output(trendsOutput)
    .query(({ ctx, input }) => kpiTrend(ctx.db, input, caller(ctx))),

  comparison: authedProcedure
    .meta({
      permission: "metrics:read",
      openapi: rest(
        "GET",
        "/metrics/comparison",
        "A KPI against the previous period and last year",
        `The KPI over the period, over the period just before it (same kind and length) and over the same period a year earlier, with the changes in percent. Snapshot KPIs have no comparison (400); costs KPIs need costs:read (403). ${PERIOD}`,
      ),
      errors: ["BAD_REQUEST"],
    })
    .input(comparisonInput)
    .output(comparisonOutput)
    .query(({ ctx, input }) => kpiComparison(ctx.db, input, caller(ctx))),
} satisfies TRPCRouterRecord;
