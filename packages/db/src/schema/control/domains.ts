import { boolean, index, mysqlTable, varchar } from "drizzle-orm/mysql-core";
import { id, ref, timestamps } from "../columns.js";
import { tenants } from "./tenants.js";

/** Custom domains (and extra hostnames) that resolve to a tenant. */
export const domains = mysqlTable(
  "domains",
  {
    id: id(),
    domain: varchar({ length: 253 }).notNull().unique(),
    tenantId: ref()
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    isPrimary: boolean().notNull().default(false),
    ...timestamps,
  },
  (t) => [index("domains_tenant_idx").on(t.tenantId)],
);

export type DomainRow = typeof domains.$inferSelect;
