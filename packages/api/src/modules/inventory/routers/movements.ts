import type { TRPCRouterRecord } from "@trpc/server";
import { applied } from "../../../shared/changes.js";
import { idInput } from "../../../shared/fields.js";
import { paginated } from "../../../shared/list.js";
import { rest } from "../../../shared/rest.js";
import { type AuthedContext, authedProcedure } from "../../../trpc.js";
import {
  countInput,
  countOutput,
  createMovementInput,
  ledgerInput,
  ledgerOutput,
  listMovementsInput,
  movementOutput,
  reverseMovementInput,
} from "../schema/movements.js";
import { createCount } from "../service/counts.js";
import { materialLedger } from "../service/ledger.js";
import { createMovement, getMovement, listMovements, reverseMovement, toMovement } from "../service/movements.js";

const seesCosts = (ctx: AuthedContext) => ctx.auth.permissions.has("costs:read");
const created = <T>(after: Promise<T>) => after.then((row) => ({ before: null, after: row }));

const MOVE_NOTE =
  "Movements are the only way stock changes, and are never edited or deleted: a mistake is corrected by a reversing movement. Stock never goes below what is available (on hand − reserved): 422 INSUFFICIENT_STOCK with `details { materialId, requested, available }`, and nothing is saved. consume and waste come only from production (POST /production/register/): any other type is 400.";

export const movementProcedures = {
  movements: authedProcedure
    .meta({
      permission: "inventory:read",
      openapi: rest(
        "GET",
        "/inventory/movements",
        "List stock movements",
        "The ledger, newest first by default; filter by material, location (from or to), type and production order; search matches the reason. unitCost only with costs:read.",
      ),
    })
    .input(listMovementsInput)
    .output(paginated(movementOutput))
    .query(async ({ ctx, input }) => {
      const page = await listMovements(ctx.db, input);
      return { ...page, results: page.results.map((row) => toMovement(row, seesCosts(ctx))) };
    }),

  createMovement: authedProcedure
    .meta({
      permission: "inventory:write",
      created: true,
      errors: ["INSUFFICIENT_STOCK"],
      openapi: rest(
        "POST",
        "/inventory/movements",
        "Post a stock movement (receipt, adjust, return, transfer)",
        MOVE_NOTE,
      ),
    })
    .input(createMovementInput)
    .output(movementOutput)
    .mutation(async ({ ctx, input }) =>
      toMovement(await applied(ctx, created(createMovement(ctx.db, input, ctx.auth.user.id))), seesCosts(ctx)),
    ),

  movement: authedProcedure
    .meta({ permission: "inventory:read", openapi: rest("GET", "/inventory/movements/{id}", "Get a stock movement") })
    .input(idInput("Movement"))
    .output(movementOutput)
    .query(async ({ ctx, input }) => toMovement(await getMovement(ctx.db, input.id), seesCosts(ctx))),

  reverseMovement: authedProcedure
    .meta({
      permission: "inventory:write",
      created: true,
      errors: ["INSUFFICIENT_STOCK", "ILLEGAL_TRANSITION"],
      openapi: rest(
        "POST",
        "/inventory/movements/{id}/reverse",
        "Correct a movement with a reversing one",
        "Posts the same quantity the other way, pointing at the movement it corrects (`reversesId`); the original stays. Once per movement; a correction, or a production order's consume/waste movement, is not reversed here: 409 ILLEGAL_TRANSITION. A reversed receipt takes its cost out of the moving average.",
      ),
    })
    .input(reverseMovementInput)
    .output(movementOutput)
    .mutation(async ({ ctx, input }) =>
      toMovement(
        await applied(ctx, created(reverseMovement(ctx.db, input.id, input.reason, ctx.auth.user.id))),
        seesCosts(ctx),
      ),
    ),

  count: authedProcedure
    .meta({
      permission: "inventory:write",
      created: true,
      errors: ["INSUFFICIENT_STOCK"],
      openapi: rest(
        "POST",
        "/inventory/counts",
        "Record a physical count",
        "What was found per material and location (default: the default location) becomes adjustment movements for the differences, in one transaction, with the count as their reason. Counting less than is reserved for production is 422 INSUFFICIENT_STOCK.",
      ),
    })
    .input(countInput)
    .output(countOutput)
    .mutation(async ({ ctx, input }) => {
      const done = await applied(ctx, created(createCount(ctx.db, input, ctx.auth.user.id)));
      return { ...done, movements: done.movements.map((row) => toMovement(row, seesCosts(ctx))) };
    }),

  ledger: authedProcedure
    .meta({
      permission: "inventory:read",
      openapi: rest(
        "GET",
        "/inventory/materials/{id}/ledger",
        "A material's ledger with its running balance",
        "The material's movements, oldest first, each with its change to on hand and the balance after it (over every internal location, or one with locationId), paginated.",
      ),
    })
    .input(ledgerInput)
    .output(ledgerOutput)
    .query(({ ctx, input }) => materialLedger(ctx.db, input, seesCosts(ctx))),
} satisfies TRPCRouterRecord;
