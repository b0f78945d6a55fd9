import { sql } from "drizzle-orm";
import { char, index, mysqlEnum, mysqlTable, varchar } from "drizzle-orm/mysql-core";
import { id, instant, ref } from "../columns.js";
import { users } from "./users.js";

/**
 * A login: what "log out" ends. Its tokens rotate (each refresh spends one refresh token and
 * issues a new pair); the session is the family that theft detection revokes as a whole.
 */
export const sessions = mysqlTable(
  "sessions",
  {
    id: id(),
    userId: ref()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: instant().notNull().default(sql`CURRENT_TIMESTAMP(3)`),
    lastUsedAt: instant().notNull().default(sql`CURRENT_TIMESTAMP(3)`),
    /** The family's hard end: refreshing never extends past it. */
    expiresAt: instant().notNull(),
    revokedAt: instant(),
    revokedReason: varchar({ length: 50 }),
    ip: varchar({ length: 64 }),
    userAgent: varchar({ length: 500 }),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/** Tokens are stored only as their SHA-256 (hex); the token itself is shown once, to its owner. */
export const sessionTokens = mysqlTable(
  "session_tokens",
  {
    tokenHash: char({ length: 64 }).primaryKey(),
    sessionId: ref()
      .notNull()
      .references(() => sessions.id, { onDelete: "cascade" }),
    kind: mysqlEnum(["access", "refresh"]).notNull(),
    expiresAt: instant().notNull(),
    /** Refresh tokens: when it was spent. Presenting a spent one revokes the session. */
    usedAt: instant(),
    createdAt: instant().notNull().default(sql`CURRENT_TIMESTAMP(3)`),
  },
  (t) => [index("session_tokens_session_idx").on(t.sessionId)],
);

export type SessionRow = typeof sessions.$inferSelect;
