import {
  createOperator,
  type DataLayer,
  generatePassword,
  hashToken,
  OperatorError,
  operatorSessionTokens,
  operators,
  passwordProblem,
} from "@fotostudio/db";
import { createTestLayer, uniqueSlug } from "@fotostudio/db/testing";
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  checkOperatorPassword,
  openOperatorSession,
  rotateOperatorRefreshToken,
  validateOperatorToken,
} from "./operator-sessions.js";

let layer: DataLayer;
const emails: string[] = [];
const lifetimes = { accessTtl: 3600, refreshTtl: 86_400 };

function email() {
  const e = `${uniqueSlug("op")}@operators.test`;
  emails.push(e);
  return e;
}

beforeAll(async () => {
  layer = await createTestLayer();
});
afterAll(async () => {
  if (emails.length > 0) await layer.control.delete(operators).where(inArray(operators.email, emails));
  await layer.close();
});

describe("generatePassword", () => {
  it("makes 24 random characters that pass the strength rule", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const password = generatePassword();
      expect(password.replaceAll("-", "")).toHaveLength(24);
      expect(passwordProblem(password)).toBeNull();
      seen.add(password);
    }
    expect(seen.size).toBe(50);
  });
});

describe("createOperator", () => {
  it("stores only an Argon2id hash and checks the password case-insensitively by e-mail", async () => {
    const address = email();
    const { operator, password, generated } = await createOperator(layer.control, { email: address.toUpperCase() });
    expect(generated).toBe(true);
    expect(operator).toMatchObject({ email: address, name: address.split("@")[0] });
    const [row] = await layer.control.select().from(operators).where(eq(operators.id, operator.id));
    expect(row?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row?.passwordHash).not.toContain(password);
    expect(await checkOperatorPassword(layer.control, address.toUpperCase(), password)).toMatchObject({
      id: operator.id,
    });
    expect(await checkOperatorPassword(layer.control, address, "wrong-password-1")).toBeNull();
  });

  it("refuses a bad e-mail, a weak password and a duplicate, with their codes", async () => {
    const address = email();
    await createOperator(layer.control, { email: address, password: "a-good-password" });
    const codeOf = (input: { email: string; password?: string }) =>
      createOperator(layer.control, input).then(
        () => null,
        (e: unknown) => (e instanceof OperatorError ? e.code : e),
      );
    expect(await codeOf({ email: "not-an-email" })).toBe("INVALID_EMAIL");
    expect(await codeOf({ email: email(), password: "short" })).toBe("WEAK_PASSWORD");
    expect(await codeOf({ email: address })).toBe("OPERATOR_EXISTS");
  });

  it("refuses an inactive operator at login", async () => {
    const address = email();
    const { password } = await createOperator(layer.control, { email: address });
    await layer.control.update(operators).set({ isActive: false }).where(eq(operators.email, address));
    expect(await checkOperatorPassword(layer.control, address, password)).toBeNull();
  });
});

describe("operator sessions", () => {
  it("slides an access token used in the second half of its life, never past the session's end", async () => {
    const { operator } = await createOperator(layer.control, { email: email() });
    const tokens = await openOperatorSession(layer.control, operator.id, lifetimes, {});
    const soon = new Date(Date.now() + 60_000);
    await layer.control
      .update(operatorSessionTokens)
      .set({ expiresAt: soon })
      .where(eq(operatorSessionTokens.tokenHash, hashToken(tokens.access)));
    const found = await validateOperatorToken(layer.control, tokens.access, lifetimes);
    expect(found?.operator.id).toBe(operator.id);
    const [row] = await layer.control
      .select({ expiresAt: operatorSessionTokens.expiresAt })
      .from(operatorSessionTokens)
      .where(eq(operatorSessionTokens.tokenHash, hashToken(tokens.access)));
    expect(row?.expiresAt.getTime()).toBeGreaterThan(Date.now() + 3_500_000);
  });

  it("revokes the family when a spent refresh token comes back", async () => {
    const { operator } = await createOperator(layer.control, { email: email() });
    const first = await openOperatorSession(layer.control, operator.id, lifetimes, {});
    const rotated = await rotateOperatorRefreshToken(layer.control, first.refresh, lifetimes);
    expect(rotated.kind).toBe("rotated");
    if (rotated.kind !== "rotated") return;
    expect(await validateOperatorToken(layer.control, first.access, lifetimes)).toBeNull();
    expect(await validateOperatorToken(layer.control, rotated.tokens.access, lifetimes)).not.toBeNull();

    expect((await rotateOperatorRefreshToken(layer.control, first.refresh, lifetimes)).kind).toBe("reused");
    expect(await validateOperatorToken(layer.control, rotated.tokens.access, lifetimes)).toBeNull();
    expect((await rotateOperatorRefreshToken(layer.control, rotated.tokens.refresh, lifetimes)).kind).toBe("invalid");
    expect((await rotateOperatorRefreshToken(layer.control, "x".repeat(40), lifetimes)).kind).toBe("invalid");
  });
});
