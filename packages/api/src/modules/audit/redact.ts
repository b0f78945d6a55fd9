// Secrets never leave the audit log: before/after images are what the services returned or
// recorded, and a module may one day record a row holding a hash or a token. Redacting on output,
// at any depth, keeps that promise for rows already written, whatever wrote them.

export const REDACTED = "[redacted]";

/** Substrings of a key (lowercased, without _ and -) that mark a secret. */
const SECRET_PARTS = [
  "password",
  "passwd",
  "hash",
  "token",
  "secret",
  "refresh",
  "apikey",
  "authorization",
  "cookie",
  "salt",
  "accesscode",
];
/** Whole words only: as substrings they hide in harmless keys (shipping, photopath). */
const SECRET_WORDS = new Set(["otp", "pin", "pwd", "cvv"]);

export function isSecretKey(key: string): boolean {
  const flat = key.toLowerCase().replace(/[_\-\s]/g, "");
  if (SECRET_PARTS.some((part) => flat.includes(part))) return true;
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/);
  return words.some((w) => SECRET_WORDS.has(w));
}

/** A copy of a JSON value with every secret key's value replaced by `[redacted]`. */
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, isSecretKey(k) ? REDACTED : redact(v)]),
    );
  }
  return value;
}
