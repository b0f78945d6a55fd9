import { sql } from "drizzle-orm";
import { boolean, char, index, mysqlEnum, mysqlTable, varchar } from "drizzle-orm/mysql-core";
import { id, instant, ref, timestamps } from "../columns.js";

/** Platform operators: they create, suspend and move tenants. They are nobody's staff. */
export const operators = mysqlTable("operators", {
  id: id(),
  email: varchar({ length: 254 }).notNull().unique(),
  name: varchar({ length: 200 }).notNull(),
  passwordHash: varchar({ length: 255 }).notNull(),
  isActive: boolean().notNull().default(true),
  lastLoginAt: instant(),
  passwordChangedAt: instant(),
  ...timestamps,
});

/** Same shape and rules as the tenant `sessions` / `session_tokens`. */
export const operatorSessions = mysqlTable(
  "operator_sessions",
  {
    id: id(),
    operatorId: ref()
      .notNull()
      .references(() => operators.id, { onDelete: "cascade" }),
    createdAt: instant().notNull().default(sql`CURRENT_TIMESTAMP(3)`),
    lastUsedAt: instant().notNull().default(sql`CURRENT_TIMESTAMP(3)`),
    expiresAt: instant().notNull(),
    revokedAt: instant(),
    revokedReason: varchar({ length: 50 }),
    ip: varchar({ length: 64 }),
    userAgent: varchar({ length: 500 }),
  },
  (t) => [index("operator_sessions_operator_idx").on(t.operatorId)],
);

export const operatorSessionTokens = mysqlTable(
  "operator_session_tokens",
  {
    tokenHash: char({ length: 64 }).primaryKey(),
    sessionId: ref()
      .notNull()
      .references(() => operatorSessions.id, { onDelete: "cascade" }),
    kind: mysqlEnum(["access", "refresh"]).notNull(),
    expiresAt: instant().notNull(),
    usedAt: instant(),
    createdAt: instant().notNull().default(sql`CURRENT_TIMESTAMP(3)`),
  },
  (t) => [index("operator_session_tokens_session_idx").on(t.sessionId)],
);
