import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { and, eq, gt, isNull } from "drizzle-orm";
import type mysql from "mysql2/promise";
import { z } from "zod";
import type { DataLayer } from "./data-layer.js";
import { type ProvisionInput, provisionTenant, tenantBySlug } from "./provisioning.js";
import type { TenantRecord } from "./registry.js";
import { operatorSessions, operatorSessionTokens, operators } from "./schema/control/index.js";
import { users } from "./schema/tenant/index.js";
import { dummyPasswordHash, hashPassword, passwordProblem, verifyPassword } from "./security/passwords.js";
import { generateToken, hashToken } from "./security/tokens.js";
import type { ControlDatabase, ControlTransaction } from "./types.js";

/**
 * Platform operators and what they do that the CLI and the API share. Operator sessions follow
 * the tenant sessions' rules (Lucia guide: random tokens stored as SHA-256, sliding access expiry,
 * refresh rotation with reuse detection) on their own tables in the control database, so an
 * operator token means nothing to a tenant and a tenant token nothing here.
 */

type ControlExecutor = ControlDatabase | ControlTransaction;

export interface OperatorProfile {
  id: number;
  email: string;
  name: string;
  lastLoginAt: Date | null;
}

/** Seconds; the same settings as tenant sessions. */
export interface SessionLifetimes {
  accessTtl: number;
  refreshTtl: number;
}

