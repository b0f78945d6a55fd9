import { type TenantRecord, users } from "@fotostudio/db";
import { createTestTenant, createTestUser, dropTenant, TEST_PASSWORD } from "@fotostudio/db/testing";
import { createClient, errorCode, refreshSession, login as sdkLogin } from "@fotostudio/sdk";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { http, login, startServer, type TestServer } from "./support/server.js";

// Who may call what: no token, a viewer, the owner, another studio's token; login and refresh.
let server: TestServer;
let a: string;
let b: string;
let tenantA: TenantRecord;
let owner: string;
let viewer: string;

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: unknown) => e,
  );
const db = () => server.layer.tenantDb(tenantA);
const sdk = (tenant: string, token?: string) => createClient({ url: server.url, tenant, token });

beforeAll(async () => {
  server = await startServer();
  tenantA = await createTestTenant(server.layer);
  a = tenantA.slug;
  b = (await createTestTenant(server.layer)).slug;
  await createTestUser(server.layer, a, "viewer");
  owner = await login(server.url, a, `owner@${a}.test`, TEST_PASSWORD);
  viewer = await login(server.url, a, `viewer@${a}.test`, TEST_PASSWORD);
});
afterAll(async () => {
  await dropTenant(server.layer, a);
  await dropTenant(server.layer, b);
  await server.close();
});

describe("without a session", () => {
  it("answers 401 UNAUTHORIZED over REST, for reads and writes alike", async () => {
    for (const [method, path] of [
      ["GET", "/api/clients/"],
      ["POST", "/api/clients/"],
      ["GET", "/api/clients/1/"],
      ["GET", "/api/auth/profile/"],
      ["GET", "/api/auth/sessions/"],
      ["POST", "/api/auth/logout/"],
    ] as const) {
      const res = await http(server.url, method, path, {
        tenant: a,
        body: method === "POST" ? { name: "x" } : undefined,
      });
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(res.body.code).toBe("UNAUTHORIZED");
    }
    const forged = await http(server.url, "GET", "/api/clients/", { tenant: a, token: "a".repeat(40) });
    expect(forged.status).toBe(401);
  });

  it("answers 401 over tRPC: HTTP status and the SDK's error code", async () => {
    const raw = await fetch(`${server.url}/trpc/clients.list,auth.profile?batch=1&input=${encodeURIComponent("{}")}`, {
      headers: { "x-tenant-id": a },
    });
    expect(raw.status).toBe(401);
    const anonymous = sdk(a);
    const errors = await Promise.all(
      [
        anonymous.clients.list.query({}),
        anonymous.clients.create.mutate({ name: "nadie" }),
        anonymous.auth.profile.query(),
        anonymous.auth.logoutAll.mutate(),
      ].map(failure),
    );
    expect(errors.map(errorCode)).toEqual(["UNAUTHORIZED", "UNAUTHORIZED", "UNAUTHORIZED", "UNAUTHORIZED"]);
    expect(errorCode(await failure(sdk(a, "not-a-real-token-at-all").clients.list.query({})))).toBe("UNAUTHORIZED");
  });
});

describe("permissions", () => {
  it("lets a viewer read clients but refuses to create one, naming the permission (REST)", async () => {
    const denied = await http(server.url, "POST", "/api/clients/", { tenant: a, token: viewer, body: { name: "No" } });
    expect(denied.status).toBe(403);
    expect(denied.body.code).toBe("FORBIDDEN");
    expect(denied.body.message).toContain("clients:write");
    expect((await http(server.url, "GET", "/api/clients/", { tenant: a, token: viewer })).status).toBe(200);
  });

  it("lets the owner do both (REST)", async () => {
    const created = await http(server.url, "POST", "/api/clients/", { tenant: a, token: owner, body: { name: "Sí" } });
    expect(created.status).toBe(201);
    expect((await http(server.url, "GET", "/api/clients/", { tenant: a, token: owner })).status).toBe(200);
  });

  it("gives the same answers through the SDK", async () => {
    const asViewer = sdk(a, viewer);
    const denied = await failure(asViewer.clients.create.mutate({ name: "No" }));
    expect(errorCode(denied)).toBe("FORBIDDEN");
    expect((denied as Error).message).toContain("clients:write");
    expect((await asViewer.clients.list.query({})).page).toBe(1);
    const asOwner = sdk(a, owner);
    const created = await asOwner.clients.create.mutate({ name: "Sí, por SDK" });
    expect((await asOwner.clients.byId.query({ id: created.id })).name).toBe("Sí, por SDK");
  });
});

describe("a token is valid only in the studio that issued it", () => {
  it("answers 401 when studio A's token is sent to studio B (REST and SDK)", async () => {
    const res = await http(server.url, "GET", "/api/clients/", { tenant: b, token: owner });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe("UNAUTHORIZED");
    expect((await http(server.url, "GET", "/api/auth/profile/", { tenant: b, token: owner })).status).toBe(401);
    expect(errorCode(await failure(sdk(b, owner).clients.list.query({})))).toBe("UNAUTHORIZED");
    expect(errorCode(await failure(sdk(b, owner).clients.create.mutate({ name: "intruso" })))).toBe("UNAUTHORIZED");
  });
});

