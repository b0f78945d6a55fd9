import type { Database } from "@fotostudio/db";
import type { Context } from "../../context.js";
import { AppError } from "../../errors.js";
import { type Authenticated, validateAccessToken } from "./session.service.js";

/**
 * The session behind the request's credentials, in the resolved tenant's database (a token is
 * valid only in the tenant that issued it: another tenant's database does not know its hash).
 * Cookie-authenticated mutations must come from a trusted Origin (CSRF).
 */
export async function authenticate(
  ctx: Context & { db: Database },
  opts: { mutation: boolean },
): Promise<Authenticated> {
  const { bearer, cookie } = ctx.credentials;
  const token = bearer ?? cookie;
  if (!token) throw new AppError("UNAUTHORIZED", "Log in first: send Authorization: Bearer <access token>");
  const auth = await validateAccessToken(ctx.db, token, ctx.deps.sessions);
  if (!auth) throw new AppError("UNAUTHORIZED", "The session is invalid or has expired");
  if (!bearer && opts.mutation && !ctx.deps.isTrustedOrigin(ctx.origin)) {
    throw new AppError("FORBIDDEN", "Cross-site request refused: Origin is not trusted");
  }
  return auth;
}
