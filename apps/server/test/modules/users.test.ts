import { PERMISSIONS } from "@fotostudio/api";
import { auditLog } from "@fotostudio/db";
import { and, eq } from "drizzle-orm";
import { describe, expect } from "vitest";
import { login } from "../support/server.js";
import { type Studio, studioTest } from "../support/studio.js";

// Users: creating, listing, changing and deleting staff; the last owner; what a user admin with a
// custom role may grant; another studio's view of them.
const it = studioTest();

const PASSWORD = "initial-pass-2026";

let counter = 0;
/** REST calls in the studio's tenant as its owner (unless another token is given), and new staff. */
function helpers(studio: Studio) {
  const call = studio.owner.http;
  /** Creates a user with a system or custom role and returns its id, e-mail and a fresh token. */
  async function staff(role: string, opts: { slug?: string; token?: string } = {}) {
    const slug = opts.slug ?? studio.slug;
    const email = `${role}-${++counter}@${slug}.test`;
    const res = await studio.http("POST", "/api/users/", {
      tenant: slug,
      token: opts.token ?? studio.owner.token,
      body: { email, name: `Staff ${counter}`, role, password: PASSWORD },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return { id: res.body.id as number, email, token: await login(studio.url, slug, email, PASSWORD) };
  }
  return { call, staff, ownerId: studio.owner.id };
}

describe("creating users", () => {
  it("creates a user who can log in with the initial password; no hash in any answer", async ({ studio }) => {
    const { call } = helpers(studio);
    const res = await call("POST", "/api/users/", {
      body: {
        email: "Ana.Perez@Example.com",
        name: "Ana Pérez",
        phone: "+57 300 1",
        role: "sales",
        password: PASSWORD,
      },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      email: "ana.perez@example.com",
      name: "Ana Pérez",
      phone: "+57 300 1",
      language: "es",
      role: { key: "sales", name: "Sales" },
      isActive: true,
      lastLoginAt: null,
    });
    const got = await call("GET", `/api/users/${res.body.id}/`);
    const list = await call("GET", "/api/users/?pageSize=100");
    for (const body of [res.body, got.body, list.body]) {
      expect(JSON.stringify(body)).not.toMatch(/password|argon2/i);
    }

    const token = await studio.login("ana.perez@example.com", PASSWORD);
    const profile = await studio.http("GET", "/api/auth/profile/", { token });
    expect(profile.body.role.key).toBe("sales");
    expect((await call("GET", `/api/users/${res.body.id}/`)).body.lastLoginAt).toEqual(expect.any(String));
  });

  it("refuses a weak initial password with a 400 naming `password`", async ({ studio }) => {
    const { call } = helpers(studio);
    for (const password of ["short", "weak.user@example.com", "aaaaaaaaaaaa"]) {
      const res = await call("POST", "/api/users/", {
        body: { email: "weak.user@example.com", name: "Weak", role: "viewer", password },
      });
      expect(res.status, password).toBe(400);
      expect(res.body.code).toBe("VALIDATION_ERROR");
      expect(res.body.issues.map((i: { path: string }) => i.path)).toEqual(["password"]);
    }
    const list = await call("GET", "/api/users/?search=weak.user");
    expect(list.body.count).toBe(0);
  });

  it("answers 409 for an e-mail already in use and 400 for an unknown role", async ({ studio }) => {
    const { call } = helpers(studio);
    const dup = await call("POST", "/api/users/", {
      body: { email: `OWNER@${studio.slug}.test`, name: "Dup", role: "viewer", password: PASSWORD },
    });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe("CONFLICT");
    const unknown = await call("POST", "/api/users/", {
      body: { email: "nobody@example.com", name: "Nobody", role: "emperor", password: PASSWORD },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.issues.map((i: { path: string }) => i.path)).toEqual(["role"]);
  });

  it("writes an audit row for the create that holds no password", async ({ studio }) => {
    const { staff, ownerId } = helpers(studio);
    const user = await staff("viewer");
    const [row] = await studio.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "users.create"), eq(auditLog.entityId, String(user.id))));
    expect(row).toMatchObject({ actorId: ownerId, entity: "users" });
    expect(JSON.stringify(row)).not.toMatch(/password|argon2/i);
  });
});