export interface OperatorTokens {
  access: string;
  refresh: string;
  /** When the access token expires unless used (it slides while in use). */
  expiresAt: Date;
  sessionId: number;
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

/** 24 random base32 characters (120 bits) in dash-separated groups of six: easy to copy once. */
export function generatePassword(): string {
  const bytes = new Uint8Array(15);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes).match(/.{6}/g)?.join("-") ?? "";
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

const later = (seconds: number, from = Date.now()) => new Date(from + seconds * 1000);

/** A login: a session (the token family) with its first access and refresh tokens. */
export async function openOperatorSession(
  control: ControlExecutor,
  operatorId: number,
  lifetimes: SessionLifetimes,
  meta: { ip?: string | undefined; userAgent?: string | undefined },
): Promise<OperatorTokens> {
  const sessionEnd = later(lifetimes.refreshTtl);
  const [row] = await control
    .insert(operatorSessions)
    .values({
      operatorId,
      expiresAt: sessionEnd,
      ip: meta.ip ?? null,
      userAgent: meta.userAgent?.slice(0, 500) ?? null,
    })
    .$returningId();
  if (!row) throw new Error("insert returned no id");
  await control.update(operators).set({ lastLoginAt: new Date() }).where(eq(operators.id, operatorId));
  return issueTokens(control, row.id, lifetimes, sessionEnd);
}

async function issueTokens(control: ControlExecutor, sessionId: number, lifetimes: SessionLifetimes, sessionEnd: Date) {
  const access = generateToken();
  const refresh = generateToken();
  const expiresAt = new Date(Math.min(later(lifetimes.accessTtl).getTime(), sessionEnd.getTime()));
  await control.insert(operatorSessionTokens).values([
    { tokenHash: hashToken(access), sessionId, kind: "access", expiresAt },
    { tokenHash: hashToken(refresh), sessionId, kind: "refresh", expiresAt: sessionEnd },
  ]);
  return { access, refresh, expiresAt, sessionId };
}

/**
 * The operator behind an access token, or null. Sliding expiry: a token used in the second half
 * of its life is extended by a full lifetime, never past its session's end.
 */
export async function validateOperatorToken(
  control: ControlExecutor,
  token: string,
  lifetimes: SessionLifetimes,
): Promise<{ operator: OperatorProfile; sessionId: number } | null> {
  const now = new Date();
  const [row] = await control
    .select({
      ...profileColumns,
      isActive: operators.isActive,
      tokenHash: operatorSessionTokens.tokenHash,
      tokenExpiresAt: operatorSessionTokens.expiresAt,
      sessionId: operatorSessions.id,
      sessionExpiresAt: operatorSessions.expiresAt,
    })
    .from(operatorSessionTokens)
    .innerJoin(operatorSessions, eq(operatorSessions.id, operatorSessionTokens.sessionId))
    .innerJoin(operators, eq(operators.id, operatorSessions.operatorId))
    .where(
      and(
        eq(operatorSessionTokens.tokenHash, hashToken(token)),
        eq(operatorSessionTokens.kind, "access"),
        gt(operatorSessionTokens.expiresAt, now),
        isNull(operatorSessions.revokedAt),
        gt(operatorSessions.expiresAt, now),
      ),
    )
    .limit(1);
  if (!row?.isActive) return null;
  if (row.tokenExpiresAt.getTime() - now.getTime() < (lifetimes.accessTtl * 1000) / 2) {
    const extended = new Date(Math.min(later(lifetimes.accessTtl).getTime(), row.sessionExpiresAt.getTime()));
    await control
      .update(operatorSessionTokens)
      .set({ expiresAt: extended })
      .where(eq(operatorSessionTokens.tokenHash, row.tokenHash));
    await control.update(operatorSessions).set({ lastUsedAt: now }).where(eq(operatorSessions.id, row.sessionId));
  }
  const { id, email, name, lastLoginAt, sessionId } = row;
  return { operator: { id, email, name, lastLoginAt }, sessionId };
}

export type OperatorRefreshOutcome =
  | { kind: "rotated"; tokens: OperatorTokens; operator: OperatorProfile }
  | { kind: "reused"; sessionId: number; operatorId: number }
  | { kind: "invalid" };

/**
 * Spends a refresh token for a new pair, in one transaction. A refresh token already spent means
 * it was copied: the whole session is revoked, the thief's tokens and the operator's alike.
 */
export function rotateOperatorRefreshToken(
  control: ControlDatabase,
  refreshToken: string,
  lifetimes: SessionLifetimes,
): Promise<OperatorRefreshOutcome> {
  return control.transaction(async (tx) => {
    const now = new Date();
    const [row] = await tx
      .select({
        ...profileColumns,
        isActive: operators.isActive,
        tokenHash: operatorSessionTokens.tokenHash,
        usedAt: operatorSessionTokens.usedAt,
        tokenExpiresAt: operatorSessionTokens.expiresAt,
        sessionId: operatorSessions.id,
        revokedAt: operatorSessions.revokedAt,
        sessionExpiresAt: operatorSessions.expiresAt,
      })
      .from(operatorSessionTokens)
      .innerJoin(operatorSessions, eq(operatorSessions.id, operatorSessionTokens.sessionId))
      .innerJoin(operators, eq(operators.id, operatorSessions.operatorId))
      .where(
        and(eq(operatorSessionTokens.tokenHash, hashToken(refreshToken)), eq(operatorSessionTokens.kind, "refresh")),
      )
      .for("update")
      .limit(1);
    if (!row || row.revokedAt || !row.isActive || row.tokenExpiresAt <= now || row.sessionExpiresAt <= now) {
      return { kind: "invalid" };
    }
    if (row.usedAt) {
      await revokeOperatorSession(tx, row.sessionId, "refresh_reuse");
      return { kind: "reused", sessionId: row.sessionId, operatorId: row.id };
    }
    await tx
      .update(operatorSessionTokens)
      .set({ usedAt: now })
      .where(eq(operatorSessionTokens.tokenHash, row.tokenHash));
    // The family's previous access tokens end with the rotation.
    await tx
      .update(operatorSessionTokens)
      .set({ expiresAt: now })
      .where(
        and(
          eq(operatorSessionTokens.sessionId, row.sessionId),
          eq(operatorSessionTokens.kind, "access"),
          gt(operatorSessionTokens.expiresAt, now),
        ),
      );
    await tx.update(operatorSessions).set({ lastUsedAt: now }).where(eq(operatorSessions.id, row.sessionId));
    const tokens = await issueTokens(tx, row.sessionId, lifetimes, row.sessionExpiresAt);
    const { id, email, name, lastLoginAt } = row;
    return { kind: "rotated", tokens, operator: { id, email, name, lastLoginAt } };
  });
}

export async function revokeOperatorSession(control: ControlExecutor, sessionId: number, reason: string) {
  await control
    .update(operatorSessions)
    .set({ revokedAt: new Date(), revokedReason: reason })
    .where(and(eq(operatorSessions.id, sessionId), isNull(operatorSessions.revokedAt)));
}

export interface NewTenantWithOwner extends Omit<ProvisionInput, "owner"> {
  /** The first owner; without a password one is generated and reported once. */
  owner?: { email: string; name?: string; password?: string };
}

export interface CreatedTenant {
  tenant: TenantRecord;
  /** False when the slug was already taken by a provisioned tenant (returned untouched). */
  created: boolean;
  owner: {
    email: string;
    /** The generated password, to show once; null when it was given or did not take effect. */
    generatedPassword: string | null;
    /** The owner already existed with another password (a resumed provisioning) and kept it. */
    existed: boolean;
  } | null;
}

/**
 * `tenants create` for the CLI and the API: provisions the tenant with its first owner, generating
 * the owner's password when none is given. A half-provisioned tenant is finished (provisioning is
 * resumable); an already provisioned one is returned untouched with `created: false`.
 */
export async function createTenantWithOwner(layer: DataLayer, input: NewTenantWithOwner): Promise<CreatedTenant> {
  const existing = await tenantBySlug(layer, input.slug);
  if (existing && existing.status !== "provisioning") return { tenant: existing, created: false, owner: null };
  const owner = input.owner && {
    email: input.owner.email.trim().toLowerCase(),
    name: input.owner.name,
    password: input.owner.password ?? generatePassword(),
  };
  const tenant = await provisionTenant(layer, { ...input, owner });
  if (!owner) return { tenant, created: true, owner: null };
  // A resumed provisioning may find the owner created by the interrupted run, with its password.
  const [user] = await layer
    .tenantDb(tenant)
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.email, owner.email))
    .limit(1);
  const takes = user ? await verifyPassword(user.passwordHash, owner.password) : false;
  return {
    tenant,
    created: true,
    owner: {
      email: owner.email,
      generatedPassword: takes && input.owner?.password === undefined ? owner.password : null,
      existed: !takes,
    },
  };
}
