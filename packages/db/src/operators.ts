import { eq } from "drizzle-orm";
import { z } from "zod";
import { isDuplicateKey } from "./driver-errors.js";
import { operators } from "./schema/control/index.js";
import { generatePassword, hashPassword, passwordProblem } from "./security/passwords.js";
import type { ControlDatabase } from "./types.js";

/**
 * Platform operators, as the CLI creates them. Their passwords and sessions are checked by the
 * API (packages/api/src/sessions/operator-sessions.ts), beside tenant users' sessions.
 */

export interface OperatorProfile {
  id: number;
  email: string;
  name: string;
  lastLoginAt: Date | null;
}

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
    if (isDuplicateKey(error)) throw new OperatorError("OPERATOR_EXISTS", `operator ${email} already exists`);
    throw error;
  }
  const [operator] = await control.select(profileColumns).from(operators).where(eq(operators.email, email));
  if (!operator) throw new Error(`operator ${email} vanished after insert`);
  return { operator, password, generated };
}
