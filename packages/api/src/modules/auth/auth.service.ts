import {
  dummyPasswordHash,
  type Executor,
  hashPassword,
  passwordProblem,
  roles,
  users,
  verifyPassword,
} from "@fotostudio/db";
import { eq } from "drizzle-orm";
import type { z } from "zod";
import type { Context } from "../../context.js";
import { AppError } from "../../errors.js";
import { type Actor, writeAudit } from "../../procedures/audit.js";
import {
  createSession,
  type IssuedTokens,
  permissionsOf,
  revokeUserSessions,
  rotateRefreshToken,
  type SessionUser,
  studioLifetimes,
  userColumns,
} from "../../sessions/user-sessions.js";
import { loginThrottle } from "../../shared/login-throttle.js";
import { mediaUrl } from "../../shared/media.js";
import { securityPolicy } from "../config/security.js";
import type { loginInput, profileOutput, updateProfileInput } from "./auth.schema.js";

type Profile = z.infer<typeof profileOutput>;
type AuthCtx = Pick<Context, "deps" | "ip" | "userAgent" | "requestId"> & { tenant: { id: number; slug: string } };

export async function profileOf(db: Executor, user: SessionUser): Promise<Profile> {
  const [role] = await db.select({ name: roles.name }).from(roles).where(eq(roles.id, user.roleId));
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    phone: user.phone,
    language: user.language,
    role: { key: user.roleKey, name: role?.name ?? user.roleKey },
    permissions: [...(await permissionsOf(db, user))].sort(),
    avatarUrl: mediaUrl(user.avatarKey),
  };
}

async function loadUser(db: Executor, where: ReturnType<typeof eq>) {
  const [row] = await db
    .select({ ...userColumns, isActive: users.isActive, passwordHash: users.passwordHash })
    .from(users)
    .innerJoin(roles, eq(roles.id, users.roleId))
    .where(where)
    .limit(1);
  return row;
}

/** Tenant accounts are counted per studio: `<slug>:<email>`. */
const accountKey = (ctx: AuthCtx, email: string) => `${ctx.tenant.slug}:${email}`;
const ipKey = (ctx: AuthCtx) => ctx.ip ?? "unknown";

/**
 * Checks the password and opens a session. Failures count per account (as the studio's security
 * settings say: maxFailedLogins within lockoutMinutes) and per IP; past the limit the answer is
 * 429 with Retry-After, and a success resets the account's counter. The session's idle timeout is
 * the studio's too.
 */
export async function login(
  db: Executor,
  ctx: AuthCtx,
  input: z.infer<typeof loginInput>,
): Promise<IssuedTokens & { user: Profile }> {
  const policy = await securityPolicy(db);
  const throttle = loginThrottle(
    ctx,
    { account: accountKey(ctx, input.email), ip: ipKey(ctx) },
    { account: policy.account },
  );
  const wait = await throttle.wait();
  const anonymous: Actor = { type: "anonymous", email: input.email };
  if (wait > 0) {
    await writeAudit(db, ctx, { actor: anonymous, action: "auth.login_locked", entity: "user" });
    throw throttle.tooMany(wait);
  }

  const user = await loadUser(db, eq(users.email, input.email));
  const valid = user
    ? await verifyPassword(user.passwordHash, input.password)
    : await verifyPassword(await dummyPasswordHash(), input.password);
  if (!user || !valid || !user.isActive) {
    await throttle.failed();
    await writeAudit(db, ctx, { actor: anonymous, action: "auth.login_failed", entity: "user", entityId: user?.id });
    throw new AppError("UNAUTHORIZED", "Wrong e-mail or password");
  }
  await throttle.succeeded();

  const tokens = await createSession(db, user.id, studioLifetimes(ctx.deps.sessions, policy), {
    ip: ctx.ip,
    userAgent: ctx.userAgent,
  });
  await db.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, user.id));
  await writeAudit(db, ctx, {
    actor: { type: "user", id: user.id, email: user.email },
    action: "auth.login",
    entity: "session",
    entityId: tokens.sessionId,
  });
  return { ...tokens, user: await profileOf(db, user) };
}

