import {
  type Executor,
  generateToken,
  hashToken,
  rolePermissions,
  roles,
  sessions,
  sessionTokens,
  users,
} from "@fotostudio/db";
import { and, eq, gt, isNull, ne } from "drizzle-orm";
import type { SessionSettings } from "../../context.js";
import { isPermission, type Permission, SYSTEM_ROLE_PERMISSIONS } from "../../permissions.js";

export interface SessionUser {
  id: number;
  email: string;
  name: string;
  phone: string | null;
  language: string;
  avatarKey: string | null;
  roleId: number;
  roleKey: string;
  roleIsSystem: boolean;
}

export interface Authenticated {
  user: SessionUser;
  sessionId: number;
  permissions: ReadonlySet<Permission>;
}

export interface IssuedTokens {
  access: string;
  refresh: string;
  /** When the access token expires unless used (it slides while in use). */
  expiresAt: Date;
  sessionId: number;
}

/** The columns of a SessionUser (users joined with roles). */
export const userColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  phone: users.phone,
  language: users.language,
  avatarKey: users.avatarKey,
  roleId: users.roleId,
  roleKey: roles.key,
  roleIsSystem: roles.isSystem,
};

const later = (seconds: number, from = Date.now()) => new Date(from + seconds * 1000);

/** A new login: a session (the token family) with its first access and refresh tokens. */
export async function createSession(
  db: Executor,
  userId: number,
  settings: SessionSettings,
  meta: { ip?: string | undefined; userAgent?: string | undefined },
): Promise<IssuedTokens> {
  const [row] = await db
    .insert(sessions)
    .values({
      userId,
      expiresAt: later(settings.refreshTtl),
      ip: meta.ip ?? null,
      userAgent: meta.userAgent?.slice(0, 500) ?? null,
    })
    .$returningId();
  if (!row) throw new Error("insert returned no id");
  return issueTokens(db, row.id, settings, later(settings.refreshTtl));
}

async function issueTokens(db: Executor, sessionId: number, settings: SessionSettings, sessionEnd: Date) {
  const access = generateToken();
  const refresh = generateToken();
  const expiresAt = new Date(Math.min(later(settings.accessTtl).getTime(), sessionEnd.getTime()));
  await db.insert(sessionTokens).values([
    { tokenHash: hashToken(access), sessionId, kind: "access", expiresAt },
    { tokenHash: hashToken(refresh), sessionId, kind: "refresh", expiresAt: sessionEnd },
  ]);
  return { access, refresh, expiresAt, sessionId };
}

/**
 * The user behind an access token, or null. Sliding expiry as in the Lucia guide: a token used
 * in the second half of its life is extended by a full lifetime (never past its session's end).
 */
export async function validateAccessToken(
  db: Executor,
  token: string,
  settings: SessionSettings,
): Promise<Authenticated | null> {
  const now = new Date();
  const [row] = await db
    .select({
      ...userColumns,
      isActive: users.isActive,
      tokenHash: sessionTokens.tokenHash,
      tokenExpiresAt: sessionTokens.expiresAt,
      sessionId: sessions.id,
      sessionExpiresAt: sessions.expiresAt,
    })
    .from(sessionTokens)
    .innerJoin(sessions, eq(sessions.id, sessionTokens.sessionId))
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(roles, eq(roles.id, users.roleId))
    .where(
      and(
        eq(sessionTokens.tokenHash, hashToken(token)),
        eq(sessionTokens.kind, "access"),
        gt(sessionTokens.expiresAt, now),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, now),
      ),
    )
    .limit(1);
  if (!row?.isActive) return null;

  if (row.tokenExpiresAt.getTime() - now.getTime() < (settings.accessTtl * 1000) / 2) {
    const extended = new Date(Math.min(later(settings.accessTtl).getTime(), row.sessionExpiresAt.getTime()));
    await db.update(sessionTokens).set({ expiresAt: extended }).where(eq(sessionTokens.tokenHash, row.tokenHash));
    await db.update(sessions).set({ lastUsedAt: now }).where(eq(sessions.id, row.sessionId));
  }
  const { isActive: _a, tokenHash: _t, tokenExpiresAt: _e, sessionId, sessionExpiresAt: _s, ...user } = row;
  return { user, sessionId, permissions: await permissionsOf(db, user) };
}

