import { describe, expect, it } from "vitest";
import {
  dummyPasswordHash,
  generatePassword,
  hashPassword,
  MIN_PASSWORD_LENGTH,
  passwordProblem,
  verifyPassword,
} from "./passwords.js";

// The PHC prefix of OWASP's Argon2id baseline: 19 MiB, 2 iterations, 1 lane.
const ARGON2ID_BASELINE = /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/;

describe("passwordProblem", () => {
  it("accepts a password of 10 to 256 characters with some variety", () => {
    expect(passwordProblem("marco-roble")).toBeNull();
    expect(passwordProblem("a1b2c3d4e5")).toBeNull();
    expect(passwordProblem("abcd".repeat(64))).toBeNull();
  });

  it("refuses short, over-long and monotonous passwords, saying why", () => {
    expect(MIN_PASSWORD_LENGTH).toBe(10);
    expect(passwordProblem("abcdefghi")).toBe("Use at least 10 characters");
    expect(passwordProblem("")).toBe("Use at least 10 characters");
    expect(passwordProblem(`${"abcd".repeat(64)}e`)).toBe("Use at most 256 characters");
    expect(passwordProblem("abababababab")).toBe("Use more different characters");
    expect(passwordProblem("abcabcabcabc")).toBe("Use more different characters");
  });

  it("refuses the e-mail address or its local part, whatever the case", () => {
    const email = "Laura.Gomez@Estudio.co";
    expect(passwordProblem("laura.gomez@estudio.co", email)).toBe("The password cannot be your e-mail address");
    expect(passwordProblem("LAURA.GOMEZ", email)).toBe("The password cannot be your e-mail address");
    expect(passwordProblem("laura.gomez-2024", email)).toBeNull();
    // Without an e-mail, the same text is just a password.
    expect(passwordProblem("laura.gomez")).toBeNull();
  });
});

describe("generatePassword", () => {
  it("gives 120 random bits as four dash-separated groups of six base32 letters, acceptable as a password", () => {
    const passwords = Array.from({ length: 50 }, generatePassword);
    for (const password of passwords) {
      expect(password).toMatch(/^[a-z2-7]{6}-[a-z2-7]{6}-[a-z2-7]{6}-[a-z2-7]{6}$/);
      expect(passwordProblem(password, "owner@studio.test")).toBeNull();
    }
    expect(new Set(passwords).size).toBe(passwords.length);
  });
});

describe("hashPassword and verifyPassword", () => {
  it("stores an Argon2id hash (salted: never the same twice) that verifies only the right password", async () => {
    const [a, b] = await Promise.all([hashPassword("marco-roble-40"), hashPassword("marco-roble-40")]);
    expect(a).toMatch(ARGON2ID_BASELINE);
    expect(a).not.toBe(b);
    expect(a).not.toContain("marco-roble-40");
    expect(await verifyPassword(a, "marco-roble-40")).toBe(true);
    expect(await verifyPassword(b, "marco-roble-40")).toBe(true);
    expect(await verifyPassword(a, "Marco-roble-40")).toBe(false);
  });

  it("answers false, not an error, for a hash that is not one", async () => {
    expect(await verifyPassword("", "anything-at-all")).toBe(false);
    expect(await verifyPassword("$2b$10$notargon", "anything-at-all")).toBe(false);
  });

  it("the dummy hash (checked when a user does not exist) costs what a real one does and matches nothing", async () => {
    const dummy = await dummyPasswordHash();
    expect(dummy).toMatch(ARGON2ID_BASELINE);
    expect(await dummyPasswordHash()).toBe(dummy);
    expect(await verifyPassword(dummy, "fotostudio-demo")).toBe(false);
  });
});
