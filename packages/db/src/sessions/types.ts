import type { MySqlColumn, MySqlSelect, SelectedFieldsFlat } from "drizzle-orm/mysql-core";
import type { MySql2Database } from "drizzle-orm/mysql2";
import type { SelectResultFields } from "drizzle-orm/query-builders/select.types";
import type { sessionTables } from "../schema/session-tables.js";

/** A session table pair: tenant users' (`sessions`) or platform operators' (`operator_sessions`). */
export type SessionTables = ReturnType<typeof sessionTables<string, string>>;

/**
 * What the engine needs of a database. Narrower than a Drizzle database on purpose: tenant and
 * control databases (and their transactions) have different schema types, and both must fit.
 */
export type SessionExecutor = Pick<MySql2Database, "select" | "insert" | "update">;

/** Seconds. */
export interface SessionLifetimes {
  accessTtl: number;
  refreshTtl: number;
}

export interface IssuedTokens {
  access: string;
  refresh: string;
  /** When the access token expires unless used (it slides while in use). */
  expiresAt: Date;
  sessionId: number;
}

export interface ClientMeta {
  ip?: string | undefined;
  userAgent?: string | undefined;
}

/**
 * How a session's subject (a user with its role, an operator) is read in the same query as the
 * token: validating a token is on every request's path, so it stays one query. `join` adds the
 * subject's tables to a query on the session table (`sessions.subjectId` is the subject's id).
 */
export interface SessionSubject<TColumns extends SelectedFieldsFlat> {
  columns: TColumns;
  /** An inactive subject's sessions are refused (as if revoked). */
  isActive: MySqlColumn;
  join(query: MySqlSelect): MySqlSelect;
  /**
   * The access token's lifetime for this subject's row, in seconds, when it is not the same for
   * everyone (a studio's idle timeout, read with the token); `lifetimes.accessTtl` otherwise.
   */
  accessTtl?(subject: SelectResultFields<TColumns>): number;
}

/** A valid access token's subject and session, with its expiry (after any slide) and the lifetime it slides by. */
export interface ValidatedToken<TSubject> {
  subject: TSubject;
  sessionId: number;
  expiresAt: Date;
  /** Seconds: the subject's access lifetime (see `SessionSubject.accessTtl`). */
  accessTtl: number;
}

export type RefreshOutcome<TSubject> =
  | { kind: "rotated"; tokens: IssuedTokens; subjectId: number; subject: TSubject }
  | { kind: "reused"; sessionId: number; subjectId: number }
  | { kind: "invalid" };