describe("login", () => {
  it("returns { access, refresh, expiresAt, user } with the user's role and permissions", async () => {
    const res = await http(server.url, "POST", "/api/auth/login/", {
      tenant: a,
      body: { email: `Viewer@${a}.test`, password: TEST_PASSWORD },
    });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(["access", "expiresAt", "refresh", "user"]);
    expect(res.body.access).toMatch(/^[a-z2-7]{40}$/);
    expect(res.body.refresh).toMatch(/^[a-z2-7]{40}$/);
    expect(res.body.access).not.toBe(res.body.refresh);
    expect(new Date(res.body.expiresAt).getTime()).toBeGreaterThan(Date.now());
    expect(res.body.user).toMatchObject({ email: `viewer@${a}.test`, role: { key: "viewer" } });
    expect(res.body.user.permissions).toContain("clients:read");
    expect(res.body.user.permissions).not.toContain("clients:write");
    expect(res.body.user).not.toHaveProperty("passwordHash");
  });

  it("works through the SDK's login helper, with typed dates and the owner's permissions", async () => {
    const session = await sdkLogin({ url: server.url, tenant: a, email: `owner@${a}.test`, password: TEST_PASSWORD });
    expect(session.expiresAt).toBeInstanceOf(Date);
    expect(session.user.role.key).toBe("owner");
    expect(session.user.permissions).toEqual(expect.arrayContaining(["clients:write", "users:write"]));
    expect((await sdk(a, session.access).auth.profile.query()).email).toBe(`owner@${a}.test`);
    const wrong = sdkLogin({ url: server.url, tenant: a, email: `owner@${a}.test`, password: "nope-nope-nope" });
    expect(errorCode(await failure(wrong))).toBe("UNAUTHORIZED");
  });

  it("gives one answer for a wrong password and an unknown e-mail", async () => {
    const wrong = await http(server.url, "POST", "/api/auth/login/", {
      tenant: a,
      body: { email: `owner@${a}.test`, password: "wrong-password-1" },
    });
    const unknown = await http(server.url, "POST", "/api/auth/login/", {
      tenant: a,
      body: { email: `nobody@${a}.test`, password: "wrong-password-1" },
    });
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(res.body.code).toBe("UNAUTHORIZED");
    }
    expect(wrong.body.message).toBe(unknown.body.message);
    expect(wrong.body.message).not.toMatch(/exist|unknown|not found/i);
  });

  it("refuses an inactive user with the same answer", async () => {
    const { email } = await createTestUser(server.layer, a, "sales", `inactive@${a}.test`);
    await db().update(users).set({ isActive: false }).where(eq(users.email, email));
    const res = await http(server.url, "POST", "/api/auth/login/", {
      tenant: a,
      body: { email, password: TEST_PASSWORD },
    });
    expect(res.status).toBe(401);
    expect(res.body.message).toBe("Wrong e-mail or password");
  });
});

describe("refresh", () => {
  const refresh = (token: string) =>
    http(server.url, "POST", "/api/auth/refresh/", { tenant: a, body: { refresh: token } });
  const profile = (token: string) => http(server.url, "GET", "/api/auth/profile/", { tenant: a, token });

  it("rotates the pair; the old access token ends; a spent refresh token revokes the family", async () => {
    const first = (
      await http(server.url, "POST", "/api/auth/login/", {
        tenant: a,
        body: { email: `owner@${a}.test`, password: TEST_PASSWORD },
      })
    ).body;
    const second = await refresh(first.refresh);
    expect(second.status).toBe(200);
    expect(second.body.access).not.toBe(first.access);
    expect(second.body.refresh).not.toBe(first.refresh);
    expect(second.body.user.email).toBe(`owner@${a}.test`);
    expect((await profile(second.body.access)).status).toBe(200);
    expect((await profile(first.access)).status).toBe(401);

    const reused = await refresh(first.refresh);
    expect(reused.status).toBe(401);
    expect(reused.body.code).toBe("UNAUTHORIZED");
    // Theft detection: the thief's and the owner's tokens of that login die together.
    expect((await profile(second.body.access)).status).toBe(401);
    expect((await refresh(second.body.refresh)).status).toBe(401);
  });

  it("works through the SDK: refreshSession returns a typed pair and spends the old one", async () => {
    const session = await sdkLogin({ url: server.url, tenant: a, email: `owner@${a}.test`, password: TEST_PASSWORD });
    const rotated = await refreshSession({ url: server.url, tenant: a, refresh: session.refresh });
    expect(rotated.expiresAt).toBeInstanceOf(Date);
    expect((await sdk(a, rotated.access).auth.profile.query()).email).toBe(`owner@${a}.test`);
    expect(errorCode(await failure(sdk(a, session.access).auth.profile.query()))).toBe("UNAUTHORIZED");
    const again = refreshSession({ url: server.url, tenant: a, refresh: session.refresh });
    expect(errorCode(await failure(again))).toBe("UNAUTHORIZED");
  });
});
