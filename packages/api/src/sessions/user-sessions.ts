import {
  type ClientMeta,
  type Executor,
  type IssuedTokens,
  rolePermissions,
  roles,
  sessionEngine,
  sessions,
  sessionTokens,
  settings,
  users,
} from "@fotostudio/db";
import { eq } from "drizzle-orm";
import type { SessionSettings } from "../context.js";
import { type SecurityPolicy, securityPolicyOf } from "../modules/config/security.js";
import { settingsFrom } from "../modules/config/settings.service.js";
import { isPermission, type Permission, SYSTEM_ROLE_PERMISSIONS } from "../permissions.js";
import { prepared } from "../shared/prepared.js";
import type { ValidatedSession } from "./session-cache.js";

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

/**
 * Validating reads the user, the role and the studio's security settings with the token (one
 * query per authenticated request the session cache does not answer); the engine slides the
 * token by the studio's idle timeout.
 */
const validatedColumns = { ...userColumns, security: settings.value };
const sessionUser: sessionEngine.SessionSubject<typeof validatedColumns> = {
  columns: validatedColumns,
  isActive: users.isActive,
  join: (query) =>
    query
      .innerJoin(users, eq(users.id, sessions.subjectId))
      .innerJoin(roles, eq(roles.id, users.roleId))
      .leftJoin(settings, eq(settings.group, "security")),
  accessTtl: (row) => securityPolicyOf(settingsFrom("security", row.security)).accessTtlSeconds,
};

/** The studio's lifetimes: its security settings' idle timeout for the access token, the rest as set. */
export function studioLifetimes(base: SessionSettings, policy: SecurityPolicy): SessionSettings {
  return { ...base, accessTtl: policy.accessTtlSeconds };
}

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
  lifetimes: SessionSettings,
  meta: ClientMeta,
): Promise<IssuedTokens> {
  return sessionEngine.openSession(db, tables, userId, lifetimes, meta);
}

/**
 * The user behind an access token (sliding its expiry by the studio's idle timeout), or null;
 * with the token's expiry and the idle timeout, which say how long a cache may reuse the answer.
 */
export async function validateAccessToken(
  db: Executor,
  token: string,
  lifetimes: SessionSettings,
): Promise<ValidatedSession | null> {
  const found = await sessionEngine.validateAccessToken(db, tables, sessionUser, token, lifetimes, (key, build) =>
    prepared(db, key, build),
  );
  if (!found) return null;
  const { security: _, ...user } = found.subject;
  return {
    auth: { user, sessionId: found.sessionId, permissions: await permissionsOf(db, user) },
    expiresAt: found.expiresAt,
    accessTtl: found.accessTtl,
  };
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
  lifetimes: SessionSettings,
): Promise<RefreshOutcome> {
  const outcome = await sessionEngine.rotateRefreshToken(db, tables, activeUser, refreshToken, lifetimes);
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
