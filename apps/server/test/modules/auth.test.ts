import { users } from "@fotostudio/db";
import { createTestUser, TEST_PASSWORD } from "@fotostudio/db/testing";
import { errorCode, refreshSession, login as sdkLogin } from "@fotostudio/sdk";
import { eq } from "drizzle-orm";
import { describe, expect } from "vitest";
import { studioTest } from "../support/studio.js";

// Who may call what: no token, a viewer, the owner, another studio's token; login and refresh.
const it = studioTest();

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: unknown) => e,
  );

describe("without a session", () => {
  it("answers 401 UNAUTHORIZED over REST, for reads and writes alike", async ({ studio }) => {
    for (const [method, path] of [
      ["GET", "/api/clients/"],
      ["POST", "/api/clients/"],
      ["GET", "/api/clients/1/"],
      ["GET", "/api/auth/profile/"],
      ["GET", "/api/auth/sessions/"],
      ["POST", "/api/auth/logout/"],
    ] as const) {
      const res = await studio.http(method, path, { body: method === "POST" ? { name: "x" } : undefined });
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(res.body.code).toBe("UNAUTHORIZED");
    }
    const forged = await studio.http("GET", "/api/clients/", { token: "a".repeat(40) });
    expect(forged.status).toBe(401);
  });

  it("answers 401 over tRPC: HTTP status and the SDK's error code", async ({ studio }) => {
    const raw = await fetch(`${studio.url}/trpc/clients.list,auth.profile?batch=1&input=${encodeURIComponent("{}")}`, {
      headers: { "x-tenant-id": studio.slug },
    });
    expect(raw.status).toBe(401);
    const anonymous = studio.sdk();
    const errors = await Promise.all(
      [
        anonymous.clients.list.query({}),
        anonymous.clients.create.mutate({ name: "nadie" }),
        anonymous.auth.profile.query(),
        anonymous.auth.logoutAll.mutate(),
      ].map(failure),
    );
    expect(errors.map(errorCode)).toEqual(["UNAUTHORIZED", "UNAUTHORIZED", "UNAUTHORIZED", "UNAUTHORIZED"]);
    expect(errorCode(await failure(studio.sdk({ token: "not-a-real-token-at-all" }).clients.list.query({})))).toBe(
      "UNAUTHORIZED",
    );
  });
});

describe("permissions", () => {
  it("lets a viewer read clients but refuses to create one, naming the permission (REST)", async ({ studio }) => {
    const denied = await studio.users.viewer.http("POST", "/api/clients/", { body: { name: "No" } });
    expect(denied.status).toBe(403);
    expect(denied.body.code).toBe("FORBIDDEN");
    expect(denied.body.message).toContain("clients:write");
    expect((await studio.users.viewer.http("GET", "/api/clients/")).status).toBe(200);
  });

  it("lets the owner do both (REST)", async ({ studio }) => {
    const created = await studio.owner.http("POST", "/api/clients/", { body: { name: "Sí", phone: "999 000 111" } });
    expect(created.status).toBe(201);
    expect((await studio.owner.http("GET", "/api/clients/")).status).toBe(200);
  });

  it("gives the same answers through the SDK", async ({ studio }) => {
    const asViewer = studio.users.viewer.sdk;
    const denied = await failure(asViewer.clients.create.mutate({ name: "No" }));
    expect(errorCode(denied)).toBe("FORBIDDEN");
    expect((denied as Error).message).toContain("clients:write");
    expect((await asViewer.clients.list.query({})).page).toBe(1);
    const asOwner = studio.owner.sdk;
    const created = await asOwner.clients.create.mutate({ name: "Sí, por SDK", phone: "999 000 111" });
    expect((await asOwner.clients.byId.query({ id: created.id })).name).toBe("Sí, por SDK");
  });
});

describe("a token is valid only in the studio that issued it", () => {
  it("answers 401 when studio A's token is sent to studio B (REST and SDK)", async ({ studio, other }) => {
    const owner = studio.owner.token;
    const res = await other.http("GET", "/api/clients/", { token: owner });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe("UNAUTHORIZED");
    expect((await other.http("GET", "/api/auth/profile/", { token: owner })).status).toBe(401);
    expect(errorCode(await failure(other.sdk({ token: owner }).clients.list.query({})))).toBe("UNAUTHORIZED");
    expect(
      errorCode(
        await failure(other.sdk({ token: owner }).clients.create.mutate({ name: "intruso", phone: "999 000 111" })),
      ),
    ).toBe("UNAUTHORIZED");
  });
});

