import { hashToken, sessionTokens } from "@fotostudio/db";
import { createTestUser, TEST_PASSWORD } from "@fotostudio/db/testing";
import { errorCode } from "@fotostudio/sdk";
import { eq } from "drizzle-orm";
import { describe, expect } from "vitest";
import { issuePaths } from "../support/server.js";
import { type StudioTenant, studioTest } from "../support/studio.js";

// A studio's security settings (config/security) govern its logins from the next one on: the
// session idle timeout, failed logins before the account is locked and for how long, and the
// minimum length of new passwords. Each test changes them in a tenant of its own.
const it = studioTest();

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: unknown) => e,
  );

async function setSecurity(tenant: StudioTenant, body: Record<string, number>) {
  const res = await tenant.owner.http("PATCH", "/api/config/security/", { body });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}
const signIn = (tenant: StudioTenant, email: string, password: string) =>
  tenant.http("POST", "/api/auth/login/", { body: { email, password } });
const secondsLeft = (expiresAt: string | Date) => (new Date(expiresAt).getTime() - Date.now()) / 1000;

describe("sessionTimeoutMinutes", () => {
  it("sets the access token's lifetime of the next logins and refreshes (default 60 minutes)", async ({ studio }) => {
    await using tenant = await studio.openTenant();
    const before = (await signIn(tenant, tenant.owner.email, TEST_PASSWORD)).body;
    expect(secondsLeft(before.expiresAt)).toBeGreaterThan(3590);
    expect(secondsLeft(before.expiresAt)).toBeLessThanOrEqual(3600);

    await setSecurity(tenant, { sessionTimeoutMinutes: 10 });
    const after = (await signIn(tenant, tenant.owner.email, TEST_PASSWORD)).body;
    expect(secondsLeft(after.expiresAt)).toBeGreaterThan(590);
    expect(secondsLeft(after.expiresAt)).toBeLessThanOrEqual(600);
    const [row] = await tenant.db
      .select()
      .from(sessionTokens)
      .where(eq(sessionTokens.tokenHash, hashToken(after.access)));
    expect(secondsLeft(row?.expiresAt ?? new Date(0))).toBeLessThanOrEqual(600);

    const refreshed = await tenant.http("POST", "/api/auth/refresh/", { body: { refresh: after.refresh } });
    expect(refreshed.status).toBe(200);
    expect(secondsLeft(refreshed.body.expiresAt)).toBeLessThanOrEqual(600);

    // A session idle past the timeout is over; another studio's defaults are untouched.
    await tenant.db
      .update(sessionTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessionTokens.tokenHash, hashToken(refreshed.body.access)));
    expect((await tenant.http("GET", "/api/auth/profile/", { token: refreshed.body.access })).status).toBe(401);
    const elsewhere = (await signIn(studio, studio.owner.email, TEST_PASSWORD)).body;
    expect(secondsLeft(elsewhere.expiresAt)).toBeGreaterThan(3590);
  });
});

