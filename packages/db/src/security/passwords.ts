import { hash, verify } from "@node-rs/argon2";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";

// OWASP's Argon2id baseline (19 MiB, 2 iterations, 1 lane).
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 10;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** 24 random base32 characters (120 bits) in dash-separated groups of six: easy to copy once. */
export function generatePassword(): string {
  const bytes = new Uint8Array(15);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes).match(/.{6}/g)?.join("-") ?? "";
}

/**
 * Why a password is refused, or null when it is acceptable. `minLength`: the studio's minimum (its
 * security settings); MIN_PASSWORD_LENGTH where no studio's applies (operators, provisioning).
 */
export function passwordProblem(password: string, email?: string, minLength = MIN_PASSWORD_LENGTH): string | null {
  if (password.length < minLength) return `Use at least ${minLength} characters`;
  if (password.length > 256) return "Use at most 256 characters";
  const lower = password.toLowerCase();
  if (email && (lower === email.toLowerCase() || lower === email.toLowerCase().split("@")[0])) {
    return "The password cannot be your e-mail address";
  }
  if (new Set(password).size < 4) return "Use more different characters";
  return null;
}

/** Verifying against this when a user does not exist keeps response times alike (no user enumeration). */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword("dummy-password-for-timing");
  return dummyHash;
}
