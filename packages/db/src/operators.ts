import { eq } from "drizzle-orm";
import type mysql from "mysql2/promise";
import { z } from "zod";
import { operatorSessions, operatorSessionTokens, operators } from "./schema/control/index.js";
import {
  dummyPasswordHash,
  generatePassword,
  hashPassword,
  passwordProblem,
  verifyPassword,
} from "./security/passwords.js";
import * as sessionEngine from "./sessions/engine.js";
import type { ClientMeta, IssuedTokens, SessionLifetimes, SessionSubject } from "./sessions/types.js";
import type { ControlDatabase, ControlTransaction } from "./types.js";

/**
 * Platform operators and what they do that the CLI and the API share. Operator sessions follow
 * the tenant sessions' rules (src/sessions) on their own tables in the control database, so an
 * operator token means nothing to a tenant and a tenant token nothing here.
 */

type ControlExecutor = ControlDatabase | ControlTransaction;

export interface OperatorProfile {
  id: number;
  email: string;
  name: string;
  lastLoginAt: Date | null;
}

export type OperatorTokens = IssuedTokens;

export class OperatorError extends Error {
  constructor(
    readonly code: "INVALID_EMAIL" | "OPERATOR_EXISTS" | "WEAK_PASSWORD",
    message: string,
  ) {
    super(message);
    this.name = "OperatorError";
  }
}

const profileColumns = {
  id: operators.id,
  email: operators.email,
  name: operators.name,
  lastLoginAt: operators.lastLoginAt,
};

const emailSchema = z.email().max(254);

/** A new operator. Without a password one is generated; the caller shows it once. */
export async function createOperator(
  control: ControlDatabase,
  input: { email: string; name?: string; password?: string },
): Promise<{ operator: OperatorProfile; password: string; generated: boolean }> {
  const email = input.email.trim().toLowerCase();
  if (!emailSchema.safeParse(email).success)
    throw new OperatorError("INVALID_EMAIL", `"${input.email}" is not an e-mail`);
  const generated = input.password === undefined;
  const password = input.password ?? generatePassword();
  const weak = passwordProblem(password, email);
  if (weak) throw new OperatorError("WEAK_PASSWORD", `password: ${weak}`);
  const [existing] = await control.select({ id: operators.id }).from(operators).where(eq(operators.email, email));
  if (existing) throw new OperatorError("OPERATOR_EXISTS", `operator ${email} already exists`);
  try {
    await control.insert(operators).values({
      email,
      name: input.name?.trim() || email.split("@")[0] || email,
      passwordHash: await hashPassword(password),
      passwordChangedAt: new Date(),
    });
  } catch (error) {
    // Drizzle wraps driver errors (DrizzleQueryError): the MySQL code is on the cause.
    const driverError = ((error as { cause?: unknown }).cause ?? error) as mysql.QueryError;
    if (driverError.code === "ER_DUP_ENTRY")
      throw new OperatorError("OPERATOR_EXISTS", `operator ${email} already exists`);
    throw error;
  }
  const [operator] = await control.select(profileColumns).from(operators).where(eq(operators.email, email));
  if (!operator) throw new Error(`operator ${email} vanished after insert`);
  return { operator, password, generated };
}

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

/** Operators' sessions: the shared session rules on the control database's own table pair. */
const sessionTables = { sessions: operatorSessions, tokens: operatorSessionTokens };

const operatorSubject: SessionSubject<typeof profileColumns> = {
  columns: profileColumns,
  isActive: operators.isActive,
  join: (query) => query.innerJoin(operators, eq(operators.id, operatorSessions.subjectId)),
};

/** A login: a session (the token family) with its first access and refresh tokens. */
export async function openOperatorSession(
  control: ControlExecutor,
  operatorId: number,
  lifetimes: SessionLifetimes,
  meta: ClientMeta,
): Promise<OperatorTokens> {
  const tokens = await sessionEngine.openSession(control, sessionTables, operatorId, lifetimes, meta);
  await control.update(operators).set({ lastLoginAt: new Date() }).where(eq(operators.id, operatorId));
  return tokens;
}

/** The operator behind an access token (sliding its expiry), or null. */
export async function validateOperatorToken(
  control: ControlExecutor,
  token: string,
  lifetimes: SessionLifetimes,
): Promise<{ operator: OperatorProfile; sessionId: number } | null> {
  const found = await sessionEngine.validateAccessToken(control, sessionTables, operatorSubject, token, lifetimes);
  return found && { operator: found.subject, sessionId: found.sessionId };
}

export type OperatorRefreshOutcome =
  | { kind: "rotated"; tokens: OperatorTokens; operator: OperatorProfile }
  | { kind: "reused"; sessionId: number; operatorId: number }
  | { kind: "invalid" };

/** Spends a refresh token for a new pair, in one transaction; a spent one revokes its session. */
export function rotateOperatorRefreshToken(
  control: ControlDatabase,
  refreshToken: string,
  lifetimes: SessionLifetimes,
): Promise<OperatorRefreshOutcome> {
  return control.transaction(async (tx) => {
    const outcome = await sessionEngine.rotateRefreshToken(tx, sessionTables, operatorSubject, refreshToken, lifetimes);
    if (outcome.kind === "rotated") return { kind: "rotated", tokens: outcome.tokens, operator: outcome.subject };
    if (outcome.kind === "reused") {
      return { kind: "reused", sessionId: outcome.sessionId, operatorId: outcome.subjectId };
    }
    return outcome;
  });
}

export function revokeOperatorSession(control: ControlExecutor, sessionId: number, reason: string): Promise<void> {
  return sessionEngine.revokeSession(control, sessionTables, sessionId, reason);
}
