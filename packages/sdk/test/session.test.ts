import { describe, expect, it } from "vitest";
import { createClient, errorCode, login } from "../src/index.js";

// The SDK's session helpers against a stub server (the real one: apps/server/test/sessions.test.ts).

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
const unauthorized = (paths: string[]) =>
  json(
    paths.map((path) => ({
      error: { json: { message: "expired", code: -32001, data: { code: "UNAUTHORIZED", httpStatus: 401, path } } },
    })),
    401,
  );
const pathsOf = (url: string) => new URL(url).pathname.replace("/trpc/", "").split(",");

/** A stub API that accepts only the Bearer token `valid`, and records what it was sent. */
function stubServer() {
  const seen: { url: string; authorization: string | null; tenant: string | null }[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const headers = new Headers(init?.headers);
    seen.push({ url: String(input), authorization: headers.get("authorization"), tenant: headers.get("x-tenant-id") });
    const paths = pathsOf(String(input));
    if (paths.includes("auth.login")) {
      const tokens = { access: "valid", refresh: "r1", expiresAt: "2030-01-01T00:00:00.000Z", user: { id: 1 } };
      return json([{ result: { data: { json: tokens, meta: { values: { expiresAt: ["Date"] } } } } }]);
    }
    if (headers.get("authorization") !== "Bearer valid") return unauthorized(paths);
    return json(paths.map(() => ({ result: { data: { json: { ok: true } } } })));
  };
  return { seen, fetch };
}

describe("login", () => {
  it("posts auth.login with the tenant and no token, and returns the pair with a Date", async () => {
    const server = stubServer();
    const session = await login({
      url: "http://api.test/",
      tenant: "demo",
      email: "a@b.co",
      password: "pw",
      ...server,
    });
    expect(session.access).toBe("valid");
    expect(session.expiresAt).toBeInstanceOf(Date);
    expect(server.seen).toEqual([
      { url: "http://api.test/trpc/auth.login?batch=1", authorization: null, tenant: "demo" },
    ]);
  });
});

describe("createClient({ onUnauthorized })", () => {
  it("renews once for concurrent 401s and resends each request with the new token", async () => {
    const server = stubServer();
    let token = "stale";
    let renewals = 0;
    const api = createClient({
      url: "http://api.test",
      tenant: "demo",
      fetch: server.fetch,
      getToken: () => token,
      onUnauthorized: async () => {
        renewals++;
        await new Promise((resolve) => setTimeout(resolve, 20));
        token = "valid";
        return token;
      },
    });
    const first = api.auth.profile.query();
    await new Promise((resolve) => setTimeout(resolve, 1));
    const second = api.auth.sessions.query();
    await Promise.all([first, second]);
    expect(renewals).toBe(1);
    expect(server.seen.map((s) => s.authorization)).toEqual([
      "Bearer stale",
      "Bearer stale",
      "Bearer valid",
      "Bearer valid",
    ]);
  });

  it("does not renew for a request sent without a token, nor for login and refresh in any batch", async () => {
    const server = stubServer();
    let renewals = 0;
    const onUnauthorized = async () => {
      renewals++;
      return "valid";
    };
    const anonymous = createClient({ url: "http://api.test", tenant: "demo", fetch: server.fetch, onUnauthorized });
    expect(errorCode(await anonymous.auth.profile.query().catch((e: unknown) => e))).toBe("UNAUTHORIZED");

    const stale = createClient({
      url: "http://api.test",
      tenant: "demo",
      token: "stale",
      onUnauthorized,
      fetch: server.fetch,
    });
    const [refreshed] = await Promise.allSettled([
      stale.auth.refresh.mutate({ refresh: "r".repeat(20) }),
      stale.auth.logout.mutate(),
    ]);
    expect(refreshed.status).toBe("rejected");
    expect(server.seen.at(-1)?.url).toMatch(/\/trpc\/auth\.refresh,auth\.logout\?/);
    expect(renewals).toBe(0);

    // A failed renewal leaves the original UNAUTHORIZED.
    const failing = createClient({
      url: "http://api.test",
      tenant: "demo",
      token: "stale",
      fetch: server.fetch,
      onUnauthorized: async () => null,
    });
    expect(errorCode(await failing.auth.profile.query().catch((e: unknown) => e))).toBe("UNAUTHORIZED");
  });
});
