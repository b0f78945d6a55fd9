import type { TRPCRouterRecord } from "@trpc/server";
import { auditAlso } from "../../procedures/audit.js";
import { applied, record, removed } from "../../shared/changes.js";
import { deletedOutput, idInput } from "../../shared/fields.js";
import { paginated } from "../../shared/list.js";
import { rest } from "../../shared/rest.js";
import { type AuthedContext, authedProcedure } from "../../trpc.js";
import {
  createProductInput,
  listProductsInput,
  locationProductsInput,
  type PatchProductInput,
  patchProductInput,
  productOutput,
  replaceProductInput,
  sellProductInput,
  statusProductsInput,
  transitionProductInput,
} from "./products.schema.js";
import * as service from "./products.service.js";

/** PUT and PATCH: the same change, a whole or a partial product. */
const update = (ctx: AuthedContext, { id, ...changes }: PatchProductInput, whole: boolean) =>
  applied(ctx, service.updateProduct(ctx.db, id, changes, { whole }));

const FIELDS =
  "`locationId` must be an internal, active location (404 unknown, 422 virtual or inactive); with neither it nor `shelf` the product is kept at the default location. `code` is unique (409); omitted, it is generated as PT-<year>-<sequence>.";

export const productsRouter = {
  list: authedProcedure
    .meta({
      permission: "products:read",
      openapi: rest(
        "GET",
        "/products",
        "List finished products",
        "Paginated; search matches code, description and shelf; filters by status, kind and order (made for, reserved for or sold under it).",
      ),
    })
    .input(listProductsInput)
    .output(paginated(productOutput))
    .query(({ ctx, input }) => service.listProducts(ctx.db, input)),

  // Declared before byId: REST matches paths in order.
  byStatus: authedProcedure
    .meta({
      permission: "products:read",
      openapi: rest("GET", "/products/status/{status}", "List finished products in a state"),
    })
    .input(statusProductsInput)
    .output(paginated(productOutput))
    .query(({ ctx, input }) => service.listProducts(ctx.db, input)),

  byLocation: authedProcedure
    .meta({
      permission: "products:read",
      openapi: rest(
        "GET",
        "/products/location/{location}",
        "List the products kept at a location or shelf",
        "`location` is an internal location's id (digits) or code (PRINCIPAL), else a shelf text; 404 NOT_FOUND when it names no internal location and no product's shelf.",
      ),
    })
    .input(locationProductsInput)
    .output(paginated(productOutput))
    .query(({ ctx, input }) => service.listByLocation(ctx.db, input)),

  byId: authedProcedure
    .meta({ permission: "products:read", openapi: rest("GET", "/products/{id}", "Get a finished product") })
    .input(idInput("Product"))
    .output(productOutput)
    .query(({ ctx, input }) => service.getProduct(ctx.db, input.id)),

  create: authedProcedure
    .meta({
      permission: "products:write",
      created: true,
      errors: ["CONFLICT", "BUSINESS_RULE"],
      openapi: rest(
        "POST",
        "/products",
        "Enter a finished product",
        `A piece entered by hand (production's register creates the ones it makes). It starts available, or reserved when \`orderId\` is given (the order must exist and be neither cancelled nor delivered). ${FIELDS}`,
      ),
    })
    .input(createProductInput)
    .output(productOutput)
    .mutation(({ ctx, input }) => applied(ctx, service.addProduct(ctx.db, input))),

  update: authedProcedure
    .meta({
      permission: "products:write",
      errors: ["CONFLICT", "BUSINESS_RULE"],
      openapi: rest(
        "PUT",
        "/products/{id}",
        "Replace a finished product",
        `Every editable field is set: omitted optional fields become empty, an omitted code is kept. Status and order change through sell and transition. The price is fixed once sold (409). ${FIELDS}`,
      ),
    })
    .input(replaceProductInput)
    .output(productOutput)
    .mutation(({ ctx, input }) => update(ctx, input, true)),

  patch: authedProcedure
    .meta({
      permission: "products:write",
      errors: ["CONFLICT", "BUSINESS_RULE"],
      openapi: rest(
        "PATCH",
        "/products/{id}",
        "Update some fields of a finished product",
        `Only the fields sent change. ${FIELDS}`,
      ),
    })
    .input(patchProductInput)
    .output(productOutput)
    .mutation(({ ctx, input }) => update(ctx, input, false)),

  delete: authedProcedure
    .meta({
      permission: "products:write",
      errors: ["CONFLICT"],
      openapi: rest(
        "DELETE",
        "/products/{id}",
        "Delete a finished product",
        "Only a piece entered by hand and never sold (409 CONFLICT for one a production order made, or one sold: their history keeps them).",
      ),
    })
    .input(idInput("Product"))
    .output(deletedOutput)
    .mutation(({ ctx, input }) => removed(ctx, input.id, service.deleteProduct(ctx.db, input.id))),

  sell: authedProcedure
    .meta({
      permission: "products:write",
      errors: ["CONFLICT", "ILLEGAL_TRANSITION", "BUSINESS_RULE"],
      openapi: rest(
        "POST",
        "/products/sell/{id}",
        "Sell a finished product",
        "From available, or reserved for the same order (`orderId`; the order confirmed, in production or ready, 422 otherwise). Idempotent for the same order: selling again under it answers the sold product, 200, nothing written. 409 CONFLICT when it was sold otherwise or is reserved for another order, 409 ILLEGAL_TRANSITION when damaged. Concurrent sells sell it once. When the order is ready, all its products are sold and its balance is paid, the order (and its products) become delivered; with a balance due the order stays ready.",
      ),
    })
    .input(sellProductInput)
    .output(productOutput)
    .mutation(async ({ ctx, input }) => {
      const sale = await service.sellProduct(
        ctx.db,
        { userId: ctx.auth.user.id, permissions: ctx.auth.permissions },
        input,
      );
      record(ctx, sale);
      // The order's delivery is a transition of its own: its own audit row, as if made by hand,
      // and so is each other product it delivered (this one's row is the sale's).
      if (sale.delivered) {
        await auditAlso(ctx, "orders.transition", "orders", sale.delivered);
        for (const piece of sale.delivered.cascade.products)
          if (piece.after.id !== sale.after.id) await auditAlso(ctx, "products.transition", "products", piece);
      }
      return sale.after;
    }),

  transition: authedProcedure
    .meta({
      permission: "products:write",
      errors: ["ILLEGAL_TRANSITION", "BUSINESS_RULE"],
      openapi: rest(
        "POST",
        "/products/{id}/transition",
        "Move a finished product through its states",
        "available → reserved (for `orderId`), reserved → available (released, its order link cleared), sold → delivered, available → damaged (`reason` kept in the audit log). Selling is `sell`. Any other move: 409 ILLEGAL_TRANSITION, nothing changes.",
      ),
    })
    .input(transitionProductInput)
    .output(productOutput)
    .mutation(async ({ ctx, input }) => {
      const change = await service.transitionProduct(ctx.db, input);
      record(ctx, { before: change.before, after: { ...change.after, reason: input.reason ?? null } });
      return change.after;
    }),
} satisfies TRPCRouterRecord;
