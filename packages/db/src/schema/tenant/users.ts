import { boolean, index, mysqlTable, varchar } from "drizzle-orm/mysql-core";
import { id, instant, ref, timestamps } from "../columns.js";
import { roles } from "./roles.js";

/** A member of the studio's staff. */
export const users = mysqlTable(
  "users",
  {
    id: id(),
    email: varchar({ length: 254 }).notNull().unique(),
    name: varchar({ length: 200 }).notNull(),
    phone: varchar({ length: 32 }),
    language: varchar({ length: 10 }).notNull().default("es"),
    /** Argon2id (PHC string). */
    passwordHash: varchar({ length: 255 }).notNull(),
    roleId: ref()
      .notNull()
      .references(() => roles.id),
    isActive: boolean().notNull().default(true),
    avatarKey: varchar({ length: 255 }),
    lastLoginAt: instant(),
    passwordChangedAt: instant(),
    ...timestamps,
  },
  (t) => [index("users_role_idx").on(t.roleId)],
);

export type UserRow = typeof users.$inferSelect;
