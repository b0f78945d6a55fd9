import { index, int, mysqlEnum, mysqlTable, varchar } from "drizzle-orm/mysql-core";
import { id, ref, timestamps } from "../columns.js";
import { dbServers } from "./db-servers.js";

export const tenantStatuses = ["provisioning", "active", "suspended", "archived"] as const;
export type TenantStatus = (typeof tenantStatuses)[number];

export const tenants = mysqlTable(
  "tenants",
  {
    id: id(),
    slug: varchar({ length: 63 }).notNull().unique(),
    name: varchar({ length: 200 }).notNull(),
    businessType: varchar({ length: 50 }).notNull().default("photo_framing"),
    plan: varchar({ length: 50 }).notNull().default("standard"),
    status: mysqlEnum(tenantStatuses).notNull().default("provisioning"),
    serverId: ref()
      .notNull()
      .references(() => dbServers.id),
    databaseName: varchar({ length: 64 }).notNull().unique(),
    /** How many tenant migrations this tenant's database has fully applied. */
    schemaVersion: int({ unsigned: true }).notNull().default(0),
    timeZone: varchar({ length: 64 }).notNull().default("UTC"),
    currency: varchar({ length: 3 }).notNull().default("USD"),
    ...timestamps,
  },
  (t) => [index("tenants_server_idx").on(t.serverId), index("tenants_schema_idx").on(t.schemaVersion)],
);

export type TenantRow = typeof tenants.$inferSelect;
export type NewTenantRow = typeof tenants.$inferInsert;
