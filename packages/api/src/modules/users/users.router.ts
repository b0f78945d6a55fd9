import type { TRPCRouterRecord } from "@trpc/server";
import { sessionsChanged } from "../../sessions/session-cache.js";
import { applied, record } from "../../shared/changes.js";
import { idInput } from "../../shared/fields.js";
import { paginated } from "../../shared/list.js";
import { rest } from "../../shared/rest.js";
import { type AuthedContext, authedProcedure } from "../../trpc.js";
import {
  createUserInput,
  deleteUserOutput,
  listUsersInput,
  type PatchUserInput,
  patchUserInput,
  replaceUserInput,
  userOutput,
} from "./users.schema.js";
import * as service from "./users.service.js";

const rules =
  "A user cannot deactivate themselves (422 BUSINESS_RULE). The last active owner cannot be deactivated or given another role (409 LAST_OWNER). Deactivating ends the user's sessions; a new role applies from their next request.";

/** PUT and PATCH: the same change, a whole or a partial user. */
const update = (ctx: AuthedContext, { id, ...changes }: PatchUserInput) => {
  sessionsChanged(ctx); // the user's sessions carry their name, role and state
  return applied(ctx, service.updateUser(ctx.db, ctx.auth, id, changes));
};

export const usersRouter = {
  list: authedProcedure
    .meta({
      permission: "users:read",
      openapi: rest("GET", "/users", "List users", "The studio's staff, paginated; search matches name and e-mail."),
    })
    .input(listUsersInput)
    .output(paginated(userOutput))
    .query(({ ctx, input }) => service.listUsers(ctx.db, input)),

  byId: authedProcedure
    .meta({ permission: "users:read", openapi: rest("GET", "/users/{id}", "Get a user") })
    .input(idInput("User"))
    .output(userOutput)
    .query(({ ctx, input }) => service.getUser(ctx.db, input.id)),

  create: authedProcedure
    .meta({
      errors: ["CONFLICT"],
      permission: "users:write",
      created: true,
      openapi: rest(
        "POST",
        "/users",
        "Create a user",
        "With a role (by key) and an initial password. A weak password is a 400 on `password`; an e-mail already in use, 409 CONFLICT. You cannot give a role holding permissions you lack (403).",
      ),
    })
    .input(createUserInput)
    .output(userOutput)
    .mutation(({ ctx, input }) => service.createUser(ctx.db, ctx.auth, input)),

  update: authedProcedure
    .meta({
      errors: ["LAST_OWNER", "BUSINESS_RULE"],
      permission: "users:write",
      openapi: rest(
        "PUT",
        "/users/{id}",
        "Replace a user's name, phone, language, role and state",
        `Omitted phone becomes empty, omitted language \`es\`; an omitted isActive is left as it is. ${rules}`,
      ),
    })
    .input(replaceUserInput)
    .output(userOutput)
    .mutation(({ ctx, input }) => update(ctx, input)),

  patch: authedProcedure
    .meta({
      errors: ["LAST_OWNER", "BUSINESS_RULE"],
      permission: "users:write",
      openapi: rest("PATCH", "/users/{id}", "Update some fields of a user", rules),
    })
    .input(patchUserInput)
    .output(userOutput)
    .mutation(({ ctx, input }) => update(ctx, input)),

  delete: authedProcedure
    .meta({
      errors: ["LAST_OWNER", "BUSINESS_RULE"],
      permission: "users:write",
      openapi: rest(
        "DELETE",
        "/users/{id}",
        "Delete a user",
        "A user with history (a login, an audited action) is deactivated instead, and the answer says so (`deleted: false, deactivated: true`). You cannot delete yourself (422 BUSINESS_RULE) nor the last active owner (409 LAST_OWNER).",
      ),
    })
    .input(idInput("User"))
    .output(deleteUserOutput)
    .mutation(async ({ ctx, input }) => {
      sessionsChanged(ctx);
      const { outcome, ...change } = await service.deleteUser(ctx.db, ctx.auth, input.id);
      record(ctx, change);
      return outcome;
    }),
} satisfies TRPCRouterRecord;
