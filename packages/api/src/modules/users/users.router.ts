import { rest } from "../../shared/openapi-meta.js";
import { idInput, paginated } from "../../shared/pagination.js";
import { authedProcedure, router } from "../../trpc.js";
import { grantorOf } from "../roles/roles.service.js";
import {
  createUserInput,
  deleteUserOutput,
  listUsersInput,
  patchUserInput,
  replaceUserInput,
  userOutput,
} from "./users.schema.js";
import * as service from "./users.service.js";

const tags = ["users"];
const rules =
  "A user cannot deactivate themselves (422 BUSINESS_RULE). The last active owner cannot be deactivated or given another role (409 LAST_OWNER). Deactivating ends the user's sessions; a new role applies from their next request.";

export const usersRouter = router({
  list: authedProcedure
    .meta({
      permission: "users:read",
      openapi: rest("GET", "/users", "List users", {
        tags,
        description: "The studio's staff, paginated; search matches name and e-mail.",
      }),
    })
    .input(listUsersInput)
    .output(paginated(userOutput))
    .query(({ ctx, input }) => service.listUsers(ctx.db, input)),

  byId: authedProcedure
    .meta({ permission: "users:read", openapi: rest("GET", "/users/{id}", "Get a user", { tags }) })
    .input(idInput)
    .output(userOutput)
    .query(({ ctx, input }) => service.getUser(ctx.db, input.id)),

  create: authedProcedure
    .meta({
      permission: "users:write",
      created: true,
      openapi: rest("POST", "/users", "Create a user", {
        tags,
        description:
          "With a role (by key) and an initial password. A weak password is a 400 on `password`; an e-mail already in use, 409 CONFLICT. You cannot give a role holding permissions you lack (403).",
      }),
    })
    .input(createUserInput)
    .output(userOutput)
    .mutation(({ ctx, input }) => service.createUser(ctx.db, grantorOf(ctx.auth), input)),

  update: authedProcedure
    .meta({
      permission: "users:write",
      openapi: rest("PUT", "/users/{id}", "Replace a user's name, phone, language, role and state", {
        tags,
        description: `Omitted phone becomes empty, omitted language \`es\`; an omitted isActive is left as it is. ${rules}`,
      }),
    })
    .input(replaceUserInput)
    .output(userOutput)
    .mutation(async ({ ctx, input: { id, ...fields } }) => {
      ctx.audit.before = await service.getUser(ctx.db, id);
      return service.updateUser(ctx.db, grantorOf(ctx.auth), id, fields);
    }),

  patch: authedProcedure
    .meta({
      permission: "users:write",
      openapi: rest("PATCH", "/users/{id}", "Update some fields of a user", { tags, description: rules }),
    })
    .input(patchUserInput)
    .output(userOutput)
    .mutation(async ({ ctx, input: { id, ...changes } }) => {
      ctx.audit.before = await service.getUser(ctx.db, id);
      return service.updateUser(ctx.db, grantorOf(ctx.auth), id, changes);
    }),

  delete: authedProcedure
    .meta({
      permission: "users:write",
      openapi: rest("DELETE", "/users/{id}", "Delete a user", {
        tags,
        description:
          "A user with history (a login, an audited action) is deactivated instead, and the answer says so (`deleted: false, deactivated: true`). You cannot delete yourself (422 BUSINESS_RULE) nor the last active owner (409 LAST_OWNER).",
      }),
    })
    .input(idInput)
    .output(deleteUserOutput)
    .mutation(async ({ ctx, input }) => {
      ctx.audit.before = await service.getUser(ctx.db, input.id);
      const outcome = await service.deleteUser(ctx.db, grantorOf(ctx.auth), input.id);
      if (outcome.deleted) ctx.audit.after = null;
      return outcome;
    }),
});
