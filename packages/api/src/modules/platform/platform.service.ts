import type { DataLayer, IssuedTokens, OperatorProfile } from "@fotostudio/db";
import type { Context } from "../../context.js";
import { AppError } from "../../errors.js";
import {
  checkOperatorPassword,
  openOperatorSession,
  rotateOperatorRefreshToken,
} from "../../sessions/operator-sessions.js";
import { loginThrottle } from "../../shared/login-throttle.js";

/**
 * Operator login and refresh. Operators have no tenant, so no audit_log (it lives in each tenant's
 * database): their logins, failures, lockouts and token reuse are structured log lines instead
 * (`event: operator.*`), never with a password or token. What they do to a tenant is also written
 * to that tenant's audit_log (see tenants.service.ts).
 */

type PlatformCtx = Pick<Context, "deps" | "ip" | "userAgent" | "log">;
type LoginResult = Omit<IssuedTokens, "sessionId"> & { operator: OperatorProfile };

// Operator counters share the tenant login limiters under their own keys: a tenant account key is
// `<slug>:<email>` and an e-mail never contains ":", so `operator:account:…` cannot collide.
const accountKey = (email: string) => `operator:account:${email}`;
const ipKey = (ctx: PlatformCtx) => `operator:ip:${ctx.ip ?? "unknown"}`;

/** Failures count per account and per IP (429 with Retry-After past the limit); a success resets the account. */
export async function login(
  platform: DataLayer,
  ctx: PlatformCtx,
  input: { email: string; password: string },
): Promise<LoginResult> {
  const throttle = loginThrottle(ctx, { account: accountKey(input.email), ip: ipKey(ctx) });
  const wait = await throttle.wait();
  if (wait > 0) {
    ctx.log.warn({ event: "operator.login_locked", email: input.email, ip: ctx.ip }, "operator login locked");
    throw throttle.tooMany(wait);
  }
  const operator = await checkOperatorPassword(platform.control, input.email, input.password);
  if (!operator) {
    await throttle.failed();
    ctx.log.warn({ event: "operator.login_failed", email: input.email, ip: ctx.ip }, "operator login failed");
    throw new AppError("UNAUTHORIZED", "Wrong e-mail or password");
  }
  await throttle.succeeded();
  const tokens = await openOperatorSession(platform.control, operator.id, ctx.deps.sessions, {
    ip: ctx.ip,
    userAgent: ctx.userAgent,
  });
  ctx.log.info(
    {
      event: "operator.login",
      operatorId: operator.id,
      email: operator.email,
      sessionId: tokens.sessionId,
      ip: ctx.ip,
    },
    "operator logged in",
  );
  return { ...tokens, operator };
}

/** Trades a refresh token for a new pair; a reused one revokes its whole session (then 401). */
export async function refresh(platform: DataLayer, ctx: PlatformCtx, refreshToken: string): Promise<LoginResult> {
  const throttle = loginThrottle(ctx, { ip: ipKey(ctx) });
  const wait = await throttle.wait();
  if (wait > 0) throw throttle.tooMany(wait);
  const outcome = await rotateOperatorRefreshToken(platform.control, refreshToken, ctx.deps.sessions);
  if (outcome.kind === "invalid") {
    await throttle.failed();
    throw new AppError("UNAUTHORIZED", "The refresh token is invalid or has expired");
  }
  if (outcome.kind === "reused") {
    ctx.log.warn(
      { event: "operator.refresh_reused", operatorId: outcome.operatorId, sessionId: outcome.sessionId, ip: ctx.ip },
      "spent operator refresh token presented: session revoked",
    );
    throw new AppError("UNAUTHORIZED", "This refresh token was already used: the session has been revoked");
  }
  return { ...outcome.tokens, operator: outcome.operator };
}
