import { hashToken, sessions, sessionTokens } from "@fotostudio/db";
import { createTestUser, TEST_PASSWORD } from "@fotostudio/db/testing";
import { createClient, errorCode, refreshSession, login as sdkLogin } from "@fotostudio/sdk";
import { eq } from "drizzle-orm";
import { describe, expect } from "vitest";
import { type StudioTenant, studioTest } from "../support/studio.js";

// A session's life: listed, revoked one by one or all at once, ended by logout or a new password,
// sliding while in use (by the studio's idle timeout); and the SDK client that renews its access
// token when it stops working.
const TRUSTED = "https://app.fotostudio.test";
// Token expiries are moved in the database behind the app's back: the app's session cache is off
// here (the cache's own rules: sessions.cache.test.ts).
const it = studioTest({ env: { CORS_ORIGINS: `${TRUSTED},https://other.test`, SESSION_CACHE_SECONDS: "0" } });

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: unknown) => e,
  );
/** Calls and checks on the studio's tenant. */
function helpers(studio: Pick<StudioTenant, "http" | "db">) {
  const call = studio.http;
  const me = async (token: string) => (await call("GET", "/api/auth/profile/", { token })).status;
  const signIn = (email: string, password = TEST_PASSWORD, headers: Record<string, string> = {}) =>
    call("POST", "/api/auth/login/", { body: { email, password }, headers });
  const tokenRow = async (token: string) => {
    const [row] = await studio.db
      .select()
      .from(sessionTokens)
      .where(eq(sessionTokens.tokenHash, hashToken(token)));
    if (!row) throw new Error("no such token");
    return row;
  };
  const tokenExpiry = async (token: string) => (await tokenRow(token)).expiresAt.getTime();
  const setTokenExpiry = (token: string, expiresAt: Date) =>
    studio.db
      .update(sessionTokens)
      .set({ expiresAt })
      .where(eq(sessionTokens.tokenHash, hashToken(token)));
  const expire = (token: string) => setTokenExpiry(token, new Date(Date.now() - 1000));
  return { call, me, signIn, tokenRow, tokenExpiry, setTokenExpiry, expire };
}

describe("logout", () => {
  it("ends this session only, and clears the cookie", async ({ studio }) => {
    const { call, me } = helpers(studio);
    const one = await studio.owner.login();
    const other = await studio.owner.login();
    const res = await call("POST", "/api/auth/logout/", { token: one });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true });
    expect(res.headers.getSetCookie().join()).toMatch(/fs_session=;.*Expires=Thu, 01 Jan 1970/);
    expect(await me(one)).toBe(401);
    expect(await me(other)).toBe(200);
  });

  it("everywhere: ends every session of the user, refresh tokens included", async ({ studio }) => {
    const { call, me, signIn } = helpers(studio);
    const { email } = await createTestUser(studio.layer, studio.slug, "production", `everywhere@${studio.slug}.test`);
    const pairs = [(await signIn(email)).body, (await signIn(email)).body, (await signIn(email)).body];
    const res = await call("POST", "/api/auth/logout-all/", { token: pairs[0].access });
    expect(res.body).toEqual({ ok: true, revokedSessions: 3 });
    for (const pair of pairs) {
      expect(await me(pair.access)).toBe(401);
      expect((await call("POST", "/api/auth/refresh/", { body: { refresh: pair.refresh } })).status).toBe(401);
    }
  });
});

