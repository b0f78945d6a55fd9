import type { TRPCRouterRecord } from "@trpc/server";
import { applied, removed } from "../../shared/changes.js";
import { deletedOutput, idInput } from "../../shared/fields.js";
import { paginated } from "../../shared/list.js";
import { rest } from "../../shared/rest.js";
import { type AuthedContext, authedProcedure } from "../../trpc.js";
import {
  createEntryInput,
  entryOutput,
  listEntriesInput,
  type PatchEntryInput,
  patchEntryInput,
  replaceEntryInput,
} from "./entries.schema.js";
import * as entries from "./entries.service.js";

const entryUpdate = (ctx: AuthedContext, { id, ...changes }: PatchEntryInput) =>
  applied(ctx, entries.updateEntry(ctx.db, id, changes));

const ENTRY_NOTE = "A key already in use is 409 CONFLICT; a value over 16 KB as JSON is a 400 on `value`.";

/** The seed's free key/value entries (`/config`, `/config/{id}`), for integrators. */
export const entryProcedures = {
  list: authedProcedure
    .meta({
      permission: "config:read",
      openapi: rest(
        "GET",
        "/config",
        "List the key/value entries",
        "Free entries for integrators, paginated; `key` picks one by its key, search matches key and description.",
      ),
    })
    .input(listEntriesInput)
    .output(paginated(entryOutput))
    .query(({ ctx, input }) => entries.listEntries(ctx.db, input)),

  byId: authedProcedure
    .meta({ permission: "config:read", openapi: rest("GET", "/config/{id}", "Get a key/value entry") })
    .input(idInput("Config entry"))
    .output(entryOutput)
    .query(({ ctx, input }) => entries.getEntry(ctx.db, input.id)),

  create: authedProcedure
    .meta({
      permission: "config:write",
      created: true,
      errors: ["CONFLICT"],
      openapi: rest("POST", "/config", "Create a key/value entry", ENTRY_NOTE),
    })
    .input(createEntryInput)
    .output(entryOutput)
    .mutation(({ ctx, input }) => applied(ctx, entries.createEntry(ctx.db, input))),

  update: authedProcedure
    .meta({
      permission: "config:write",
      errors: ["CONFLICT"],
      openapi: rest(
        "PUT",
        "/config/{id}",
        "Replace a key/value entry",
        `An omitted description becomes empty. ${ENTRY_NOTE}`,
      ),
    })
    .input(replaceEntryInput)
    .output(entryOutput)
    .mutation(({ ctx, input }) => entryUpdate(ctx, input)),

  patch: authedProcedure
    .meta({
      permission: "config:write",
      errors: ["CONFLICT"],
      openapi: rest("PATCH", "/config/{id}", "Update some fields of a key/value entry", ENTRY_NOTE),
    })
    .input(patchEntryInput)
    .output(entryOutput)
    .mutation(({ ctx, input }) => entryUpdate(ctx, input)),

  delete: authedProcedure
    .meta({ permission: "config:write", openapi: rest("DELETE", "/config/{id}", "Delete a key/value entry") })
    .input(idInput("Config entry"))
    .output(deletedOutput)
    .mutation(({ ctx, input }) => removed(ctx, input.id, entries.deleteEntry(ctx.db, input.id))),
} satisfies TRPCRouterRecord;
