import { createTestTenant, dropTenant, TEST_PASSWORD } from "@fotostudio/db/testing";
import { createClient, errorCode } from "@fotostudio/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { http, startServer, type TestServer } from "./support/server.js";

// Browsers carry the session in an HttpOnly cookie; a cookie-authenticated mutation must come
// from an Origin listed in CORS_ORIGINS (CSRF), while Bearer callers need no Origin.
const TRUSTED = "https://app.fotostudio.test";
let server: TestServer;
let slug: string;

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: unknown) => e,
  );
const call = (method: string, path: string, opts: Parameters<typeof http>[3] = {}) =>
  http(server.url, method, path, { tenant: slug, ...opts });
const signIn = () =>
  call("POST", "/api/auth/login/", { body: { email: `owner@${slug}.test`, password: TEST_PASSWORD } });
const cookieOf = (res: { headers: Headers }) => res.headers.getSetCookie().find((c) => c.startsWith("fs_session="));
const withCookie = (token: string, origin?: string) => ({
  cookie: `fs_session=${token}`,
  ...(origin ? { origin } : {}),
});

beforeAll(async () => {
  server = await startServer({ CORS_ORIGINS: `${TRUSTED},https://other.test` });
  slug = (await createTestTenant(server.layer)).slug;
});
afterAll(async () => {
  await dropTenant(server.layer, slug);
  await server.close();
});

describe("the session cookie", () => {
  it("is set by login: HttpOnly, SameSite=Lax, not Secure outside production", async () => {
    const res = await signIn();
    const cookie = cookieOf(res);
    expect(cookie).toContain(`fs_session=${res.body.access};`);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).not.toMatch(/Secure/);
  });

  it("is Secure in production", async () => {
    const production = await startServer({ NODE_ENV: "production" }, server.layer);
    try {
      const res = await http(production.url, "POST", "/api/auth/login/", {
        tenant: slug,
        body: { email: `owner@${slug}.test`, password: TEST_PASSWORD },
      });
      expect(cookieOf(res)).toMatch(/; Secure/);
    } finally {
      await production.close();
    }
  });

  it("authenticates reads on its own, over REST and tRPC", async () => {
    const { access } = (await signIn()).body;
    expect((await call("GET", "/api/auth/profile/", { headers: withCookie(access) })).status).toBe(200);
    const api = createClient({ url: server.url, tenant: slug, headers: withCookie(access) });
    expect((await api.clients.list.query({})).page).toBe(1);
  });

  it("authenticates a mutation only from a trusted Origin (CSRF)", async () => {
    const { access } = (await signIn()).body;
    const create = (headers: Record<string, string>) =>
      call("POST", "/api/clients/", { body: { name: "Galletas" }, headers });
    for (const origin of [undefined, "https://evil.test", "null", `${TRUSTED}.evil.test`]) {
      const refused = await create(withCookie(access, origin));
      expect(refused.status, String(origin)).toBe(403);
      expect(refused.body.code).toBe("FORBIDDEN");
    }
    expect((await create(withCookie(access, TRUSTED))).status).toBe(201);
    expect((await create(withCookie(access, "https://other.test"))).status).toBe(201);

    const evil = createClient({ url: server.url, tenant: slug, headers: withCookie(access, "https://evil.test") });
    expect(errorCode(await failure(evil.clients.create.mutate({ name: "Galletas" })))).toBe("FORBIDDEN");
    expect(errorCode(await failure(evil.auth.logout.mutate()))).toBe("FORBIDDEN");
    const trusted = createClient({ url: server.url, tenant: slug, headers: withCookie(access, TRUSTED) });
    expect((await trusted.clients.create.mutate({ name: "Galletas" })).name).toBe("Galletas");
  });

  it("is not needed with a Bearer token: no Origin asked", async () => {
    const { access } = (await signIn()).body;
    expect((await call("POST", "/api/clients/", { token: access, body: { name: "Sin origen" } })).status).toBe(201);
  });

  it("follows a refresh to the new access token", async () => {
    const { refresh } = (await signIn()).body;
    const res = await call("POST", "/api/auth/refresh/", { body: { refresh } });
    expect(cookieOf(res)).toContain(`fs_session=${res.body.access};`);
  });
});