describe("listing users", () => {
  it("paginates, searches, filters by role and state, and orders", async ({ studio }) => {
    const { call, staff } = helpers(studio);
    const a = await staff("production");
    const b = await staff("production");
    await call("PATCH", `/api/users/${b.id}/`, { body: { isActive: false } });

    const production = await call("GET", "/api/users/?role=production&ordering=-id");
    expect(production.status).toBe(200);
    expect(production.body.results.map((u: { id: number }) => u.id).slice(0, 2)).toEqual([b.id, a.id]);
    expect(production.body.results.every((u: { role: { key: string } }) => u.role.key === "production")).toBe(true);

    const active = await call("GET", "/api/users/?role=production&isActive=true");
    expect(active.body.results.map((u: { id: number }) => u.id)).toContain(a.id);
    expect(active.body.results.map((u: { id: number }) => u.id)).not.toContain(b.id);
    const inactive = await call("GET", "/api/users/?role=production&isActive=false");
    expect(inactive.body.results.map((u: { id: number }) => u.id)).toEqual([b.id]);

    const search = await call("GET", `/api/users/?search=${encodeURIComponent(a.email)}`);
    expect(search.body.results.map((u: { id: number }) => u.id)).toEqual([a.id]);

    const page = await call("GET", "/api/users/?pageSize=1&page=2&ordering=id");
    expect(page.body).toMatchObject({ page: 2, pageSize: 1 });
    expect(page.body.results).toHaveLength(1);
    expect(page.body.count).toBeGreaterThan(2);

    expect((await call("GET", "/api/users/?isActive=maybe")).status).toBe(400);
    expect((await call("GET", "/api/users/?ordering=passwordHash")).status).toBe(400);
  });
});

describe("changing a user", () => {
  it("a new role changes what the user may do on their next request", async ({ studio }) => {
    const { call, staff } = helpers(studio);
    const user = await staff("viewer");
    const asUser = (method: string, path: string, body?: unknown) =>
      studio.http(method, path, { token: user.token, body });
    expect((await asUser("POST", "/api/clients/", { name: "Cliente", phone: "999 000 111" })).status).toBe(403);

    const promoted = await call("PATCH", `/api/users/${user.id}/`, { body: { role: "sales" } });
    expect(promoted.status).toBe(200);
    expect(promoted.body.role.key).toBe("sales");
    expect((await asUser("POST", "/api/clients/", { name: "Cliente", phone: "999 000 111" })).status).toBe(201);

    const replaced = await call("PUT", `/api/users/${user.id}/`, { body: { name: "Renamed", role: "viewer" } });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ name: "Renamed", role: { key: "viewer" }, phone: null, isActive: true });
    expect((await asUser("POST", "/api/clients/", { name: "Cliente", phone: "999 000 111" })).status).toBe(403);
    expect((await asUser("GET", "/api/clients/")).status).toBe(200);
  });

  it("PATCH changes only what it sends; PUT leaves an omitted isActive alone", async ({ studio }) => {
    const { call, staff } = helpers(studio);
    const user = await staff("viewer");
    await call("PATCH", `/api/users/${user.id}/`, { body: { phone: "300 555", language: "en" } });
    const patched = await call("PATCH", `/api/users/${user.id}/`, { body: { isActive: false } });
    expect(patched.body).toMatchObject({ phone: "300 555", language: "en", isActive: false });
    const put = await call("PUT", `/api/users/${user.id}/`, { body: { name: "Still off", role: "viewer" } });
    expect(put.body).toMatchObject({ name: "Still off", phone: null, language: "es", isActive: false });
  });

  it("deactivating ends the user's sessions and refuses their login; reactivating lets them back", async ({
    studio,
  }) => {
    const { call, staff } = helpers(studio);
    const user = await staff("sales");
    const off = await call("PATCH", `/api/users/${user.id}/`, { body: { isActive: false } });
    expect(off.status).toBe(200);
    expect(off.body.isActive).toBe(false);
    const withOldToken = await studio.http("GET", "/api/clients/", { token: user.token });
    expect(withOldToken.status).toBe(401);
    const loginAgain = await studio.http("POST", "/api/auth/login/", {
      body: { email: user.email, password: PASSWORD },
    });
    expect(loginAgain.status).toBe(401);

    expect((await call("PATCH", `/api/users/${user.id}/`, { body: { isActive: true } })).body.isActive).toBe(true);
    const token = await studio.login(user.email, PASSWORD);
    expect((await studio.http("GET", "/api/clients/", { token })).status).toBe(200);
  });

  it("a user cannot deactivate or delete themselves (422 BUSINESS_RULE)", async ({ studio }) => {
    const { call, staff, ownerId } = helpers(studio);
    const second = await staff("owner");
    for (const res of [
      await call("PATCH", `/api/users/${ownerId}/`, { body: { isActive: false } }),
      await call("DELETE", `/api/users/${ownerId}/`),
      await studio.http("DELETE", `/api/users/${second.id}/`, { token: second.token }),
    ]) {
      expect(res.status).toBe(422);
      expect(res.body.code).toBe("BUSINESS_RULE");
    }
    expect((await call("GET", `/api/users/${ownerId}/`)).body.isActive).toBe(true);
  });

  it("answers 404 for an unknown user", async ({ studio }) => {
    const { call } = helpers(studio);
    for (const method of ["GET", "PUT", "PATCH", "DELETE"]) {
      const res = await call(method, "/api/users/999999/", {
        body: method.startsWith("P") ? { name: "x", role: "viewer" } : undefined,
      });
      expect(res.status, method).toBe(404);
    }
  });
});