describe("maxFailedLogins and lockoutMinutes", () => {
  it("with 2 allowed failures the third attempt is 429, for the lockout's minutes, even with the right password", async ({
    studio,
  }) => {
    await using tenant = await studio.openTenant();
    await setSecurity(tenant, { maxFailedLogins: 2, lockoutMinutes: 1 });
    const { email } = await createTestUser(studio.layer, tenant.slug, "sales", `two-tries@${tenant.slug}.test`);
    expect((await signIn(tenant, email, "wrong-password-1")).status).toBe(401);
    expect((await signIn(tenant, email, "wrong-password-2")).status).toBe(401);
    const third = await signIn(tenant, email, "wrong-password-3");
    expect(third.status).toBe(429);
    expect(third.body.code).toBe("RATE_LIMITED");
    const retryAfter = Number(third.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await signIn(tenant, email, TEST_PASSWORD)).status).toBe(429);
    // Other accounts of the studio still log in.
    expect((await signIn(tenant, tenant.owner.email, TEST_PASSWORD)).status).toBe(200);
  });

  it("the same e-mail in a studio on the defaults gets five failures before the sixth is 429", async ({ studio }) => {
    await using strict = await studio.openTenant();
    await setSecurity(strict, { maxFailedLogins: 1 });
    await using relaxed = await studio.openTenant();
    const email = "same-person@example.test";
    await createTestUser(studio.layer, strict.slug, "viewer", email);
    await createTestUser(studio.layer, relaxed.slug, "viewer", email);
    expect((await signIn(strict, email, "wrong-password-1")).status).toBe(401);
    expect((await signIn(strict, email, "wrong-password-2")).status).toBe(429);
    for (let i = 1; i <= 5; i++) expect((await signIn(relaxed, email, `wrong-password-${i}`)).status).toBe(401);
    expect((await signIn(relaxed, email, "wrong-password-6")).status).toBe(429);
  });

  it("wrong current passwords on change-password count against the studio's limit too", async ({ studio }) => {
    await using tenant = await studio.openTenant();
    await setSecurity(tenant, { maxFailedLogins: 2 });
    const user = tenant.users.production;
    const change = (currentPassword: string) =>
      user.http("POST", "/api/auth/change-password/", {
        body: { currentPassword, newPassword: "a-fine-new-passw0rd" },
      });
    expect((await change("guess-number-1")).status).toBe(400);
    expect((await change("guess-number-2")).status).toBe(400);
    expect((await change(TEST_PASSWORD)).status).toBe(429);
  });
});

describe("minPasswordLength", () => {
  it("at 14, a 12-character password is refused (400) for new users and password changes; 14 pass", async ({
    studio,
  }) => {
    await using tenant = await studio.openTenant();
    const twelve = "doce-letras1";
    const fourteen = "catorce-letras";
    const newUser = (email: string, password: string) =>
      tenant.owner.http("POST", "/api/users/", {
        body: { email, name: "Nueva", role: "sales", password },
      });
    // The default (10) takes twelve characters.
    expect((await newUser(`twelve@${tenant.slug}.test`, twelve)).status).toBe(201);

    await setSecurity(tenant, { minPasswordLength: 14 });
    const refused = await newUser(`short@${tenant.slug}.test`, twelve);
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe("VALIDATION_ERROR");
    expect(issuePaths(refused.body)).toEqual(["password"]);
    expect(refused.body.message).toMatch(/14/);
    expect((await newUser(`long@${tenant.slug}.test`, fourteen)).status).toBe(201);

    const change = (newPassword: string) =>
      tenant.users.viewer.http("POST", "/api/auth/change-password/", {
        body: { currentPassword: TEST_PASSWORD, newPassword },
      });
    const weak = await change(twelve);
    expect(weak.status).toBe(400);
    expect(issuePaths(weak.body)).toEqual(["newPassword"]);
    expect((await change(fourteen)).status).toBe(200);

    // Over the SDK the same rule, the same answer.
    const sdkError = await failure(
      tenant.owner.sdk.users.create.mutate({
        email: `sdk@${tenant.slug}.test`,
        name: "SDK",
        role: "viewer",
        password: twelve,
      }),
    );
    expect(errorCode(sdkError)).toBe("VALIDATION_ERROR");
  });

  it("at 8, a 9-character password is taken (the studio may go below today's 10)", async ({ studio }) => {
    await using tenant = await studio.openTenant();
    await setSecurity(tenant, { minPasswordLength: 8 });
    const created = await tenant.owner.sdk.users.create.mutate({
      email: `nine@${tenant.slug}.test`,
      name: "Nueve",
      role: "viewer",
      password: "nueve-ch9",
    });
    expect(created.email).toBe(`nine@${tenant.slug}.test`);
    expect((await signIn(tenant, `nine@${tenant.slug}.test`, "nueve-ch9")).status).toBe(200);
  });
});
