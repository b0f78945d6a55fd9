import { z } from "zod";
import { PERMISSIONS } from "../../permissions.js";
import { orderingInput, pageInput } from "../../shared/pagination.js";

const id = z.number().int().positive().describe("Role id");

const permission = z.enum(PERMISSIONS, {
  error: (issue) => `Unknown permission ${JSON.stringify(issue.input)}; see /api/roles/permissions/`,
});
const permissions = z
  .array(permission)
  .max(PERMISSIONS.length * 2)
  .transform((list) => [...new Set(list)].sort())
  .describe("What users with this role may do, `<module>:<action>`; the list is at /api/roles/permissions/");

const name = z.string().trim().min(1).max(100).describe("Display name");
const description = z
  .string()
  .trim()
  .max(500)
  .nullish()
  .transform((v) => v || null)
  .describe("What the role is for");

export const listRolesInput = pageInput.extend({
  // The description sits inside .optional(): trpc-to-openapi unwraps it and drops what is on it.
  search: z.string().trim().max(100).describe("Free-text search on key and name").optional(),
  ordering: orderingInput(["id", "key", "name", "createdAt"] as const, "id"),
});
export type ListRolesInput = z.infer<typeof listRolesInput>;

export const createRoleInput = z.object({
  key: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z][a-z0-9-]{1,49}$/, "a slug: lower-case letters, digits and -, starting with a letter")
    .describe("Slug naming the role in the API (users' `role`); cannot change later"),
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
export type RoleChanges = Omit<z.infer<typeof patchRoleInput>, "id">;

export const roleOutput = z
  .object({
    id: z.number().int(),
    key: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    isSystem: z.boolean().describe("Seeded role: its permissions are defined by the release and cannot be edited"),
    permissions: z.array(z.string()),
    userCount: z.number().int().describe("Users (active or not) that have this role"),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: "Role" });
export type RoleView = z.infer<typeof roleOutput>;

export const permissionOutput = z
  .object({
    key: z.string().describe("`<module>:<action>`"),
    module: z.string(),
    action: z.string(),
  })
  .meta({ id: "Permission" });
