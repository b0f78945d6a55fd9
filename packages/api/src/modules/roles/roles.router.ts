import { z } from "zod";
import { PERMISSIONS } from "../../permissions.js";
import { rest } from "../../shared/openapi-meta.js";
import { idInput, paginated } from "../../shared/pagination.js";
import { authedProcedure, router } from "../../trpc.js";
import {
  createRoleInput,
  listRolesInput,
  patchRoleInput,
  permissionOutput,
  replaceRoleInput,
  roleOutput,
} from "./roles.schema.js";
import * as service from "./roles.service.js";

const tags = ["roles"];
const customOnly =
  "Custom roles only: a system role (owner, manager, sales, production, viewer) answers 422 BUSINESS_RULE. You cannot grant permissions you lack (403). Users with the role get the new permissions on their next request.";

export const rolesRouter = router({
  list: authedProcedure
    .meta({
      permission: "roles:read",
      openapi: rest("GET", "/roles", "List roles", {
        tags,
        description: "System and custom roles, each with its permissions and how many users have it.",
      }),
    })
    .input(listRolesInput)
    .output(paginated(roleOutput))
    .query(({ ctx, input }) => service.listRoles(ctx.db, input)),

  // Declared before byId: REST matches paths in order, and /roles/{id} would take "permissions".
  permissions: authedProcedure
    .meta({
      permission: "roles:read",
      openapi: rest("GET", "/roles/permissions", "List the permissions a role can hold", { tags }),
    })
    .input(z.object({}).optional())
    .output(z.array(permissionOutput))
    .query(() =>
      PERMISSIONS.map((key) => {
        const [module = key, action = ""] = key.split(":");
        return { key, module, action };
      }),
    ),

  byId: authedProcedure
    .meta({ permission: "roles:read", openapi: rest("GET", "/roles/{id}", "Get a role", { tags }) })
    .input(idInput)
    .output(roleOutput)
    .query(({ ctx, input }) => service.getRole(ctx.db, input.id)),

  create: authedProcedure
    .meta({
      permission: "roles:write",
      created: true,
      openapi: rest("POST", "/roles", "Create a custom role", {
        tags,
        description:
          "Every permission must come from /api/roles/permissions/ (else 400 naming the unknown ones); a key already in use is 409 CONFLICT. You cannot grant permissions you lack (403).",
      }),
    })
    .input(createRoleInput)
    .output(roleOutput)
    .mutation(({ ctx, input }) => service.createRole(ctx.db, service.grantorOf(ctx.auth), input)),

  update: authedProcedure
    .meta({
      permission: "roles:write",
      openapi: rest("PUT", "/roles/{id}", "Replace a custom role's name, description and permissions", {
        tags,
        description: `The key cannot change. ${customOnly}`,
      }),
    })
    .input(replaceRoleInput)
    .output(roleOutput)
    .mutation(async ({ ctx, input: { id, ...fields } }) => {
      ctx.audit.before = await service.getRole(ctx.db, id);
      return service.updateRole(ctx.db, service.grantorOf(ctx.auth), id, fields);
    }),

  patch: authedProcedure
    .meta({
      permission: "roles:write",
      openapi: rest("PATCH", "/roles/{id}", "Update some fields of a custom role", { tags, description: customOnly }),
    })
    .input(patchRoleInput)
    .output(roleOutput)
    .mutation(async ({ ctx, input: { id, ...changes } }) => {
      ctx.audit.before = await service.getRole(ctx.db, id);
      return service.updateRole(ctx.db, service.grantorOf(ctx.auth), id, changes);
    }),

  delete: authedProcedure
    .meta({
      permission: "roles:write",
      openapi: rest("DELETE", "/roles/{id}", "Delete a custom role", {
        tags,
        description:
          "Only when no user (active or not) has it: otherwise 409 CONFLICT. A system role answers 422 BUSINESS_RULE.",
      }),
    })
    .input(idInput)
    .output(z.object({ id: z.number().int(), deleted: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      ctx.audit.before = await service.deleteRole(ctx.db, service.grantorOf(ctx.auth), input.id);
      ctx.audit.after = null;
      return { id: input.id, deleted: true as const };
    }),
});
