import { PERMISSIONS, SYSTEM_ROLE_PERMISSIONS } from "@fotostudio/api";
import { SYSTEM_ROLES } from "@fotostudio/db";
import { describe, expect } from "vitest";
import { type Studio, studioTest } from "../support/studio.js";

// Roles: the system roles and their permissions, custom roles end to end, who may manage them.
const it = studioTest();

const PASSWORD = "initial-pass-2026";

interface RoleBody {
  id: number;
  key: string;
  isSystem: boolean;
  permissions: string[];
  userCount: number;
}

let counter = 0;
/** REST calls as the studio's owner, and users with a given role. */
function helpers(studio: Studio) {
  const call = studio.owner.http;
  /** A user with the given role, logged in. */
  async function userWith(role: string) {
    const email = `${role}-${++counter}@${studio.slug}.test`;
    const res = await call("POST", "/api/users/", {
      body: { email, name: `User ${counter}`, role, password: PASSWORD },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const token = await studio.login(email, PASSWORD);
    return {
      id: res.body.id as number,
      call: (method: string, path: string, body?: unknown) => studio.http(method, path, { token, body }),
    };
  }

  async function systemRole(key: string): Promise<RoleBody> {
    const list = await call("GET", "/api/roles/?pageSize=100");
    const role = list.body.results.find((r: RoleBody) => r.key === key);
    if (!role) throw new Error(`no role ${key}`);
    return role;
  }
  return { call, userWith, systemRole };
}

describe("the role list", () => {
  it("shows the system roles with the permissions the release gives them", async ({ studio }) => {
    const { call, systemRole } = helpers(studio);
    const res = await call("GET", "/api/roles/");
    expect(res.status).toBe(200);
    for (const seeded of SYSTEM_ROLES) {
      const role = res.body.results.find((r: RoleBody) => r.key === seeded.key);
      expect(role, seeded.key).toMatchObject({ name: seeded.name, isSystem: true });
      expect(role.permissions).toEqual([...(SYSTEM_ROLE_PERMISSIONS[seeded.key] ?? [])].sort());
    }
    expect((await systemRole("owner")).userCount).toBe(1);
    expect((await systemRole("owner")).permissions).toEqual([...PERMISSIONS].sort());
  });

  it("keeps the sensitive rights (costs and margins, prices) with owners and managers", async ({ studio }) => {
    const { systemRole } = helpers(studio);
    for (const key of ["owner", "manager"]) {
      expect((await systemRole(key)).permissions, key).toEqual(expect.arrayContaining(["costs:read", "prices:write"]));
    }
    for (const key of ["sales", "production", "viewer"]) {
      const { permissions } = await systemRole(key);
      expect(permissions, key).not.toContain("costs:read");
      expect(permissions, key).not.toContain("prices:write");
      expect(permissions, key).toContain("inventory:read");
    }
    // The profile says so too: what the frontend reads to hide cost columns.
    const viewer = await studio.users.viewer.http("GET", "/api/auth/profile/");
    expect(viewer.body.permissions).not.toContain("costs:read");
  });

  it("lists every permission a role can hold", async ({ studio }) => {
    const { call } = helpers(studio);
    for (const path of ["/api/roles/permissions/", "/api/roles/permissions"]) {
      const res = await call("GET", path);
      expect(res.status, path).toBe(200);
      expect(res.body.map((p: { key: string }) => p.key)).toEqual([...PERMISSIONS]);
      expect(res.body).toContainEqual({ key: "clients:write", module: "clients", action: "write" });
    }
  });
});

describe("a custom role", () => {
  it("grants exactly its permissions, end to end, and changes take effect on the next request", async ({ studio }) => {
    const { call, userWith } = helpers(studio);
    const created = await call("POST", "/api/roles/", {
      body: {
        key: "recepcion",
        name: "Recepción",
        description: "Front desk, no reports",
        permissions: ["clients:write", "clients:read", "clients:read"],
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      key: "recepcion",
      isSystem: false,
      permissions: ["clients:read", "clients:write"],
      userCount: 0,
    });

    const user = await userWith("recepcion");
    const profile = await user.call("GET", "/api/auth/profile/");
    expect(profile.body.permissions).toEqual(["clients:read", "clients:write"]);
    expect((await user.call("POST", "/api/clients/", { name: "Walk-in", phone: "+51 999 000 111" })).status).toBe(201);
    expect((await user.call("GET", "/api/users/")).status).toBe(403);
    expect((await user.call("GET", "/api/roles/")).status).toBe(403);

    const narrowed = await call("PATCH", `/api/roles/${created.body.id}/`, { body: { permissions: ["clients:read"] } });
    expect(narrowed.status).toBe(200);
    expect(narrowed.body).toMatchObject({ name: "Recepción", permissions: ["clients:read"], userCount: 1 });
    const denied = await user.call("POST", "/api/clients/", { name: "Walk-in", phone: "+51 999 000 111" });
    expect(denied.status).toBe(403);
    expect(denied.body.message).toContain("clients:write");
    expect((await user.call("GET", "/api/clients/")).status).toBe(200);

    const replaced = await call("PUT", `/api/roles/${created.body.id}/`, {
      body: { name: "Front desk", permissions: ["clients:read", "users:read"] },
    });
    expect(replaced.body).toMatchObject({
      key: "recepcion",
      name: "Front desk",
      description: null,
      permissions: ["clients:read", "users:read"],
    });
    expect((await user.call("GET", "/api/users/")).status).toBe(200);
    expect((await call("GET", `/api/roles/${created.body.id}/`)).body.permissions).toEqual([
      "clients:read",
      "users:read",
    ]);
  });

  it("refuses unknown permissions with a 400 naming each", async ({ studio }) => {
    const { call } = helpers(studio);
    const res = await call("POST", "/api/roles/", {
      body: { key: "bad", name: "Bad", permissions: ["clients:read", "clients:delete", "root"] },
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("VALIDATION_ERROR");
    expect(res.body.issues.map((i: { path: string }) => i.path)).toEqual(["permissions.1", "permissions.2"]);
    expect(res.body.issues[0].message).toContain("clients:delete");
    expect(res.body.issues[1].message).toContain("root");

    const { body: role } = await call("POST", "/api/roles/", { body: { key: "fine", name: "Fine", permissions: [] } });
    const patch = await call("PATCH", `/api/roles/${role.id}/`, { body: { permissions: ["orders:fly"] } });
    expect(patch.status).toBe(400);
    expect(patch.body.issues[0].path).toBe("permissions.0");
  });

  it("needs a fresh slug as key: bad slug 400, a key in use (custom or system) 409", async ({ studio }) => {
    const { call } = helpers(studio);
    const badKey = await call("POST", "/api/roles/", { body: { key: "Sales Team!", name: "x", permissions: [] } });
    expect(badKey.status).toBe(400);
    expect(badKey.body.issues.map((i: { path: string }) => i.path)).toEqual(["key"]);
    await call("POST", "/api/roles/", { body: { key: "taken", name: "Taken", permissions: [] } });
    for (const key of ["taken", "owner"]) {
      const res = await call("POST", "/api/roles/", { body: { key, name: "Again", permissions: [] } });
      expect(res.status, key).toBe(409);
      expect(res.body.code).toBe("CONFLICT");
    }
  });

  it("can be deleted only when nobody has it (409 otherwise)", async ({ studio }) => {
    const { call, userWith } = helpers(studio);
    const { body: role } = await call("POST", "/api/roles/", {
      body: { key: "temporal", name: "Temporal", permissions: ["clients:read"] },
    });
    const user = await userWith("temporal");
    const inUse = await call("DELETE", `/api/roles/${role.id}/`);
    expect(inUse.status).toBe(409);
    expect(inUse.body.code).toBe("CONFLICT");

    // A deactivated holder still holds it.
    await call("PATCH", `/api/users/${user.id}/`, { body: { isActive: false } });
    expect((await call("DELETE", `/api/roles/${role.id}/`)).status).toBe(409);

    await call("PATCH", `/api/users/${user.id}/`, { body: { role: "viewer" } });
    const deleted = await call("DELETE", `/api/roles/${role.id}/`);
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({ id: role.id, deleted: true });
    expect((await call("GET", `/api/roles/${role.id}/`)).status).toBe(404);
  });
});

describe("system roles", () => {
  it("cannot be changed or deleted (422 BUSINESS_RULE)", async ({ studio }) => {
    const { call, systemRole } = helpers(studio);
    for (const key of ["owner", "viewer"]) {
      const role = await systemRole(key);
      for (const [method, body] of [
        ["PUT", { name: "Boss", permissions: ["clients:read"] }],
        ["PATCH", { permissions: [] }],
        ["PATCH", { name: "Renamed" }],
        ["DELETE", undefined],
      ] as const) {
        const res = await call(method, `/api/roles/${role.id}/`, { body });
        expect(res.status, `${method} ${key}`).toBe(422);
        expect(res.body.code).toBe("BUSINESS_RULE");
      }
      expect(await systemRole(key)).toEqual(role);
    }
  });
});

describe("who may manage roles", () => {
  it("needs roles:write, and a role admin cannot grant what they lack (403)", async ({ studio }) => {
    const { call, userWith } = helpers(studio);
    const asManager = await studio.users.manager.http("POST", "/api/roles/", {
      body: { key: "mine", name: "Mine", permissions: [] },
    });
    expect(asManager.status).toBe(403);

    const { body: roleAdmin } = await call("POST", "/api/roles/", {
      body: { key: "role-admin", name: "Role admin", permissions: ["roles:read", "roles:write", "clients:read"] },
    });
    const admin = await userWith("role-admin");
    const escalate = await admin.call("POST", "/api/roles/", {
      key: "everything",
      name: "Everything",
      permissions: ["users:write"],
    });
    expect(escalate.status).toBe(403);
    expect(escalate.body.message).toContain("users:write");
    expect((await admin.call("PATCH", `/api/roles/${roleAdmin.id}/`, { permissions: [...PERMISSIONS] })).status).toBe(
      403,
    );
    const modest = await admin.call("POST", "/api/roles/", {
      key: "lookers",
      name: "Lookers",
      permissions: ["clients:read"],
    });
    expect(modest.status).toBe(201);
  });
});

describe("tenant isolation", () => {
  it("a role id from one studio is 404 in another, and a token from one studio is 401 in another", async ({
    studio,
    other,
  }) => {
    const { call } = helpers(studio);
    const { body: role } = await call("POST", "/api/roles/", {
      body: { key: "secreto", name: "Secreto", permissions: ["clients:read"] },
    });
    const otherList = await other.owner.http("GET", "/api/roles/?pageSize=100");
    expect(otherList.body.results.map((r: RoleBody) => r.key)).not.toContain("secreto");
    expect(otherList.body.results.map((r: RoleBody) => r.id)).not.toContain(role.id);

    const path = `/api/roles/${role.id}/`;
    for (const [method, body] of [
      ["GET", undefined],
      ["PUT", { name: "x", permissions: [] }],
      ["PATCH", { permissions: ["clients:write"] }],
      ["DELETE", undefined],
    ] as const) {
      const res = await other.owner.http(method, path, { body });
      expect(res.status, method).toBe(404);
    }
    expect((await call("GET", path)).body.permissions).toEqual(["clients:read"]);
    expect((await other.http("GET", "/api/roles/", { token: studio.owner.token })).status).toBe(401);
  });
});