describe("deleting users", () => {
  it("deletes a user without history", async ({ studio }) => {
    const { call } = helpers(studio);
    const res = await call("POST", "/api/users/", {
      body: { email: "never.logged@example.com", name: "Never", role: "viewer", password: PASSWORD },
    });
    const deleted = await call("DELETE", `/api/users/${res.body.id}/`);
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({ id: res.body.id, deleted: true, deactivated: false });
    expect((await call("GET", `/api/users/${res.body.id}/`)).status).toBe(404);
  });

  it("deactivates instead a user who has logged in, and says so", async ({ studio }) => {
    const { call, staff } = helpers(studio);
    const user = await staff("sales");
    const res = await call("DELETE", `/api/users/${user.id}/`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: user.id, deleted: false, deactivated: true });
    const got = await call("GET", `/api/users/${user.id}/`);
    expect(got.status).toBe(200);
    expect(got.body.isActive).toBe(false);
    expect((await studio.http("GET", "/api/clients/", { token: user.token })).status).toBe(401);
  });
});

describe("the last owner", () => {
  it("cannot be demoted, deactivated or deleted (409 LAST_OWNER), by anyone", async ({ studio }) => {
    const { staff } = helpers(studio);
    await using t = await studio.openTenant();
    const slug = t.slug;
    const token = t.owner.token;
    const owner = t.owner.id;
    // A custom role with every permission is not an owner, but may manage one.
    const role = await t.http("POST", "/api/roles/", {
      token,
      body: { key: "admin", name: "Admin", permissions: [...PERMISSIONS] },
    });
    expect(role.status).toBe(201);
    const admin = await staff("admin", { slug, token });
    const asAdmin = (method: string, body?: unknown) =>
      t.http(method, `/api/users/${owner}/`, { token: admin.token, body });

    for (const res of [
      await t.http("PATCH", `/api/users/${owner}/`, { token, body: { role: "manager" } }),
      await asAdmin("PATCH", { role: "admin" }),
      await asAdmin("PUT", { name: "Owner", role: "viewer" }),
      await asAdmin("PATCH", { isActive: false }),
      await asAdmin("DELETE"),
    ]) {
      expect(res.status).toBe(409);
      expect(res.body.code).toBe("LAST_OWNER");
    }
    const still = await t.http("GET", `/api/users/${owner}/`, { token });
    expect(still.body).toMatchObject({ isActive: true, role: { key: "owner" } });

    // With a second owner, the first may step down.
    const second = await staff("owner", { slug, token });
    const down = await t.http("PATCH", `/api/users/${owner}/`, {
      token,
      body: { role: "manager" },
    });
    expect(down.status).toBe(200);
    const last = await t.http("DELETE", `/api/users/${second.id}/`, { token: admin.token });
    expect(last.status).toBe(409);
    expect(last.body.code).toBe("LAST_OWNER");
  });
});

describe("a user admin with a custom role", () => {
  it("cannot grant or manage more than they hold (403)", async ({ studio }) => {
    const { call, staff, ownerId } = helpers(studio);
    const role = await call("POST", "/api/roles/", {
      body: { key: "hr", name: "HR", permissions: ["users:read", "users:write"] },
    });
    expect(role.status).toBe(201);
    const hr = await staff("hr");
    const asHr = (method: string, path: string, body?: unknown) => studio.http(method, path, { token: hr.token, body });

    const makeOwner = await asHr("POST", "/api/users/", {
      email: "sneaky@example.com",
      name: "Sneaky",
      role: "owner",
      password: PASSWORD,
    });
    expect(makeOwner.status).toBe(403);
    expect((await asHr("PATCH", `/api/users/${hr.id}/`, { role: "owner" })).status).toBe(403);
    expect((await asHr("PATCH", `/api/users/${ownerId}/`, { isActive: false })).status).toBe(403);

    const hire = await asHr("POST", "/api/users/", {
      email: "new.hire@example.com",
      name: "New hire",
      role: "hr",
      password: PASSWORD,
    });
    expect(hire.status).toBe(201);
  });
});

describe("tenant isolation", () => {
  it("a user id from one studio is 404 in another, and a token from one studio is 401 in another", async ({
    studio,
    other,
  }) => {
    const { call, staff } = helpers(studio);
    const user = await staff("viewer");
    // Make sure the id does not exist in the other studio by coincidence.
    const otherIds = (await other.owner.http("GET", "/api/users/?pageSize=100")).body.results.map(
      (u: { id: number }) => u.id,
    );
    expect(otherIds).not.toContain(user.id);

    const path = `/api/users/${user.id}/`;
    for (const [method, body] of [
      ["GET", undefined],
      ["PUT", { name: "hijacked", role: "owner" }],
      ["PATCH", { isActive: false }],
      ["DELETE", undefined],
    ] as const) {
      const res = await other.owner.http(method, path, { body });
      expect(res.status, method).toBe(404);
      expect(res.body.code).toBe("NOT_FOUND");
    }
    expect((await call("GET", path)).body).toMatchObject({ isActive: true, role: { key: "viewer" } });

    const crossed = await studio.http("GET", "/api/users/", { tenant: other.slug, token: studio.owner.token });
    expect(crossed.status).toBe(401);
  });
});