export async function permissionsOf(
  db: Executor,
  role: Pick<SessionUser, "roleId" | "roleKey" | "roleIsSystem">,
): Promise<ReadonlySet<Permission>> {
  if (role.roleIsSystem) return SYSTEM_ROLE_PERMISSIONS[role.roleKey] ?? new Set();
  const rows = await db
    .select({ permission: rolePermissions.permission })
    .from(rolePermissions)
    .where(eq(rolePermissions.roleId, role.roleId));
  return new Set(rows.map((r) => r.permission).filter(isPermission));
}

export type RefreshOutcome =
  | { kind: "rotated"; tokens: IssuedTokens; userId: number }
  | { kind: "reused"; sessionId: number; userId: number }
  | { kind: "invalid" };

/**
 * Spends a refresh token for a new pair. A refresh token already spent means it was copied:
 * the whole session (every token of the family) is revoked, the thief's and the owner's alike.
 */
export async function rotateRefreshToken(
  db: Executor,
  refreshToken: string,
  settings: SessionSettings,
): Promise<RefreshOutcome> {
  const now = new Date();
  const [row] = await db
    .select({
      tokenHash: sessionTokens.tokenHash,
      usedAt: sessionTokens.usedAt,
      tokenExpiresAt: sessionTokens.expiresAt,
      sessionId: sessions.id,
      userId: sessions.userId,
      revokedAt: sessions.revokedAt,
      sessionExpiresAt: sessions.expiresAt,
      isActive: users.isActive,
    })
    .from(sessionTokens)
    .innerJoin(sessions, eq(sessions.id, sessionTokens.sessionId))
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessionTokens.tokenHash, hashToken(refreshToken)), eq(sessionTokens.kind, "refresh")))
    .for("update")
    .limit(1);
  if (!row || row.revokedAt || !row.isActive || row.tokenExpiresAt <= now || row.sessionExpiresAt <= now) {
    return { kind: "invalid" };
  }
  if (row.usedAt) {
    await revokeSession(db, row.sessionId, "refresh_reuse");
    return { kind: "reused", sessionId: row.sessionId, userId: row.userId };
  }
  await db.update(sessionTokens).set({ usedAt: now }).where(eq(sessionTokens.tokenHash, row.tokenHash));
  // The previous access tokens of the family end with the rotation.
  await db
    .update(sessionTokens)
    .set({ expiresAt: now })
    .where(
      and(
        eq(sessionTokens.sessionId, row.sessionId),
        eq(sessionTokens.kind, "access"),
        gt(sessionTokens.expiresAt, now),
      ),
    );
  await db.update(sessions).set({ lastUsedAt: now }).where(eq(sessions.id, row.sessionId));
  const tokens = await issueTokens(db, row.sessionId, settings, row.sessionExpiresAt);
  return { kind: "rotated", tokens, userId: row.userId };
}

export async function revokeSession(db: Executor, sessionId: number, reason: string): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: new Date(), revokedReason: reason })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
}

/** Ends every session of a user, or every other one (`except`). */
export async function revokeUserSessions(
  db: Executor,
  userId: number,
  reason: string,
  except?: number,
): Promise<number> {
  const [result] = await db
    .update(sessions)
    .set({ revokedAt: new Date(), revokedReason: reason })
    .where(
      and(
        eq(sessions.userId, userId),
        isNull(sessions.revokedAt),
        except === undefined ? undefined : ne(sessions.id, except),
      ),
    );
  return result.affectedRows;
}

export async function activeSessions(db: Executor, userId: number) {
  return db
    .select({
      id: sessions.id,
      createdAt: sessions.createdAt,
      lastUsedAt: sessions.lastUsedAt,
      expiresAt: sessions.expiresAt,
      ip: sessions.ip,
      userAgent: sessions.userAgent,
    })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, new Date())))
    .orderBy(sessions.lastUsedAt);
}
