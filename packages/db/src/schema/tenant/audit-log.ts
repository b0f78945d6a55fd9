import { sql } from "drizzle-orm";
import { index, json, mysqlEnum, mysqlTable, varchar } from "drizzle-orm/mysql-core";
import { id, instant, ref } from "../columns.js";

/** Append-only: rows are inserted, never updated or deleted (triggers refuse both). */
export const auditLog = mysqlTable(
  "audit_log",
  {
    id: id(),
    actorType: mysqlEnum(["user", "operator", "anonymous", "system"]).notNull(),
    actorId: ref(),
    actorEmail: varchar({ length: 254 }),
    /** `<module>.<verb>` of the procedure, or an event such as `auth.login_failed`. */
    action: varchar({ length: 100 }).notNull(),
    entity: varchar({ length: 50 }),
    entityId: varchar({ length: 64 }),
    before: json(),
    after: json(),
    requestId: varchar({ length: 128 }),
    ip: varchar({ length: 64 }),
    createdAt: instant().notNull().default(sql`CURRENT_TIMESTAMP(3)`),
  },
  (t) => [
    index("audit_log_created_idx").on(t.createdAt),
    index("audit_log_actor_idx").on(t.actorId, t.createdAt),
    index("audit_log_action_idx").on(t.action, t.createdAt),
    index("audit_log_entity_idx").on(t.entity, t.entityId),
  ],
);

export type AuditRow = typeof auditLog.$inferSelect;
export type NewAuditRow = typeof auditLog.$inferInsert;
