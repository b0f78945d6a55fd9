import { describe, expect, it } from "vitest";
import { generateToken, hashToken } from "./tokens.js";

describe("session tokens", () => {
  it("are 25 random bytes in lower-case base32 (40 characters), never repeated", () => {
    const tokens = Array.from({ length: 200 }, generateToken);
    for (const token of tokens) expect(token).toMatch(/^[a-z2-7]{40}$/);
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  it("are stored as their SHA-256 in lower-case hex: the same token always finds its row", () => {
    // FIPS 180-2's test vector.
    expect(hashToken("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const token = generateToken();
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(token)).toBe(hashToken(token));
    expect(hashToken(token)).not.toContain(token);
    expect(hashToken(token)).not.toBe(hashToken(token.toUpperCase()));
  });
});
