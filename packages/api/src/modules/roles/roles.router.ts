import type { TRPCRouterRecord } from "@trpc/server";
import { sessionsChanged } from "../../sessions/session-cache.js";
import { applied, removed } from "../../shared/changes.js";
import { deletedOutput, emptyInput, idInput } from "../../shared/fields.js";
import { paginated } from "../../shared/list.js";
import { rest } from "../../shared/rest.js";
import { type AuthedContext, authedProcedure } from "../../trpc.js";
import {
  createRoleInput,
  listRolesInput,
  type PatchRoleInput,
  patchRoleInput,
  permissionListOutput,
  replaceRoleInput,
  roleOutput,
} from "./roles.schema.js";
import * as service from "./roles.service.js";

const customOnly =
  "Custom roles only: a system role (owner, manager, sales, production, viewer) answers 422 BUSINESS_RULE. You cannot grant permissions you lack (403). Users with the role get the new permissions on their next request.";

/** PUT and PATCH: the same change, a whole or a partial role. */
const update = (ctx: AuthedContext, { id, ...changes }: PatchRoleInput) => {
  sessionsChanged(ctx); // its users' sessions carry its permissions
  return applied(ctx, service.updateRole(ctx.db, ctx.auth, id, changes));
};

export const rolesRouter = {
  list: authedProcedure
    .meta({
      permission: "roles:read",
      openapi: rest(
        "GET",
        "/roles",
        "List roles",
        "System and custom roles, each with its permissions and how many users have it.",
      ),
    })
    .input(listRolesInput)
    .output(paginated(roleOutput))
    .query(({ ctx, input }) => service.listRoles(ctx.db, input)),

  // Declared before byId: REST matches paths in order, and /roles/{id} would take "permissions".
  permissions: authedProcedure
    .meta({
      permission: "roles:read",
      openapi: rest("GET", "/roles/permissions", "List the permissions a role can hold"),
    })
    .input(emptyInput)
    .output(permissionListOutput)
    .query(() => service.listPermissions()),

  byId: authedProcedure
    .meta({ permission: "roles:read", openapi: rest("GET", "/roles/{id}", "Get a role") })
    .input(idInput("Role"))
    .output(roleOutput)
    .query(({ ctx, input }) => service.getRole(ctx.db, input.id)),

  create: authedProcedure
    .meta({
      errors: ["CONFLICT"],
      permission: "roles:write",
      created: true,
      openapi: rest(
        "POST",
        "/roles",
        "Create a custom role",
        "Every permission must come from /api/roles/permissions/ (else 400 naming the unknown ones); a key already in use is 409 CONFLICT. You cannot grant permissions you lack (403).",
      ),
    })
    .input(createRoleInput)
    .output(roleOutput)
    .mutation(({ ctx, input }) => service.createRole(ctx.db, ctx.auth, input)),

  update: authedProcedure
    .meta({
      errors: ["BUSINESS_RULE"],
      permission: "roles:write",
      openapi: rest(
        "PUT",
        "/roles/{id}",
        "Replace a custom role's name, description and permissions",
        `The key cannot change. ${customOnly}`,
      ),
    })
    .input(replaceRoleInput)
    .output(roleOutput)
    .mutation(({ ctx, input }) => update(ctx, input)),

  patch: authedProcedure
    .meta({
      errors: ["BUSINESS_RULE"],
      permission: "roles:write",
      openapi: rest("PATCH", "/roles/{id}", "Update some fields of a custom role", customOnly),
    })
    .input(patchRoleInput)
    .output(roleOutput)
    .mutation(({ ctx, input }) => update(ctx, input)),

  delete: authedProcedure
    .meta({
      errors: ["CONFLICT", "BUSINESS_RULE"],
      permission: "roles:write",
      openapi: rest(
        "DELETE",
        "/roles/{id}",
        "Delete a custom role",
        "Only when no user (active or not) has it: otherwise 409 CONFLICT. A system role answers 422 BUSINESS_RULE.",
      ),
    })
    .input(idInput("Role"))
    .output(deletedOutput)
    .mutation(({ ctx, input }) => {
      sessionsChanged(ctx);
      return removed(ctx, input.id, service.deleteRole(ctx.db, ctx.auth, input.id));
    }),
} satisfies TRPCRouterRecord;
