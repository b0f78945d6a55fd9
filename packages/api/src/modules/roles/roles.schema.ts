import { roles } from "@fotostudio/db";
import { z } from "zod";
import { PERMISSIONS } from "../../permissions.js";
import { optionalText, id as recordId, text } from "../../shared/fields.js";
import { pageInput, sortable } from "../../shared/list.js";

const id = recordId("Role");

const permission = z.enum(PERMISSIONS, {
  error: (issue) => `Unknown permission ${JSON.stringify(issue.input)}; see /api/roles/permissions/`,
});
const permissions = z
  .array(permission)
  .max(PERMISSIONS.length * 2)
  .transform((list) => [...new Set(list)].sort())
  .describe("What users with this role may do, `<module>:<action>`; the list is at /api/roles/permissions/");

const name = text(100, "Display name").meta({ example: "Front desk (evenings)" });
const description = optionalText(500, "What the role is for").meta({ example: "Reception on the evening shift" });

export const roleSort = sortable({ id: roles.id, key: roles.key, name: roles.name, createdAt: roles.createdAt }, "id");

export const listRolesInput = pageInput.extend({
  // The description sits inside .optional(): trpc-to-openapi unwraps it and drops what is on it.
  search: z.string().trim().max(100).describe("Free-text search on key and name").optional(),
  ordering: roleSort.ordering,
});
export type ListRolesInput = z.infer<typeof listRolesInput>;

export const createRoleInput = z.object({
  key: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z][a-z0-9-]{1,49}$/, "a slug: lower-case letters, digits and -, starting with a letter")
    .describe("Slug naming the role in the API (users' `role`); cannot change later")
    .meta({ example: "evening-desk" }),
  name,
  description,
  permissions,
});
export type CreateRoleInput = z.infer<typeof createRoleInput>;

/** PUT: the key stays; everything else is replaced. */
export const replaceRoleInput = z.object({ id, name, description, permissions });

export const patchRoleInput = z.object({
  id,
  name: name.optional(),
  description: description.optional(),
  permissions: permissions.optional(),
});
export type PatchRoleInput = z.infer<typeof patchRoleInput>;
export type RoleChanges = Omit<PatchRoleInput, "id">;

export const roleOutput = z
  .object({
    id: z.number().int(),
    key: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    isSystem: z
      .boolean()
      .describe("Seeded role: its permissions are defined by the release and cannot be edited")
      .meta({ example: false }),
    permissions: z.array(z.string()).meta({ example: ["clients:read", "clients:write"] }),
    userCount: z.number().int().describe("Users (active or not) that have this role"),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: "Role" });
export type RoleView = z.infer<typeof roleOutput>;

export const permissionOutput = z
  .object({
    key: z.string().describe("`<module>:<action>`").meta({ example: "clients:read" }),
    module: z.string().meta({ example: "clients" }),
    action: z.string().meta({ example: "read" }),
  })
  .meta({ id: "Permission" });

export const permissionListOutput = z.array(permissionOutput);
