import { boolean, mysqlTable, primaryKey, varchar } from "drizzle-orm/mysql-core";
import { id, ref, timestamps } from "../columns.js";

/**
 * A role. System roles (`owner`, `manager`, …) carry their permissions in code, so a permission
 * added by a later release reaches them without a data migration; custom roles list theirs in
 * `role_permissions`.
 */
export const roles = mysqlTable("roles", {
  id: id(),
  key: varchar({ length: 50 }).notNull().unique(),
  name: varchar({ length: 100 }).notNull(),
  description: varchar({ length: 500 }),
  isSystem: boolean().notNull().default(false),
  ...timestamps,
});

export const rolePermissions = mysqlTable(
  "role_permissions",
  {
    roleId: ref()
      .notNull()
      .references(() => roles.id, { onDelete: "cascade" }),
    permission: varchar({ length: 64 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.roleId, t.permission] })],
);

export type RoleRow = typeof roles.$inferSelect;
