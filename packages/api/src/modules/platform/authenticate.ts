import { type DataLayer, type OperatorProfile, validateOperatorToken } from "@fotostudio/db";
import type { Context } from "../../context.js";
import { AppError } from "../../errors.js";

export interface OperatorAuth extends OperatorProfile {
  sessionId: number;
}

/**
 * The operator behind the request's bearer token, checked against the control database. Only the
 * bearer header counts: operators get no cookie, so there is no cookie to forge (no CSRF check),
 * and a studio's session cookie is never mistaken for an operator session.
 */
export async function authenticateOperator(ctx: Context, platform: DataLayer): Promise<OperatorAuth> {
  const token = ctx.credentials.bearer;
  if (!token) {
    throw new AppError(
      "UNAUTHORIZED",
      "Operators log in at /api/platform/auth/login/ and send Authorization: Bearer <access>",
    );
  }
  const found = await validateOperatorToken(platform.control, token, ctx.deps.sessions);
  if (!found) throw new AppError("UNAUTHORIZED", "The operator session is invalid or has expired");
  return { ...found.operator, sessionId: found.sessionId };
}
