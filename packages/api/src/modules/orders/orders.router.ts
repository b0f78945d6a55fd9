import type { TRPCRouterRecord } from "@trpc/server";
import { auditAlso } from "../../procedures/audit.js";
import { applied, record, removed } from "../../shared/changes.js";
import { asFileOutput, fileOutput, studioFile } from "../../shared/documents/file.js";
import { deletedOutput, idInput } from "../../shared/fields.js";
import { paginated } from "../../shared/list.js";
import { createPaymentInput } from "../../shared/payments.js";
import { rest } from "../../shared/rest.js";
import { type AuthedContext, authedProcedure } from "../../trpc.js";
import { clientOrdersInput, listOrdersInput, searchOrdersInput, statusOrdersInput } from "./list.schema.js";
import {
  createOrderInput,
  type PatchOrderInput,
  patchOrderInput,
  quoteInput,
  replaceOrderInput,
  transitionInput,
} from "./orders.schema.js";
import * as service from "./orders.service.js";
import {
  clientOrdersOutput,
  orderOutput,
  orderPaymentsOutput,
  orderSummaryOutput,
  quoteOutput,
} from "./output.schema.js";

const caller = (ctx: AuthedContext): service.Caller => ({
  userId: ctx.auth.user.id,
  permissions: ctx.auth.permissions,
});

const LIST_NOTE =
  "Paginated, newest first; filter by status, client, service, contract, late and a creation date range (days in the studio's time zone); search matches the number, the client's name, document and phone.";
const PRICE_NOTE =
  "Item lines take a service's, material's or contract package's name and price; frame lines are priced by the frame engine and keep their breakdown. A discount above system.discountLimitPercent needs prices:write (403). Costs are shown only to roles holding costs:read.";

const patch = (ctx: AuthedContext, { id, ...changes }: PatchOrderInput) =>
  applied(ctx, service.updateOrder(ctx.db, caller(ctx), id, changes));