describe("login", () => {
  it("returns { access, refresh, expiresAt, user } with the user's role and permissions", async ({ studio }) => {
    const res = await studio.http("POST", "/api/auth/login/", {
      body: { email: `Viewer@${studio.slug}.test`, password: TEST_PASSWORD },
    });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(["access", "expiresAt", "refresh", "user"]);
    expect(res.body.access).toMatch(/^[a-z2-7]{40}$/);
    expect(res.body.refresh).toMatch(/^[a-z2-7]{40}$/);
    expect(res.body.access).not.toBe(res.body.refresh);
    expect(new Date(res.body.expiresAt).getTime()).toBeGreaterThan(Date.now());
    expect(res.body.user).toMatchObject({ email: `viewer@${studio.slug}.test`, role: { key: "viewer" } });
    expect(res.body.user.permissions).toContain("clients:read");
    expect(res.body.user.permissions).not.toContain("clients:write");
    expect(res.body.user).not.toHaveProperty("passwordHash");
  });

  it("works through the SDK's login helper, with typed dates and the owner's permissions", async ({ studio }) => {
    const session = await sdkLogin({
      url: studio.url,
      tenant: studio.slug,
      email: `owner@${studio.slug}.test`,
      password: TEST_PASSWORD,
    });
    expect(session.expiresAt).toBeInstanceOf(Date);
    expect(session.user.role.key).toBe("owner");
    expect(session.user.permissions).toEqual(expect.arrayContaining(["clients:write", "users:write"]));
    expect((await studio.sdk({ token: session.access }).auth.profile.query()).email).toBe(`owner@${studio.slug}.test`);
    const wrong = sdkLogin({
      url: studio.url,
      tenant: studio.slug,
      email: `owner@${studio.slug}.test`,
      password: "nope-nope-nope",
    });
    expect(errorCode(await failure(wrong))).toBe("UNAUTHORIZED");
  });

  it("gives one answer for a wrong password and an unknown e-mail", async ({ studio }) => {
    const wrong = await studio.http("POST", "/api/auth/login/", {
      body: { email: `owner@${studio.slug}.test`, password: "wrong-password-1" },
    });
    const unknown = await studio.http("POST", "/api/auth/login/", {
      body: { email: `nobody@${studio.slug}.test`, password: "wrong-password-1" },
    });
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(res.body.code).toBe("UNAUTHORIZED");
    }
    expect(wrong.body.message).toBe(unknown.body.message);
    expect(wrong.body.message).not.toMatch(/exist|unknown|not found/i);
  });

  it("refuses an inactive user with the same answer", async ({ studio }) => {
    const { email } = await createTestUser(studio.layer, studio.slug, "sales", `inactive@${studio.slug}.test`);
    await studio.db.update(users).set({ isActive: false }).where(eq(users.email, email));
    const res = await studio.http("POST", "/api/auth/login/", {
      body: { email, password: TEST_PASSWORD },
    });
    expect(res.status).toBe(401);
    expect(res.body.message).toBe("Wrong e-mail or password");
  });
});

describe("refresh", () => {
  it("rotates the pair; the old access token ends; a spent refresh token revokes the family", async ({ studio }) => {
    const refresh = (token: string) => studio.http("POST", "/api/auth/refresh/", { body: { refresh: token } });
    const profile = (token: string) => studio.http("GET", "/api/auth/profile/", { token });
    const first = (
      await studio.http("POST", "/api/auth/login/", {
        body: { email: `owner@${studio.slug}.test`, password: TEST_PASSWORD },
      })
    ).body;
    const second = await refresh(first.refresh);
    expect(second.status).toBe(200);
    expect(second.body.access).not.toBe(first.access);
    expect(second.body.refresh).not.toBe(first.refresh);
    expect(second.body.user.email).toBe(`owner@${studio.slug}.test`);
    expect((await profile(second.body.access)).status).toBe(200);
    expect((await profile(first.access)).status).toBe(401);

    const reused = await refresh(first.refresh);
    expect(reused.status).toBe(401);
    expect(reused.body.code).toBe("UNAUTHORIZED");
    // Theft detection: the thief's and the owner's tokens of that login die together.
    expect((await profile(second.body.access)).status).toBe(401);
    expect((await refresh(second.body.refresh)).status).toBe(401);
  });

  it("works through the SDK: refreshSession returns a typed pair and spends the old one", async ({ studio }) => {
    const session = await sdkLogin({
      url: studio.url,
      tenant: studio.slug,
      email: `owner@${studio.slug}.test`,
      password: TEST_PASSWORD,
    });
    const rotated = await refreshSession({ url: studio.url, tenant: studio.slug, refresh: session.refresh });
    expect(rotated.expiresAt).toBeInstanceOf(Date);
    expect((await studio.sdk({ token: rotated.access }).auth.profile.query()).email).toBe(`owner@${studio.slug}.test`);
    expect(errorCode(await failure(studio.sdk({ token: session.access }).auth.profile.query()))).toBe("UNAUTHORIZED");
    const again = refreshSession({ url: studio.url, tenant: studio.slug, refresh: session.refresh });
    expect(errorCode(await failure(again))).toBe("UNAUTHORIZED");
  });
});