/** Trades a refresh token for a new pair; a reused one revokes its whole family (then 401). */
export async function refresh(db: Executor, ctx: AuthCtx, refreshToken: string) {
  const throttle = loginThrottle(ctx, { ip: ipKey(ctx) });
  const wait = await throttle.wait();
  if (wait > 0) throw throttle.tooMany(wait);

  const lifetimes = studioLifetimes(ctx.deps.sessions, await securityPolicy(db));
  const outcome = await db.transaction(async (tx) => {
    const result = await rotateRefreshToken(tx, refreshToken, lifetimes);
    if (result.kind === "rotated") {
      await writeAudit(tx, ctx, {
        actor: { type: "user", id: result.userId },
        action: "auth.refresh",
        entity: "session",
        entityId: result.tokens.sessionId,
      });
    }
    return result;
  });
  // Committed: the family's access tokens ended (rotated) or the whole session did (reused).
  if (outcome.kind !== "invalid") ctx.deps.caches.sessions.changed(ctx.tenant.id);
  if (outcome.kind === "invalid") {
    await throttle.failed();
    throw new AppError("UNAUTHORIZED", "The refresh token is invalid or has expired");
  }
  if (outcome.kind === "reused") {
    await writeAudit(db, ctx, {
      actor: { type: "user", id: outcome.userId },
      action: "auth.refresh_reused",
      entity: "session",
      entityId: outcome.sessionId,
    });
    throw new AppError("UNAUTHORIZED", "This refresh token was already used: the session has been revoked");
  }
  const user = await loadUser(db, eq(users.id, outcome.userId));
  if (!user) throw new AppError("UNAUTHORIZED", "The user no longer exists");
  return { ...outcome.tokens, user: await profileOf(db, user) };
}

export async function updateProfile(db: Executor, user: SessionUser, input: z.infer<typeof updateProfileInput>) {
  await db.update(users).set(input).where(eq(users.id, user.id));
  const updated = await loadUser(db, eq(users.id, user.id));
  if (!updated) throw new AppError("NOT_FOUND", "User not found");
  return profileOf(db, updated);
}

/**
 * Needs the current password; ends every other session of the user. Wrong current passwords
 * count on the same per-account limiter as failed logins: a stolen session cannot be used to
 * guess the password at leisure. The new one needs the studio's minimum length.
 */
export async function changePassword(
  db: Executor,
  ctx: AuthCtx,
  user: SessionUser,
  sessionId: number,
  input: { currentPassword: string; newPassword: string },
) {
  const policy = await securityPolicy(db);
  const throttle = loginThrottle(ctx, { account: accountKey(ctx, user.email) }, { account: policy.account });
  const wait = await throttle.wait();
  if (wait > 0) throw throttle.tooMany(wait);
  const row = await loadUser(db, eq(users.id, user.id));
  if (!row || !(await verifyPassword(row.passwordHash, input.currentPassword))) {
    await throttle.failed();
    throw new AppError("BAD_REQUEST", "The current password is wrong", {
      issues: [{ path: "currentPassword", message: "Wrong password", code: "invalid" }],
    });
  }
  const problem = passwordProblem(input.newPassword, user.email, policy.minPasswordLength);
  if (problem) {
    throw new AppError("VALIDATION_ERROR", problem, {
      issues: [{ path: "newPassword", message: problem, code: "weak_password" }],
    });
  }
  await db
    .update(users)
    .set({ passwordHash: await hashPassword(input.newPassword), passwordChangedAt: new Date() })
    .where(eq(users.id, user.id));
  return { revokedSessions: await revokeUserSessions(db, user.id, "password_changed", sessionId) };
}