describe("change password", () => {
  it("needs the current password and a strong new one, then ends the other sessions", async ({ studio }) => {
    const { call, me, signIn } = helpers(studio);
    const { email } = await createTestUser(studio.layer, studio.slug, "sales", `new-password@${studio.slug}.test`);
    const current = (await signIn(email)).body.access;
    const other = (await signIn(email)).body.access;
    const change = (body: object) => call("POST", "/api/auth/change-password/", { token: current, body });

    const wrong = await change({ currentPassword: "not-my-password", newPassword: "a-fine-new-passw0rd" });
    expect(wrong.status).toBe(400);
    expect(wrong.body.issues.map((i: { path: string }) => i.path)).toEqual(["currentPassword"]);
    for (const weak of ["short-1", email, email.toUpperCase(), "aaaaaaaaaaaa"]) {
      const res = await change({ currentPassword: TEST_PASSWORD, newPassword: weak });
      expect(res.status, weak).toBe(400);
      expect(res.body.code).toBe("VALIDATION_ERROR");
      expect(res.body.issues.map((i: { path: string }) => i.path)).toEqual(["newPassword"]);
    }
    expect(await me(other)).toBe(200);

    const done = await change({ currentPassword: TEST_PASSWORD, newPassword: "a-fine-new-passw0rd" });
    expect(done.status).toBe(200);
    expect(done.body).toEqual({ ok: true, revokedSessions: 1 });
    expect(await me(current)).toBe(200);
    expect(await me(other)).toBe(401);
    expect((await signIn(email)).status).toBe(401);
    expect((await signIn(email, "a-fine-new-passw0rd")).status).toBe(200);
  });
});

describe("change password throttling", () => {
  it("counts wrong current passwords like failed logins: the sixth attempt is 429, and so is login", async ({
    studio,
  }) => {
    const { call, signIn } = helpers(studio);
    const { email } = await createTestUser(
      studio.layer,
      studio.slug,
      "viewer",
      `guess-${Date.now()}@${studio.slug}.test`,
    );
    const stolen = (await signIn(email)).body.access;
    const change = (currentPassword: string) =>
      call("POST", "/api/auth/change-password/", {
        token: stolen,
        body: { currentPassword, newPassword: "a-fine-new-passw0rd" },
      });
    for (let i = 0; i < 5; i++) expect((await change(`guess-number-${i}`)).status).toBe(400);
    const sixth = await change(TEST_PASSWORD);
    expect(sixth.status).toBe(429);
    expect(sixth.body.code).toBe("RATE_LIMITED");
    expect(Number(sixth.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await signIn(email)).status).toBe(429);
  });
});

describe("sessions list", () => {
  it("marks the current session; revokes another of mine by id; 404 for someone else's", async ({ studio }) => {
    const { call, me, signIn } = helpers(studio);
    const owner = `owner@${studio.slug}.test`;
    const laptop = (await signIn(owner, TEST_PASSWORD, { "user-agent": "laptop" })).body.access;
    const phone = (await signIn(owner, TEST_PASSWORD, { "user-agent": "phone" })).body.access;
    const { email } = await createTestUser(studio.layer, studio.slug, "viewer");
    const viewer = (await signIn(email)).body.access;

    const list = await call("GET", "/api/auth/sessions/", { token: laptop });
    expect(list.status).toBe(200);
    const mine = list.body as { id: number; current: boolean; userAgent: string }[];
    expect(mine.filter((s) => s.current).map((s) => s.userAgent)).toEqual(["laptop"]);
    const phoneSession = mine.find((s) => s.userAgent === "phone");
    expect(phoneSession?.current).toBe(false);
    const viewerSession = (await call("GET", "/api/auth/sessions/", { token: viewer })).body[0];
    expect(mine.map((s) => s.id)).not.toContain(viewerSession.id);

    const revoked = await call("DELETE", `/api/auth/sessions/${phoneSession?.id}/`, { token: laptop });
    expect(revoked.status).toBe(200);
    expect(await me(phone)).toBe(401);
    expect(await me(laptop)).toBe(200);

    const foreign = await call("DELETE", `/api/auth/sessions/${viewerSession.id}/`, { token: laptop });
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe("NOT_FOUND");
    expect(await me(viewer)).toBe(200);
  });
});

