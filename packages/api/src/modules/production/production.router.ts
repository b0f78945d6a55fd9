import type { TRPCRouterRecord } from "@trpc/server";
import { auditAlso } from "../../procedures/audit.js";
import { applied, type Updated } from "../../shared/changes.js";
import { idInput } from "../../shared/fields.js";
import { paginated } from "../../shared/list.js";
import { rest } from "../../shared/rest.js";
import { type AuthedContext, authedProcedure } from "../../trpc.js";
import type { Order } from "../orders/output.schema.js";
import {
  materialMetricsOutput,
  movementTraceOutput,
  productionOrderOutput,
  productionSummaryOutput,
  registerOutput,
  traceOutput,
} from "./output.schema.js";
import {
  createProductionOrderInput,
  listProductionOrdersInput,
  materialMetricsInput,
  type PatchProductionOrderInput,
  patchProductionOrderInput,
  registerInput,
  replaceProductionOrderInput,
  transitionProductionInput,
} from "./production.schema.js";
import * as service from "./production.service.js";

const caller = (ctx: AuthedContext): service.Caller => ({
  userId: ctx.auth.user.id,
  permissions: ctx.auth.permissions,
});
const costs = (ctx: AuthedContext) => ctx.auth.permissions.has("costs:read");

/** The order a production change moved too gets its own audit row, as orders.transition writes it. */
async function auditOrder(ctx: AuthedContext, change: Updated<Order> | undefined): Promise<void> {
  if (change) await auditAlso(ctx, "orders.transition", "orders", change);
}

const LIST_NOTE =
  "Paginated, newest first; filter by status, priority, type, assignee, order and late (past due, neither done nor cancelled: derived, never stored); search matches the number.";
const COST_NOTE = "Unit costs, waste cost and the money behind efficiency only for roles holding costs:read.";

const patch = (ctx: AuthedContext, { id, ...changes }: PatchProductionOrderInput) =>
  applied(ctx, service.updateProductionOrder(ctx.db, caller(ctx), id, changes));

