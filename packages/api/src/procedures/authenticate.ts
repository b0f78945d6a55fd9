import type { ControlDatabase, Database, OperatorProfile } from "@fotostudio/db";
import type { Context, ResolvedTenant } from "../context.js";
import { AppError } from "../errors.js";
import { validateOperatorToken } from "../sessions/operator-sessions.js";
import { type Authenticated, validateAccessToken } from "../sessions/user-sessions.js";

/**
 * The session behind the request's credentials, in the resolved tenant's database (a token is
 * valid only in the tenant that issued it: another tenant's database does not know its hash, and
 * the session cache keeps answers per tenant). Cookie-authenticated mutations must come from a
 * trusted Origin (CSRF).
 */
export async function authenticateUser(
  ctx: Context & { db: Database; tenant: ResolvedTenant },
  opts: { mutation: boolean },
): Promise<Authenticated> {
  const { bearer, cookie } = ctx.credentials;
  const token = bearer ?? cookie;
  if (!token) throw new AppError("UNAUTHORIZED", "Log in first: send Authorization: Bearer <access token>");
  const auth = await ctx.deps.caches.sessions.lookup(ctx.tenant.id, token, () =>
    validateAccessToken(ctx.db, token, ctx.deps.sessions),
  );
  if (!auth) throw new AppError("UNAUTHORIZED", "The session is invalid or has expired");
  if (!bearer && opts.mutation && !ctx.deps.isTrustedOrigin(ctx.origin)) {
    throw new AppError("FORBIDDEN", "Cross-site request refused: Origin is not trusted");
  }
  return auth;
}

export interface OperatorAuth extends OperatorProfile {
  sessionId: number;
}

/**
 * The operator behind the request's bearer token, checked against the control database. Only the
 * bearer header counts: operators get no cookie, so there is no cookie to forge (no CSRF check),
 * and a studio's session cookie is never mistaken for an operator session.
 */
export async function authenticateOperator(ctx: Context, control: ControlDatabase): Promise<OperatorAuth> {
  const token = ctx.credentials.bearer;
  if (!token) {
    throw new AppError(
      "UNAUTHORIZED",
      "Operators log in at /api/platform/auth/login/ and send Authorization: Bearer <access>",
    );
  }
  const found = await validateOperatorToken(control, token, ctx.deps.sessions);
  if (!found) throw new AppError("UNAUTHORIZED", "The operator session is invalid or has expired");
  return { ...found.operator, sessionId: found.sessionId };
}
