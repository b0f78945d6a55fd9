import { and, eq, gt, isNull, ne, sql } from "drizzle-orm";
import type { MySqlSelect, SelectedFieldsFlat } from "drizzle-orm/mysql-core";
import type { SelectResultFields } from "drizzle-orm/query-builders/select.types";
import { generateToken, hashToken } from "../security/tokens.js";
import type {
  ClientMeta,
  IssuedTokens,
  RefreshOutcome,
  SessionExecutor,
  SessionLifetimes,
  SessionSubject,
  SessionTables,
  ValidatedToken,
} from "./types.js";

/**
 * The session rules, once for tenant users and platform operators (each on its own table pair, so
 * a token of one kind means nothing to the other). As in the Lucia guide: random tokens stored as
 * SHA-256, access tokens with sliding expiry, refresh tokens that rotate, and a spent refresh token
 * presented again revokes its whole session (the token family).
 */

const later = (seconds: number, from = Date.now()) => new Date(from + seconds * 1000);

/**
 * The query with the subject's tables joined. Its row type is the query's own: inner joins change
 * which rows a partial selection reads, not their shape, so the cast only restores what the
 * subject's `join` (typed for any query) cannot carry.
 */
function withSubject<TQuery extends MySqlSelect>(subject: SessionSubject<SelectedFieldsFlat>, query: TQuery): TQuery {
  return subject.join(query) as TQuery;
}

/** A login: a session (the token family) with its first access and refresh tokens. */
export async function openSession(
  db: SessionExecutor,
  t: SessionTables,
  subjectId: number,
  lifetimes: SessionLifetimes,
  meta: ClientMeta,
): Promise<IssuedTokens> {
  const sessionEnd = later(lifetimes.refreshTtl);
  const [row] = await db
    .insert(t.sessions)
    .values({
      subjectId,
      expiresAt: sessionEnd,
      ip: meta.ip ?? null,
      userAgent: meta.userAgent?.slice(0, 500) ?? null,
    })
    .$returningId();
  if (!row) throw new Error("insert returned no id");
  return issueTokens(db, t, row.id, lifetimes, sessionEnd);
}

async function issueTokens(
  db: SessionExecutor,
  t: SessionTables,
  sessionId: number,
  lifetimes: SessionLifetimes,
  sessionEnd: Date,
): Promise<IssuedTokens> {
  const access = generateToken();
  const refresh = generateToken();
  const expiresAt = new Date(Math.min(later(lifetimes.accessTtl).getTime(), sessionEnd.getTime()));
  await db.insert(t.tokens).values([
    { tokenHash: hashToken(access), sessionId, kind: "access", expiresAt },
    { tokenHash: hashToken(refresh), sessionId, kind: "refresh", expiresAt: sessionEnd },
  ]);
  return { access, refresh, expiresAt, sessionId };
}

/**
 * Where a caller keeps statements built once per database (`key` names one): the token check runs
 * on every request the session cache does not answer, and Drizzle's query building costs more CPU
 * than the database's answer. Without one the statement is built on each call.
 */
export type StatementMemo = <T extends { execute(...args: never[]): unknown }>(key: string, build: () => T) => T;
const buildEachTime: StatementMemo = (_key, build) => build();

/**
 * The subject behind an access token, or null. Sliding expiry: a token used in the second half of
 * its life is extended by a full lifetime, never past its session's end.
 */
export async function validateAccessToken<TColumns extends SelectedFieldsFlat>(
  db: SessionExecutor,
  t: SessionTables,
  subject: SessionSubject<TColumns>,
  token: string,
  lifetimes: SessionLifetimes,
  memo: StatementMemo = buildEachTime,
): Promise<ValidatedToken<SelectResultFields<TColumns>> | null> {
  const now = new Date();
  const statement = memo("session:validate", () => {
    const query = db
      .select({
        subject: subject.columns,
        isActive: subject.isActive,
        tokenHash: t.tokens.tokenHash,
        tokenExpiresAt: t.tokens.expiresAt,
        sessionId: t.sessions.id,
        sessionExpiresAt: t.sessions.expiresAt,
      })
      .from(t.tokens)
      .innerJoin(t.sessions, eq(t.sessions.id, t.tokens.sessionId))
      .$dynamic();
    return withSubject(subject, query)
      .where(
        and(
          eq(t.tokens.tokenHash, sql.placeholder("hash")),
          eq(t.tokens.kind, "access"),
          // mysql2 writes a Date parameter in the pool's zone (UTC), as Drizzle writes DATETIMEs.
          gt(t.tokens.expiresAt, sql.placeholder("now")),
          isNull(t.sessions.revokedAt),
          gt(t.sessions.expiresAt, sql.placeholder("now")),
        ),
      )
      .limit(1)
      .prepare();
  });
  const [row] = await statement.execute({ hash: hashToken(token), now });
  if (!row?.isActive) return null;

  const ttl = subject.accessTtl?.(row.subject) ?? lifetimes.accessTtl;
  let expiresAt = row.tokenExpiresAt;
  if (slideDue(expiresAt, ttl, now)) {
    expiresAt = new Date(Math.min(later(ttl).getTime(), row.sessionExpiresAt.getTime()));
    await db.update(t.tokens).set({ expiresAt }).where(eq(t.tokens.tokenHash, row.tokenHash));
    await db.update(t.sessions).set({ lastUsedAt: now }).where(eq(t.sessions.id, row.sessionId));
  }
  return { subject: row.subject, sessionId: row.sessionId, expiresAt, accessTtl: ttl };
}

