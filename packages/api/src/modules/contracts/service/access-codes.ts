import { randomInt } from "node:crypto";

// No 0/O and no 1/I: codes are read aloud and typed from paper.
const ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
export const ACCESS_CODE_LENGTH = 8;

/** A crypto-random access code: 32^8 ≈ 10^12 codes, so a clash within a contract is rare but handled. */
export function accessCode(): string {
  let code = "";
  for (let i = 0; i < ACCESS_CODE_LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

/** `n` codes, distinct among themselves (the database checks them against the roster). */
export function accessCodes(n: number): string[] {
  const codes = new Set<string>();
  while (codes.size < n) codes.add(accessCode());
  return [...codes];
}
