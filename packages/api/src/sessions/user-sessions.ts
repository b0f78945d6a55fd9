import {
  type ClientMeta,
  type Executor,
  type IssuedTokens,
  rolePermissions,
  roles,
  sessionEngine,
  sessions,
  sessionTokens,
  users,
} from "@fotostudio/db";
import { eq } from "drizzle-orm";
import type { SessionSettings } from "../context.js";
import { isPermission, type Permission, SYSTEM_ROLE_PERMISSIONS } from "../permissions.js";

/** Tenant users' sessions: the shared session rules (@fotostudio/db sessionEngine) on this table pair. */

export type { IssuedTokens };

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

const tables = { sessions, tokens: sessionTokens };

/** Validating reads the user and role with the token: one query per authenticated request. */
const sessionUser: sessionEngine.SessionSubject<typeof userColumns> = {
  columns: userColumns,
  isActive: users.isActive,
  join: (query) =>
    query.innerJoin(users, eq(users.id, sessions.subjectId)).innerJoin(roles, eq(roles.id, users.roleId)),
};

/**
 * Refreshing only needs to know the user is active: no roles join, so the rotation's FOR UPDATE
 * locks no role row (the profile is read after the rotation's transaction).
 */
const activeUser: sessionEngine.SessionSubject<{ id: typeof users.id }> = {
  columns: { id: users.id },
  isActive: users.isActive,
  join: (query) => query.innerJoin(users, eq(users.id, sessions.subjectId)),
};

/** A new login: a session (the token family) with its first access and refresh tokens. */
export function createSession(
  db: Executor,
  userId: number,
  settings: SessionSettings,
  meta: ClientMeta,
): Promise<IssuedTokens> {
  return sessionEngine.openSession(db, tables, userId, settings, meta);
}

/** The user behind an access token (sliding its expiry), or null. */
export async function validateAccessToken(
  db: Executor,
  token: string,
  settings: SessionSettings,
): Promise<Authenticated | null> {
  const found = await sessionEngine.validateAccessToken(db, tables, sessionUser, token, settings);
  if (!found) return null;
  return { user: found.subject, sessionId: found.sessionId, permissions: await permissionsOf(db, found.subject) };
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

/** Spends a refresh token for a new pair (call it in a transaction); a spent one revokes its session. */
export async function rotateRefreshToken(
  db: Executor,
  refreshToken: string,
  settings: SessionSettings,
): Promise<RefreshOutcome> {
  const outcome = await sessionEngine.rotateRefreshToken(db, tables, activeUser, refreshToken, settings);
  if (outcome.kind === "rotated") return { kind: "rotated", tokens: outcome.tokens, userId: outcome.subjectId };
  if (outcome.kind === "reused") return { kind: "reused", sessionId: outcome.sessionId, userId: outcome.subjectId };
  return outcome;
}

export function revokeSession(db: Executor, sessionId: number, reason: string): Promise<void> {
  return sessionEngine.revokeSession(db, tables, sessionId, reason);
}

/** Ends every session of a user, or every other one (`except`). */
export function revokeUserSessions(db: Executor, userId: number, reason: string, except?: number): Promise<number> {
  return sessionEngine.revokeSubjectSessions(db, tables, userId, reason, except);
}

export function activeSessions(db: Executor, userId: number) {
  return sessionEngine.activeSessions(db, tables, userId);
}
