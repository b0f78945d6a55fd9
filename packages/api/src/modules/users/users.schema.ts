import { users } from "@fotostudio/db";
import { z } from "zod";
import { email, flag, id, language, phone, text } from "../../shared/fields.js";
import { pageInput, sortable } from "../../shared/list.js";

/** Roles are named by their key (`owner`, `sales`, a custom role's slug): stable and readable in forms. */
const roleKey = z
  .string()
  .trim()
  .min(1)
  .max(50)
  .describe("Role key: owner, manager, sales, production, viewer or a custom role's key")
  .meta({ example: "sales" });

const name = text(200, "Full name").meta({ example: "Rosa Huamán" });
const userPhone = phone("Phone");

export const userSort = sortable(
  { name: users.name, email: users.email, createdAt: users.createdAt, lastLoginAt: users.lastLoginAt, id: users.id },
  "name",
);

// Query descriptions sit inside .optional(): trpc-to-openapi unwraps it and drops what is on it.
export const listUsersInput = pageInput.extend({
  search: z.string().trim().max(100).describe("Free-text search on name and e-mail").optional(),
  role: roleKey.describe("Only users with this role key").optional(),
  isActive: flag.describe("Only active (true) or deactivated (false) users").optional(),
  ordering: userSort.ordering,
});
export type ListUsersInput = z.infer<typeof listUsersInput>;

export const createUserInput = z.object({
  email: email("Login e-mail; unique in the studio"),
  name,
  phone: userPhone,
  language: language.default("es"),
  role: roleKey,
  password: z
    .string()
    .max(256)
    .describe(
      "Initial password: at least the studio's minimum length (security settings, 10 by default), not the e-mail address. The user can change it later",
    )
    .meta({ example: "cambia-esta-clave-2026" }),
});
export type CreateUserInput = z.infer<typeof createUserInput>;

/** PUT. Activation is a deliberate act, so an omitted `isActive` leaves it as it is. */
export const replaceUserInput = z.object({
  id: id("User"),
  name,
  phone: userPhone,
  language: language.default("es"),
  role: roleKey,
  isActive: flag.optional().describe("false deactivates the user and ends their sessions; omitted: unchanged"),
});

export const patchUserInput = z.object({
  id: id("User"),
  name: name.optional(),
  phone: userPhone.optional(),
  language: language.optional(),
  role: roleKey.optional(),
  isActive: flag.optional().describe("false deactivates the user and ends their sessions"),
});
export type PatchUserInput = z.infer<typeof patchUserInput>;
export type UserChanges = Omit<PatchUserInput, "id">;

export const userOutput = z
  .object({
    id: z.number().int(),
    email: z.string(),
    name: z.string(),
    phone: z.string().nullable(),
    language: z.string(),
    role: z
      .object({ id: z.number().int(), key: z.string(), name: z.string() })
      .meta({ example: { id: 3, key: "sales", name: "Sales" } }),
    isActive: z.boolean().describe("Deactivated users cannot log in"),
    avatarUrl: z.string().nullable().meta({ example: null }),
    lastLoginAt: z.date().nullable(),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: "User" });
export type UserView = z.infer<typeof userOutput>;

export const deleteUserOutput = z
  .object({
    id: z.number().int(),
    deleted: z.boolean().describe("The user is gone"),
    deactivated: z
      .boolean()
      .describe("The user has history (logins, audited actions), so was deactivated instead")
      .meta({ example: false }),
  })
  .meta({ id: "DeletedUser" });
export type DeleteOutcome = z.infer<typeof deleteUserOutput>;
