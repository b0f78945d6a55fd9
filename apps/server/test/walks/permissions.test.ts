import {
  type Access,
  appRouter,
  buildOpenApiDocument,
  type Meta,
  PERMISSIONS,
  SYSTEM_ROLE_PERMISSIONS,
} from "@fotostudio/api";
import type { OpenApiMeta } from "trpc-to-openapi";
import { describe, expect } from "vitest";
import { DEFAULT_ROLES, studioTest } from "../support/studio.js";

// Two router-wide guarantees, data-driven so a procedure added later is covered without editing
// this file: every procedure declares its permission and REST operation (the walk), and the
// permission it declares is the one enforced, for every default role (the matrix).

type ProcedureMeta = OpenApiMeta<Meta>;
interface Procedure {
  name: string;
  type: string;
  meta: ProcedureMeta | undefined;
}

const procedures: Procedure[] = Object.entries(
  appRouter._def.procedures as unknown as Record<string, { _def: { type: string; meta?: ProcedureMeta } }>,
).map(([name, p]) => ({ name, type: p._def.type, meta: p._def.meta }));

/**
 * Who may call a procedure, from the permission it declares:
 * - `public`: anyone, no session (login, refresh): not in the matrix;
 * - `authenticated`: every logged-in tenant user;
 * - a tenant permission (in PERMISSIONS): the roles that hold it;
 * - anything else (platform operator procedures, e.g. `operator`): no tenant user at all, so every
 *   role must be refused with 401 or 403.
 */
type Audience = "public" | "authenticated" | "permission" | "not-for-tenant-users";
function audienceOf(permission: Access | string | undefined): Audience {
  if (permission === "public" || permission === "authenticated") return permission;
  if ((PERMISSIONS as readonly string[]).includes(permission ?? "")) return "permission";
  return "not-for-tenant-users";
}

const it = studioTest();
/** The default roles every tenant is seeded with. */
const ROLES = DEFAULT_ROLES;

/** Fills path parameters with an id that exists nowhere: past the permission check, a 404 or 400 is fine. */
const DUMMY_ID = "999999999";
const restPath = (path: string) => `/api${path.replace(/\{[^}]+\}/g, DUMMY_ID)}`;
const hasBody = (method: string) => method === "POST" || method === "PUT" || method === "PATCH";

// The tag and whether a token is needed are not repeated in each procedure's meta: the document
// derives them (the module's key, the permission). So the walk reads them where integrators do.
const document = buildOpenApiDocument({ baseUrl: "/api" });
/** The documented operation of a procedure, or undefined. */
const operationOf = (meta: ProcedureMeta | undefined) => {
  const openapi = meta?.openapi;
  if (!openapi) return undefined;
  const item = document.paths?.[openapi.path] as Record<string, { tags?: string[]; security?: unknown[] }> | undefined;
  return item?.[openapi.method.toLowerCase()];
};

describe("the walk: every procedure of the router", () => {
  it("is found (the walk sees the real router)", () => {
    expect(procedures.map((p) => p.name)).toEqual(
      expect.arrayContaining(["auth.login", "clients.list", "users.create", "roles.permissions"]),
    );
  });

  it("declares a permission and a REST operation with method, path, summary and tags", () => {
    const problems = procedures.flatMap(({ name, meta }) => {
      const found: string[] = [];
      if (!meta?.permission) found.push(`${name}: no meta.permission`);
      const openapi = meta?.openapi;
      if (!openapi) return [...found, `${name}: no meta.openapi`];
      if (!openapi.method) found.push(`${name}: no openapi.method`);
      if (!openapi.path) found.push(`${name}: no openapi.path`);
      if (!openapi.summary) found.push(`${name}: no openapi.summary`);
      const operation = operationOf(meta);
      if (!operation) found.push(`${name}: not in the OpenAPI document`);
      else if (!operation.tags?.length) found.push(`${name}: no tags in the OpenAPI document`);
      return found;
    });
    expect(problems).toEqual([]);
  });

  it("documents exactly the public procedures as needing no token", () => {
    const needsToken = (meta: ProcedureMeta | undefined) => (operationOf(meta)?.security?.length ?? 0) > 0;
    const mismatched = procedures
      .filter(({ meta }) => meta?.openapi && operationOf(meta))
      .filter(({ meta }) => (meta?.permission === "public") === needsToken(meta))
      .map(({ name, meta }) => `${name}: permission ${meta?.permission}, documented security ${needsToken(meta)}`);
    expect(mismatched).toEqual([]);
    expect(procedures.filter(({ meta }) => meta?.permission === "public" && operationOf(meta))).not.toEqual([]);
  });
});

describe("the role matrix: every non-public procedure, as every default role, over REST (tRPC when its REST route is hand-written)", () => {
  it("covers every default role", () => {
    expect(ROLES).toEqual(expect.arrayContaining(["owner", "manager", "sales", "production", "viewer"]));
    for (const role of ROLES) expect(SYSTEM_ROLE_PERMISSIONS[role], role).toBeDefined();
  });

  const matrix = procedures.filter((p) => p.meta?.openapi && audienceOf(p.meta.permission) !== "public");

  it.for(matrix.map((p) => [p.name, p] as const))("%s", async ([name, { meta, type }], { studio }) => {
    const openapi = meta?.openapi;
    const permission = meta?.permission;
    if (!openapi) throw new Error("filtered above");
    // A procedure whose generated REST operation is switched off (`enabled: false`: it has a
    // hand-written route, like the avatar upload) is checked over tRPC instead.
    const overRest = openapi.enabled !== false;
    const target = overRest ? `${openapi.method} ${restPath(openapi.path)}` : `tRPC ${name}`;
    const call = async (token?: string) => {
      if (overRest) {
        const body = hasBody(openapi.method) ? {} : undefined;
        const res = await studio.http(openapi.method, restPath(openapi.path), { token, body });
        return { status: res.status, code: res.body?.code, message: res.body?.message };
      }
      const res =
        type === "query"
          ? await studio.http("GET", `/trpc/${name}`, { token })
          : await studio.http("POST", `/trpc/${name}`, { token, body: { json: {} } });
      const error = res.body?.error?.json;
      return { status: res.status, code: error?.data?.code, message: error?.message };
    };
    const audience = audienceOf(permission);

    const anonymous = await call();
    expect(anonymous.status, `${target} without a token`).toBe(401);

    // Each call gets its own fresh session, so procedures that act on the caller's sessions or
    // account (logout, logout-all, change-password) cannot disturb any other cell of the matrix.
    const outcomes = await Promise.all(
      ROLES.map(async (role) => {
        const token = await studio.users[role].login();
        return { role, ...(await call(token)) };
      }),
    );

    for (const { role, status, code, message } of outcomes) {
      const where = `${target} as ${role} (needs ${permission}): ${status} ${code} ${message}`;
      if (audience === "not-for-tenant-users") {
        expect([401, 403], where).toContain(status);
        continue;
      }
      const allowed =
        audience === "authenticated" || (SYSTEM_ROLE_PERMISSIONS[role]?.has(permission as never) ?? false);
      if (allowed) {
        // Past the permission check: a 400/404/409 for the dummy input is fine, a 5xx never is.
        expect(status, where).not.toBe(401);
        expect(status, where).not.toBe(403);
        expect(status, where).toBeLessThan(500);
      } else {
        expect(status, where).toBe(403);
        expect(code, where).toBe("FORBIDDEN");
        expect(message, where).toContain(permission);
      }
    }
  });
});
