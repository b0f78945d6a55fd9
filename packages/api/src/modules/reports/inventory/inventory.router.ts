import type { TRPCRouterRecord } from "@trpc/server";
import { rest } from "../../../shared/rest.js";
import { authedProcedure } from "../../../trpc.js";
import { seesCosts } from "../report-export.js";
import { inventoryInput, inventoryOutput } from "./inventory.schema.js";
import { inventoryReport } from "./inventory.service.js";

export const inventoryReports = {
  inventory: authedProcedure
    .meta({
      permission: "reports:read",
      openapi: rest(
        "GET",
        "/reports/inventory",
        "Inventory report",
        "Stock now per category (all seven): active materials, how many are at or below their minimum (available = on hand − reserved), and the value at cost (Σ on hand × moving-average cost per material, half-up to the cent) — value and totalValue, like the dashboard's inventory value and every movement cost, only for roles holding costs:read (null otherwise). The period's ledger by movement type (count, quantity and net effect on stock per unit). Low-stock materials and inactive ones (active materials without a movement in the last 90 days, counted from their creation when they never moved), both as of now. What production consumed (consume + waste movements, net of corrections) per `groupBy` bucket, category and unit: metres and m² never add. `period` (today, week, month — the default —, quarter, year) or `from`/`to` days, in the studio's time zone.",
      ),
    })
    .input(inventoryInput)
    .output(inventoryOutput)
    .query(({ ctx, input }) => inventoryReport(ctx.db, input, { costs: seesCosts(ctx) })),
} satisfies TRPCRouterRecord;
