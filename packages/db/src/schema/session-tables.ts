import { sql } from "drizzle-orm";
import { char, index, type MySqlColumn, mysqlEnum, mysqlTable, varchar } from "drizzle-orm/mysql-core";
import { id, instant, ref } from "./columns.js";

/**
 * A session table and its token table for one kind of subject: tenant users (`sessions`,
 * `session_tokens`) and platform operators (`operator_sessions`, `operator_session_tokens`). One
 * factory keeps both pairs the same shape, so the session engine (src/sessions) is written once.
 * That is also why the subject column is `subjectId` in TypeScript for both, while its SQL name
 * (`user_id`, `operator_id`) and the index names stay those the migrations already created.
 */
export function sessionTables<TSessions extends string, TTokens extends string>(
  sessionsName: TSessions,
  tokensName: TTokens,
  subject: { name: string; references: () => MySqlColumn },
) {
  /**
   * A login: what "log out" ends. Its tokens rotate (each refresh spends one refresh token and
   * issues a new pair); the session is the family that theft detection revokes as a whole.
   */
  const sessions = mysqlTable(
    sessionsName,
    {
      id: id(),
      subjectId: ref(`${subject.name}_id`).notNull().references(subject.references, { onDelete: "cascade" }),
      createdAt: instant().notNull().default(sql`CURRENT_TIMESTAMP(3)`),
      lastUsedAt: instant().notNull().default(sql`CURRENT_TIMESTAMP(3)`),
      /** The family's hard end: refreshing never extends past it. */
      expiresAt: instant().notNull(),
      revokedAt: instant(),
      revokedReason: varchar({ length: 50 }),
      ip: varchar({ length: 64 }),
      userAgent: varchar({ length: 500 }),
    },
    (t) => [index(`${sessionsName}_${subject.name}_idx`).on(t.subjectId)],
  );

  /** Tokens are stored only as their SHA-256 (hex); the token itself is shown once, to its owner. */
  const tokens = mysqlTable(
    tokensName,
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
    (t) => [index(`${tokensName}_session_idx`).on(t.sessionId)],
  );

  return { sessions, tokens };
}
