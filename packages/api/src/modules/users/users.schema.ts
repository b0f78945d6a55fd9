import { z } from "zod";
import { orderingInput, pageInput } from "../../shared/pagination.js";

const id = z.number().int().positive().describe("User id");

/** Roles are named by their key (`owner`, `sales`, a custom role's slug): stable and readable in forms. */
const roleKey = z
  .string()
  .trim()
  .min(1)
  .max(50)
  .describe("Role key: owner, manager, sales, production, viewer or a custom role's key");

const name = z.string().trim().min(1).max(200).describe("Full name");
const phone = z
  .string()
  .trim()
  .max(32)
  .nullish()
  .transform((v) => v || null)
  .describe("Phone");
const language = z.enum(["es", "en", "pt"]).describe("Interface language");

/**
 * A yes/no query parameter. REST sends the strings `true`/`false` (trpc-to-openapi's coercion would
 * read "false" as true), the SDK a boolean; both arrive as a boolean.
 */
const flag = z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")]).pipe(z.boolean());

// Query descriptions sit inside .optional(): trpc-to-openapi unwraps it and drops what is on it.
export const listUsersInput = pageInput.extend({
  search: z.string().trim().max(100).describe("Free-text search on name and e-mail").optional(),
  role: roleKey.describe("Only users with this role key").optional(),
  isActive: flag.describe("Only active (true) or deactivated (false) users").optional(),
  ordering: orderingInput(["name", "email", "createdAt", "lastLoginAt", "id"] as const, "name"),
});
export type ListUsersInput = z.infer<typeof listUsersInput>;

export const createUserInput = z.object({
  email: z
    .email()
    .max(254)
    .transform((v) => v.toLowerCase())
    .describe("Login e-mail; unique in the studio"),
  name,
  phone,
  language: language.default("es"),
  role: roleKey,
  password: z
    .string()
    .max(256)
    .describe("Initial password: at least 10 characters, not the e-mail address. The user can change it later"),
});
export type CreateUserInput = z.infer<typeof createUserInput>;

/** PUT. Activation is a deliberate act, so an omitted `isActive` leaves it as it is. */
export const replaceUserInput = z.object({
  id,
  name,
  phone,
  language: language.default("es"),
  role: roleKey,
  isActive: z.boolean().optional().describe("false deactivates the user and ends their sessions; omitted: unchanged"),
});

export const patchUserInput = z.object({
  id,
  name: name.optional(),
  phone: phone.optional(),
  language: language.optional(),
  role: roleKey.optional(),
  isActive: z.boolean().optional().describe("false deactivates the user and ends their sessions"),
});
export type UserChanges = Omit<z.infer<typeof patchUserInput>, "id">;

export const userOutput = z
  .object({
    id: z.number().int(),
    email: z.string(),
    name: z.string(),
    phone: z.string().nullable(),
    language: z.string(),
    role: z.object({ id: z.number().int(), key: z.string(), name: z.string() }),
    isActive: z.boolean().describe("Deactivated users cannot log in"),
    avatarUrl: z.string().nullable(),
    lastLoginAt: z.date().nullable(),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: "User" });
export type UserView = z.infer<typeof userOutput>;

export const deleteUserOutput = z.object({
  id: z.number().int(),
  deleted: z.boolean().describe("The user is gone"),
  deactivated: z.boolean().describe("The user has history (logins, audited actions), so was deactivated instead"),
});
