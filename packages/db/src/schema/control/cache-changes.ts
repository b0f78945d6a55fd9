import { sql } from "drizzle-orm";
import { datetime, index, mysqlTable, varchar } from "drizzle-orm/mysql-core";
import { id, ref } from "../columns.js";

/**
 * What app nodes tell each other about their request-path caches: "the sessions (or settings) of
 * studio N changed". Append-only; every node reads the rows of the last seconds about once a
 * second and drops what it remembered of that studio (`packages/api/src/sessions/relay.ts`).
 * Rows older than a few minutes are of no use to anyone and are deleted by whichever node prunes.
 * No foreign key to `tenants`: a row may outlive a deleted studio by those minutes.
 */
export const cacheChanges = mysqlTable(
  "cache_changes",
  {
    id: id(),
    tenantId: ref().notNull(),
    /** Which cache: `sessions` or `settings`. */
    kind: varchar({ length: 20 }).notNull(),
    /** The node that made the change (it has already dropped its own entries). */
    node: varchar({ length: 36 }).notNull(),
    // Microseconds, from the control server's clock: nodes compare these rows with that clock only.
    createdAt: datetime({ mode: "date", fsp: 6 }).notNull().default(sql`CURRENT_TIMESTAMP(6)`),
  },
  (t) => [index("cache_changes_created_idx").on(t.createdAt)],
);

export type CacheChangeRow = typeof cacheChanges.$inferSelect;