/** The sliding rule: a token in the second half of its `ttl` (seconds) is extended when used. */
export function slideDue(expiresAt: Date, ttl: number, now = new Date()): boolean {
  return expiresAt.getTime() - now.getTime() < (ttl * 1000) / 2;
}

/**
 * Spends a refresh token for a new pair. A refresh token already spent means it was copied: the
 * whole session (every token of the family) is revoked, the thief's and the owner's alike. Run it
 * in a transaction: the token row is locked (FOR UPDATE) so a token is spent at most once.
 */
export async function rotateRefreshToken<TColumns extends SelectedFieldsFlat>(
  db: SessionExecutor,
  t: SessionTables,
  subject: SessionSubject<TColumns>,
  refreshToken: string,
  lifetimes: SessionLifetimes,
): Promise<RefreshOutcome<SelectResultFields<TColumns>>> {
  const now = new Date();
  const query = db
    .select({
      subject: subject.columns,
      isActive: subject.isActive,
      tokenHash: t.tokens.tokenHash,
      usedAt: t.tokens.usedAt,
      tokenExpiresAt: t.tokens.expiresAt,
      sessionId: t.sessions.id,
      subjectId: t.sessions.subjectId,
      revokedAt: t.sessions.revokedAt,
      sessionExpiresAt: t.sessions.expiresAt,
    })
    .from(t.tokens)
    .innerJoin(t.sessions, eq(t.sessions.id, t.tokens.sessionId))
    .$dynamic();
  const [row] = await withSubject(subject, query)
    .where(and(eq(t.tokens.tokenHash, hashToken(refreshToken)), eq(t.tokens.kind, "refresh")))
    .for("update")
    .limit(1);
  if (!row || row.revokedAt || !row.isActive || row.tokenExpiresAt <= now || row.sessionExpiresAt <= now) {
    return { kind: "invalid" };
  }
  if (row.usedAt) {
    await revokeSession(db, t, row.sessionId, "refresh_reuse");
    return { kind: "reused", sessionId: row.sessionId, subjectId: row.subjectId };
  }
  await db.update(t.tokens).set({ usedAt: now }).where(eq(t.tokens.tokenHash, row.tokenHash));
  // The family's previous access tokens end with the rotation.
  await db
    .update(t.tokens)
    .set({ expiresAt: now })
    .where(and(eq(t.tokens.sessionId, row.sessionId), eq(t.tokens.kind, "access"), gt(t.tokens.expiresAt, now)));
  await db.update(t.sessions).set({ lastUsedAt: now }).where(eq(t.sessions.id, row.sessionId));
  const tokens = await issueTokens(db, t, row.sessionId, lifetimes, row.sessionExpiresAt);
  return { kind: "rotated", tokens, subjectId: row.subjectId, subject: row.subject };
}

export async function revokeSession(db: SessionExecutor, t: SessionTables, sessionId: number, reason: string) {
  await db
    .update(t.sessions)
    .set({ revokedAt: new Date(), revokedReason: reason })
    .where(and(eq(t.sessions.id, sessionId), isNull(t.sessions.revokedAt)));
}

/** Ends every session of a subject, or every other one (`except`); returns how many ended. */
export async function revokeSubjectSessions(
  db: SessionExecutor,
  t: SessionTables,
  subjectId: number,
  reason: string,
  except?: number,
): Promise<number> {
  const [result] = await db
    .update(t.sessions)
    .set({ revokedAt: new Date(), revokedReason: reason })
    .where(
      and(
        eq(t.sessions.subjectId, subjectId),
        isNull(t.sessions.revokedAt),
        except === undefined ? undefined : ne(t.sessions.id, except),
      ),
    );
  return result.affectedRows;
}

/** A subject's sessions that can still be used, least recently used first. */
export function activeSessions(db: SessionExecutor, t: SessionTables, subjectId: number) {
  return db
    .select({
      id: t.sessions.id,
      createdAt: t.sessions.createdAt,
      lastUsedAt: t.sessions.lastUsedAt,
      expiresAt: t.sessions.expiresAt,
      ip: t.sessions.ip,
      userAgent: t.sessions.userAgent,
    })
    .from(t.sessions)
    .where(and(eq(t.sessions.subjectId, subjectId), isNull(t.sessions.revokedAt), gt(t.sessions.expiresAt, new Date())))
    .orderBy(t.sessions.lastUsedAt);
}