export const ordersRouter = {
  list: authedProcedure
    .meta({ permission: "orders:read", openapi: rest("GET", "/orders", "List orders", LIST_NOTE) })
    .input(listOrdersInput)
    .output(paginated(orderSummaryOutput))
    .query(({ ctx, input }) => service.listOrders(ctx.db, input)),

  // Static paths before /orders/{id}: REST matches in declaration order.
  search: authedProcedure
    .meta({
      permission: "orders:read",
      openapi: rest("GET", "/orders/search", "Search orders", `\`q\` is the search term. ${LIST_NOTE}`),
    })
    .input(searchOrdersInput)
    .output(paginated(orderSummaryOutput))
    .query(({ ctx, input }) => service.listOrders(ctx.db, input)),

  quote: authedProcedure
    .meta({
      permission: "orders:read",
      errors: ["CONTRACT_NOT_ACTIVE"],
      openapi: rest(
        "POST",
        "/orders/quote",
        "Price lines without saving",
        `The create body without the client: the lines as an order would price them (frame breakdowns included) and the totals; nothing is saved. ${PRICE_NOTE}`,
      ),
    })
    .input(quoteInput)
    .output(quoteOutput)
    .query(({ ctx, input }) => service.quoteOrder(ctx.db, caller(ctx), input)),

  byStatus: authedProcedure
    .meta({
      permission: "orders:read",
      openapi: rest("GET", "/orders/status/{status}", "List orders in a state", LIST_NOTE),
    })
    .input(statusOrdersInput)
    .output(paginated(orderSummaryOutput))
    .query(({ ctx, input }) => service.listOrders(ctx.db, input)),

  byClient: authedProcedure
    .meta({
      permission: "orders:read",
      openapi: rest(
        "GET",
        "/clients/{id}/orders",
        "A client's order history",
        "The client's orders, paginated like the order list, with totals over all of them: sales count, open quotes, total spent, paid and balance due (sales are orders confirmed or later, not cancelled).",
      ),
    })
    .input(clientOrdersInput)
    .output(clientOrdersOutput)
    .query(({ ctx, input }) => service.clientOrders(ctx.db, input)),

  byId: authedProcedure
    .meta({ permission: "orders:read", openapi: rest("GET", "/orders/{id}", "Get an order") })
    .input(idInput("Order"))
    .output(orderOutput)
    .query(({ ctx, input }) => service.loadOrder(ctx.db, input.id, ctx.auth.permissions.has("costs:read"))),

  /**
   * The quote (a draft: "Proforma") or sale note ("Nota de venta") as a PDF; over tRPC in base64,
   * over REST the bytes at `GET /api/orders/{id}/pdf/` (apps/server/src/routes/download.ts).
   */
  pdf: authedProcedure
    .meta({
      permission: "orders:read",
      openapi: { ...rest("GET", "/orders/{id}/pdf", "Print an order"), enabled: false },
    })
    .input(idInput("Order"))
    .output(fileOutput)
    .query(async ({ ctx, input }) =>
      asFileOutput(await studioFile(ctx, "pdf", service.orderPrintable(ctx.db, input.id))),
    ),

  create: authedProcedure
    .meta({
      permission: "orders:write",
      created: true,
      errors: ["CONTRACT_NOT_ACTIVE"],
      openapi: rest(
        "POST",
        "/orders",
        "Create an order",
        `A draft (quote, proforma) numbered <prefix>-<year>-<sequence>. An order under a contract needs the contract active today and the student on its roster. ${PRICE_NOTE}`,
      ),
    })
    .input(createOrderInput)
    .output(orderOutput)
    .mutation(({ ctx, input }) => applied(ctx, service.createOrder(ctx.db, caller(ctx), input))),

  update: authedProcedure
    .meta({
      permission: "orders:write",
      errors: ["ILLEGAL_TRANSITION", "CONTRACT_NOT_ACTIVE", "OVERPAYMENT"],
      openapi: rest(
        "PUT",
        "/orders/{id}",
        "Replace a draft order",
        `The whole order, lines included, so only a draft can be replaced (409 otherwise; change a confirmed order's header with PATCH). ${PRICE_NOTE}`,
      ),
    })
    .input(replaceOrderInput)
    .output(orderOutput)
    .mutation(({ ctx, input: { id, ...order } }) => applied(ctx, service.replaceOrder(ctx.db, caller(ctx), id, order))),

  patch: authedProcedure
    .meta({
      permission: "orders:write",
      errors: ["ILLEGAL_TRANSITION", "CONTRACT_NOT_ACTIVE", "OVERPAYMENT"],
      openapi: rest(
        "PATCH",
        "/orders/{id}",
        "Update some fields of an order",
        `Priority, promised date, class and notes change until the order is delivered or cancelled; lines, discount, client, service and contract only on a draft (409 otherwise). The total cannot go below what was paid (422). ${PRICE_NOTE}`,
      ),
    })
    .input(patchOrderInput)
    .output(orderOutput)
    .mutation(({ ctx, input }) => patch(ctx, input)),

  delete: authedProcedure
    .meta({
      permission: "orders:write",
      errors: ["ILLEGAL_TRANSITION", "BUSINESS_RULE"],
      openapi: rest(
        "DELETE",
        "/orders/{id}",
        "Delete a draft order",
        "Only a draft with no payments (409 for any other state: cancel it; 422 when it has payments).",
      ),
    })
    .input(idInput("Order"))
    .output(deletedOutput)
    .mutation(({ ctx, input }) => removed(ctx, input.id, service.deleteOrder(ctx.db, caller(ctx), input.id))),

  payments: authedProcedure
    .meta({
      permission: "orders:read",
      openapi: rest(
        "GET",
        "/orders/{id}/payments",
        "List an order's payments",
        "Oldest first, with the total, paid and balance.",
      ),
    })
    .input(idInput("Order"))
    .output(orderPaymentsOutput)
    .query(({ ctx, input }) => service.listPayments(ctx.db, input.id)),

  addPayment: authedProcedure
    .meta({
      permission: "orders:write",
      created: true,
      errors: ["OVERPAYMENT", "REFUND_EXCEEDS_PAID", "ILLEGAL_TRANSITION"],
      openapi: rest(
        "POST",
        "/orders/{id}/payments",
        "Take a deposit, payment or refund",
        "Answers the order with its new paid and balance. Paid never goes above the total (422 OVERPAYMENT), a refund never above what was paid (422 REFUND_EXCEEDS_PAID); payments are never edited or deleted (a mistake is a refund). Deposits and payments while the order is open (draft to ready); refunds in any state.",
      ),
    })
    .input(createPaymentInput("Order"))
    .output(orderOutput)
    .mutation(({ ctx, input }) => applied(ctx, service.addPayment(ctx.db, caller(ctx), input))),

  transition: authedProcedure
    .meta({
      permission: "orders:write",
      errors: ["ILLEGAL_TRANSITION", "BUSINESS_RULE", "BALANCE_DUE", "CONTRACT_NOT_ACTIVE"],
      openapi: rest(
        "POST",
        "/orders/{id}/transition",
        "Move an order to another state",
        "draft → confirmed → in_production → ready → delivered; confirmed → ready when it has no frames to make (422 otherwise); draft or confirmed → cancelled; in_production → cancelled needs orders:cancel (403) and a reason (400). Delivery needs the balance paid (422 BALANCE_DUE). Any other move is 409 ILLEGAL_TRANSITION and changes nothing.",
      ),
    })
    .input(transitionInput)
    .output(orderOutput)
    .mutation(async ({ ctx, input }) => {
      const { cascade, ...change } = await service.transitionOrder(ctx.db, caller(ctx), input);
      // What a cancellation cancelled and released: each its own row, as if moved by hand.
      for (const work of cascade.production) await auditAlso(ctx, "production.transition", "production", work);
      for (const piece of cascade.products) await auditAlso(ctx, "products.transition", "products", piece);
      record(ctx, change);
      return change.after;
    }),
} satisfies TRPCRouterRecord;