export const productionRouter = {
  list: authedProcedure
    .meta({
      permission: "production:read",
      openapi: rest("GET", "/production/orders", "List production orders", LIST_NOTE),
    })
    .input(listProductionOrdersInput)
    .output(paginated(productionSummaryOutput))
    .query(({ ctx, input }) => service.listProductionOrders(ctx.db, input)),

  byId: authedProcedure
    .meta({
      permission: "production:read",
      openapi: rest(
        "GET",
        "/production/orders/{id}",
        "Get a production order",
        `Its components with what is reserved for them now; while waiting_material, what is missing; once done, what each used and wasted, waste % per material and the order's efficiency. ${COST_NOTE}`,
      ),
    })
    .input(idInput("Production order"))
    .output(productionOrderOutput)
    .query(({ ctx, input }) => service.loadProductionOrder(ctx.db, input.id, costs(ctx))),

  create: authedProcedure
    .meta({
      permission: "production:write",
      created: true,
      errors: ["CONFLICT", "BUSINESS_RULE"],
      openapi: rest(
        "POST",
        "/production/orders",
        "Create a production order",
        "A draft numbered OP-<year>-<sequence>, optionally for an order line of a confirmed order (422 for a quote or a closed order; 409 when the line already has an open production order). Components are entered, or derived from a frame line's stored breakdown (moulding length L in m, glazing, backing and mat board by W·H in m²) or an item line's material.",
      ),
    })
    .input(createProductionOrderInput)
    .output(productionOrderOutput)
    .mutation(({ ctx, input }) => applied(ctx, service.createProductionOrder(ctx.db, caller(ctx), input))),

  update: authedProcedure
    .meta({
      permission: "production:write",
      errors: ["ILLEGAL_TRANSITION"],
      openapi: rest(
        "PUT",
        "/production/orders/{id}",
        "Replace a draft production order",
        "Every editable field, only while draft (409 otherwise); components omitted are derived again from the order line.",
      ),
    })
    .input(replaceProductionOrderInput)
    .output(productionOrderOutput)
    .mutation(({ ctx, input }) => applied(ctx, service.replaceProductionOrder(ctx.db, caller(ctx), input))),

  patch: authedProcedure
    .meta({
      permission: "production:write",
      errors: ["ILLEGAL_TRANSITION"],
      openapi: rest(
        "PATCH",
        "/production/orders/{id}",
        "Update some fields of a draft production order",
        "Only the fields sent change, only while draft (409 otherwise): once confirmed, stock is reserved for exactly what it says.",
      ),
    })
    .input(patchProductionOrderInput)
    .output(productionOrderOutput)
    .mutation(({ ctx, input }) => patch(ctx, input)),

  transition: authedProcedure
    .meta({
      permission: "production:write",
      errors: ["ILLEGAL_TRANSITION"],
      openapi: rest(
        "POST",
        "/production/orders/{id}/transition",
        "Move a production order to another state",
        "confirmed reserves every component, all or nothing; short of stock the order goes to waiting_material with what is missing, and confirming it again retries (when stock has arrived). in_progress starts a confirmed order (and puts a confirmed order it is made for in production). cancelled, before in_progress, releases the reservations. done only by registering the output. Any other move is 409 ILLEGAL_TRANSITION and changes nothing.",
      ),
    })
    .input(transitionProductionInput)
    .output(productionOrderOutput)
    .mutation(async ({ ctx, input }) => {
      const { change, orderChange } = await service.transitionProduction(ctx.db, caller(ctx), input);
      await auditOrder(ctx, orderChange);
      return applied(ctx, Promise.resolve(change));
    }),

  trace: authedProcedure
    .meta({
      permission: "production:read",
      openapi: rest(
        "GET",
        "/production/orders/{id}/trace",
        "Trace a production order",
        `Its movements (consume and waste), the materials, the order line, order and client it was made for, and the product it made. ${COST_NOTE}`,
      ),
    })
    .input(idInput("Production order"))
    .output(traceOutput)
    .query(({ ctx, input }) => service.traceProductionOrder(ctx.db, input.id, costs(ctx))),

  register: authedProcedure
    .meta({
      permission: "production:write",
      errors: ["ILLEGAL_TRANSITION", "INSUFFICIENT_STOCK", "BUSINESS_RULE"],
      openapi: rest(
        "POST",
        "/production/register",
        "Register a production order's output",
        "One transaction, from in_progress only (a second registration is 409 and changes nothing): consume and waste movements from the default location at the moving-average cost (422 INSUFFICIENT_STOCK, all or nothing), leftover reservations released, the order done, the finished product created (reserved for the order it was made for), a high_waste alert per material whose waste passes alerts.wasteThresholdPercent, and the order moved to ready when all its production is done.",
      ),
    })
    .input(registerInput)
    .output(registerOutput)
    .mutation(async ({ ctx, input }) => {
      const { change, registered, orderChange } = await service.registerOutput(ctx.db, caller(ctx), input);
      await auditOrder(ctx, orderChange);
      await applied(ctx, Promise.resolve(change));
      return registered;
    }),

  traceMovement: authedProcedure
    .meta({
      permission: "production:read",
      openapi: rest(
        "GET",
        "/inventory/movements/{id}/trace",
        "Trace a stock movement back to its order and client",
        `Any movement: a consume or waste movement leads to its production order, order line, order and client; others have none. ${COST_NOTE}`,
      ),
    })
    .input(idInput("Stock movement"))
    .output(movementTraceOutput)
    .query(({ ctx, input }) => service.traceMovement(ctx.db, input.id, costs(ctx))),

  materialMetrics: authedProcedure
    .meta({
      permission: "production:read",
      openapi: rest(
        "GET",
        "/production/materials/metrics",
        "Waste and efficiency per material",
        `Over the registered production orders (optionally registered between two days): consumed, wasted, waste % = waste / (consumed + waste) and efficiency = 1 − waste cost / (consumed cost + waste cost). ${COST_NOTE}`,
      ),
    })
    .input(materialMetricsInput)
    .output(materialMetricsOutput)
    .query(({ ctx, input }) => service.materialMetrics(ctx.db, input, costs(ctx))),
} satisfies TRPCRouterRecord;
