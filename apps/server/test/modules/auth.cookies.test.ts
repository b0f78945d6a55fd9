import { TEST_PASSWORD } from "@fotostudio/db/testing";
import { errorCode } from "@fotostudio/sdk";
import { describe, expect } from "vitest";
import { http, startServer } from "../support/server.js";
import { type Studio, studioTest } from "../support/studio.js";

// Browsers carry the session in an HttpOnly cookie; a cookie-authenticated mutation must come
// from an Origin listed in CORS_ORIGINS (CSRF), while Bearer callers need no Origin.
const TRUSTED = "https://app.fotostudio.test";
const it = studioTest({ env: { CORS_ORIGINS: `${TRUSTED},https://other.test` } });

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: unknown) => e,
  );
const signIn = (studio: Studio) =>
  studio.http("POST", "/api/auth/login/", { body: { email: studio.owner.email, password: TEST_PASSWORD } });
const cookieOf = (res: { headers: Headers }) => res.headers.getSetCookie().find((c) => c.startsWith("fs_session="));
const withCookie = (token: string, origin?: string) => ({
  cookie: `fs_session=${token}`,
  ...(origin ? { origin } : {}),
});

describe("the session cookie", () => {
  it("is set by login: HttpOnly, SameSite=Lax, not Secure outside production", async ({ studio }) => {
    const res = await signIn(studio);
    const cookie = cookieOf(res);
    expect(cookie).toContain(`fs_session=${res.body.access};`);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).not.toMatch(/Secure/);
  });

  it("is Secure in production", async ({ studio }) => {
    await using production = await startServer({ NODE_ENV: "production" }, studio.layer);
    const res = await http(production.url, "POST", "/api/auth/login/", {
      tenant: studio.slug,
      body: { email: `owner@${studio.slug}.test`, password: TEST_PASSWORD },
    });
    expect(cookieOf(res)).toMatch(/; Secure/);
  });

  it("authenticates reads on its own, over REST and tRPC", async ({ studio }) => {
    const { access } = (await signIn(studio)).body;
    expect((await studio.http("GET", "/api/auth/profile/", { headers: withCookie(access) })).status).toBe(200);
    const api = studio.sdk({ headers: withCookie(access) });
    expect((await api.clients.list.query({})).page).toBe(1);
  });

  it("authenticates a mutation only from a trusted Origin (CSRF)", async ({ studio }) => {
    const { access } = (await signIn(studio)).body;
    const create = (headers: Record<string, string>) =>
      studio.http("POST", "/api/clients/", { body: { name: "Galletas", phone: "999 000 111" }, headers });
    for (const origin of [undefined, "https://evil.test", "null", `${TRUSTED}.evil.test`]) {
      const refused = await create(withCookie(access, origin));
      expect(refused.status, String(origin)).toBe(403);
      expect(refused.body.code).toBe("FORBIDDEN");
    }
    expect((await create(withCookie(access, TRUSTED))).status).toBe(201);
    expect((await create(withCookie(access, "https://other.test"))).status).toBe(201);

    const evil = studio.sdk({ headers: withCookie(access, "https://evil.test") });
    expect(errorCode(await failure(evil.clients.create.mutate({ name: "Galletas", phone: "999 000 111" })))).toBe(
      "FORBIDDEN",
    );
    expect(errorCode(await failure(evil.auth.logout.mutate()))).toBe("FORBIDDEN");
    const trusted = studio.sdk({ headers: withCookie(access, TRUSTED) });
    expect((await trusted.clients.create.mutate({ name: "Galletas", phone: "999 000 111" })).name).toBe("Galletas");
  });

  it("is not needed with a Bearer token: no Origin asked", async ({ studio }) => {
    const { access } = (await signIn(studio)).body;
    expect(
      (
        await studio.http("POST", "/api/clients/", {
          token: access,
          body: { name: "Sin origen", phone: "999 000 111" },
        })
      ).status,
    ).toBe(201);
  });

  it("follows a refresh to the new access token", async ({ studio }) => {
    const { refresh } = (await signIn(studio)).body;
    const res = await studio.http("POST", "/api/auth/refresh/", { body: { refresh } });
    expect(cookieOf(res)).toContain(`fs_session=${res.body.access};`);
  });
});
