import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { emptyInput } from "../../../shared/fields.js";
import { rest } from "../../../shared/rest.js";
import { authedProcedure } from "../../../trpc.js";
import { alertOutput, checkOutput, reorderOutput } from "../schema/reports.js";
import { listAlerts } from "../service/alerts.js";
import { checkStock } from "../service/check.js";
import { reorderSuggestions } from "../service/reorder.js";

export const reportProcedures = {
  check: authedProcedure
    .meta({
      permission: "inventory:read",
      openapi: rest(
        "GET",
        "/inventory/check",
        "Check the balances against the ledger",
        "Replays every movement and compares on hand per material and internal location with the balances (and reserved with the active reservations): `mismatches` is empty when stock is right.",
      ),
    })
    .input(emptyInput)
    .output(checkOutput)
    .query(({ ctx }) => checkStock(ctx.db)),

  alerts: authedProcedure
    .meta({
      permission: "inventory:read",
      openapi: rest(
        "GET",
        "/inventory/alerts",
        "Stock alerts, most critical first",
        "Open low-stock and out-of-stock alerts (available ≤ minimum; out of stock at 0), high-waste alerts of production orders, materials expiring within 30 days (or expired) and materials without a movement for 90 days, ordered by available − minimum ascending.",
      ),
    })
    .input(emptyInput)
    .output(z.array(alertOutput))
    .query(({ ctx }) => listAlerts(ctx.db)),

  reorder: authedProcedure
    .meta({
      permission: "inventory:read",
      openapi: rest(
        "GET",
        "/inventory/reorder",
        "Reorder suggestions",
        "Every active material at or below its minimum: suggested = max − (available + on order), rounded up to the pack multiple, most critical first.",
      ),
    })
    .input(emptyInput)
    .output(z.array(reorderOutput))
    .query(({ ctx }) => reorderSuggestions(ctx.db)),
} satisfies TRPCRouterRecord;
