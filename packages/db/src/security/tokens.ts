import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";

/**
 * Session tokens as the Lucia guide builds them: 25 random bytes (200 bits) in lower-case base32.
 * Only the SHA-256 of a token is stored, so a leaked table holds nothing that logs anyone in.
 */
export function generateToken(): string {
  const bytes = new Uint8Array(25);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export function hashToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}
