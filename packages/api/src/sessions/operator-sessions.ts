import {
  type ClientMeta,
  type ControlDatabase,
  type ControlTransaction,
  dummyPasswordHash,
  type IssuedTokens,
  type OperatorProfile,
  operatorSessions,
  operatorSessionTokens,
  operators,
  sessionEngine,
  verifyPassword,
} from "@fotostudio/db";
import { eq } from "drizzle-orm";
import type { SessionSettings } from "../context.js";

/**
 * Platform operators' sessions: the same session rules as tenant users' (user-sessions.ts), on the
 * control database's own table pair, so an operator token means nothing to a tenant and a tenant
 * token nothing here.
 */

type ControlExecutor = ControlDatabase | ControlTransaction;

const profileColumns = {
  id: operators.id,
  email: operators.email,
  name: operators.name,
  lastLoginAt: operators.lastLoginAt,
};

const tables = { sessions: operatorSessions, tokens: operatorSessionTokens };

const operatorSubject: sessionEngine.SessionSubject<typeof profileColumns> = {
  columns: profileColumns,
  isActive: operators.isActive,
  join: (query) => query.innerJoin(operators, eq(operators.id, operatorSessions.subjectId)),
};

/**
 * The active operator with this e-mail and password, or null. An unknown e-mail costs the same
 * Argon2 verification as a known one (no account enumeration by timing).
 */
export async function checkOperatorPassword(
  control: ControlExecutor,
  email: string,
  password: string,
): Promise<OperatorProfile | null> {
  const [row] = await control
    .select({ ...profileColumns, passwordHash: operators.passwordHash, isActive: operators.isActive })
    .from(operators)
    .where(eq(operators.email, email.toLowerCase()))
    .limit(1);
  const valid = await verifyPassword(row?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!row || !valid || !row.isActive) return null;
  const { passwordHash: _h, isActive: _a, ...operator } = row;
  return operator;
}

/** A login: a session (the token family) with its first access and refresh tokens. */
export async function openOperatorSession(
  control: ControlExecutor,
  operatorId: number,
  settings: SessionSettings,
  meta: ClientMeta,
): Promise<IssuedTokens> {
  const tokens = await sessionEngine.openSession(control, tables, operatorId, settings, meta);
  await control.update(operators).set({ lastLoginAt: new Date() }).where(eq(operators.id, operatorId));
  return tokens;
}

/** The operator behind an access token (sliding its expiry), or null. */
export async function validateOperatorToken(
  control: ControlExecutor,
  token: string,
  settings: SessionSettings,
): Promise<{ operator: OperatorProfile; sessionId: number } | null> {
  const found = await sessionEngine.validateAccessToken(control, tables, operatorSubject, token, settings);
  return found && { operator: found.subject, sessionId: found.sessionId };
}

export type OperatorRefreshOutcome =
  | { kind: "rotated"; tokens: IssuedTokens; operator: OperatorProfile }
  | { kind: "reused"; sessionId: number; operatorId: number }
  | { kind: "invalid" };

/** Spends a refresh token for a new pair, in one transaction; a spent one revokes its session. */
export function rotateOperatorRefreshToken(
  control: ControlDatabase,
  refreshToken: string,
  settings: SessionSettings,
): Promise<OperatorRefreshOutcome> {
  return control.transaction(async (tx) => {
    const outcome = await sessionEngine.rotateRefreshToken(tx, tables, operatorSubject, refreshToken, settings);
    if (outcome.kind === "rotated") return { kind: "rotated", tokens: outcome.tokens, operator: outcome.subject };
    if (outcome.kind === "reused") {
      return { kind: "reused", sessionId: outcome.sessionId, operatorId: outcome.subjectId };
    }
    return outcome;
  });
}

export function revokeOperatorSession(control: ControlExecutor, sessionId: number, reason: string): Promise<void> {
  return sessionEngine.revokeSession(control, tables, sessionId, reason);
}