describe("sliding expiry (the studio's session timeout: 5 minutes here)", () => {
  it("extends a token used in the second half of its life, never past the session's end", async ({ studio }) => {
    await using tenant = await studio.openTenant();
    const set = await tenant.owner.http("PATCH", "/api/config/security/", { body: { sessionTimeoutMinutes: 5 } });
    expect(set.status).toBe(200);
    const { me, signIn, tokenRow, tokenExpiry, setTokenExpiry } = helpers(tenant);
    const { access } = (await signIn(tenant.owner.email)).body;
    const left = (await tokenExpiry(access)) - Date.now();
    expect(left).toBeGreaterThan(295_000);
    expect(left).toBeLessThanOrEqual(300_000);

    // First half: no write per request.
    const early = new Date(Date.now() + 250_000);
    await setTokenExpiry(access, early);
    expect(await me(access)).toBe(200);
    expect(await tokenExpiry(access)).toBe(early.getTime());

    // A hundred seconds left: five minutes again.
    await setTokenExpiry(access, new Date(Date.now() + 100_000));
    expect(await me(access)).toBe(200);
    const slid = (await tokenExpiry(access)) - Date.now();
    expect(slid).toBeGreaterThan(295_000);
    expect(slid).toBeLessThanOrEqual(300_000);

    // Capped by the session's hard end.
    const end = new Date(Date.now() + 200_000);
    await tenant.db
      .update(sessions)
      .set({ expiresAt: end })
      .where(eq(sessions.id, (await tokenRow(access)).sessionId));
    await setTokenExpiry(access, new Date(Date.now() + 100_000));
    expect(await me(access)).toBe(200);
    expect(await tokenExpiry(access)).toBe(end.getTime());

    await setTokenExpiry(access, new Date(Date.now() - 1000));
    expect(await me(access)).toBe(401);
  });
});

describe("SDK: createClient with onUnauthorized", () => {
  // Every response a little late, so calls of different ticks are in flight together.
  const slowFetch: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    await new Promise((resolve) => setTimeout(resolve, 50));
    return response;
  };

  it("trades the refresh token once for concurrent 401s and replays the calls with the new token", async ({
    studio,
  }) => {
    const { expire } = helpers(studio);
    let session = await sdkLogin({
      url: studio.url,
      tenant: studio.slug,
      email: `owner@${studio.slug}.test`,
      password: TEST_PASSWORD,
    });
    let refreshes = 0;
    const api = createClient({
      url: studio.url,
      tenant: studio.slug,
      fetch: slowFetch,
      getToken: () => session.access,
      async onUnauthorized() {
        refreshes++;
        session = await refreshSession({ url: studio.url, tenant: studio.slug, refresh: session.refresh });
        return session.access;
      },
    });
    const stale = session.access;
    await expire(stale);
    const profile = api.auth.profile.query();
    await new Promise((resolve) => setTimeout(resolve, 10));
    const list = api.clients.list.query({});
    expect((await profile).email).toBe(`owner@${studio.slug}.test`);
    expect((await list).page).toBe(1);
    expect(refreshes).toBe(1);
    expect(session.access).not.toBe(stale);
    // The session survived: the refresh token was never presented twice.
    expect((await api.clients.create.mutate({ name: "Tras renovar", phone: "999 000 111" })).name).toBe("Tras renovar");
  });

  it("lets the call fail with UNAUTHORIZED when no new token comes, and never renews for login itself", async ({
    studio,
  }) => {
    let refreshes = 0;
    const api = createClient({
      url: studio.url,
      tenant: studio.slug,
      token: "x".repeat(40),
      async onUnauthorized() {
        refreshes++;
        throw new Error("the session is over: back to the login screen");
      },
    });
    expect(errorCode(await failure(api.auth.profile.query()))).toBe("UNAUTHORIZED");
    expect(refreshes).toBe(1);
    const badLogin = api.auth.login.mutate({ email: `owner@${studio.slug}.test`, password: "wrong-password-2" });
    expect(errorCode(await failure(badLogin))).toBe("UNAUTHORIZED");
    expect(refreshes).toBe(1);
  });
});
