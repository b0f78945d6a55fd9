import { boolean, mysqlTable, varchar } from "drizzle-orm/mysql-core";
import { id, instant, timestamps } from "../columns.js";
import { sessionTables } from "../session-tables.js";

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

/** Same shape and rules as the tenant `sessions` / `session_tokens`; `subjectId` is `operator_id`. */
export const { sessions: operatorSessions, tokens: operatorSessionTokens } = sessionTables(
  "operator_sessions",
  "operator_session_tokens",
  { name: "operator", references: () => operators.id },
);
