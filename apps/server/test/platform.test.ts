import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { addDomain, auditLog, createOperator, operators, setTenantStatus, type TenantRecord } from "@fotostudio/db";
import { createTestTenant, createTestUser, dropTenant, TEST_PASSWORD, uniqueSlug } from "@fotostudio/db/testing";
import { desc, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { http, login, startServer, type TestServer } from "./support/server.js";

// Platform operators (control database) and the tenants API: operator sessions, the wall between
// operator and studio tokens, and create / suspend / resume seen from the studio's side.
let server: TestServer;
let tenant: TenantRecord;
let ownerToken: string;
const OPERATOR_PASSWORD = "operator-password-123";
const operatorEmails: string[] = [];
const tenantSlugs: string[] = [];

const api = (method: string, path: string, opts: Parameters<typeof http>[3] = {}) =>
  http(server.url, method, path, opts);

async function newOperator(password = OPERATOR_PASSWORD) {
  const email = `${uniqueSlug("op")}@platform.test`;
  operatorEmails.push(email);
  await createOperator(server.layer.control, { email, name: "Test Operator", password });
  return email;
}

async function operatorLogin(email: string, password = OPERATOR_PASSWORD) {
  const res = await api("POST", "/api/platform/auth/login/", { body: { email, password } });
  expect(res.status).toBe(200);
  return res.body as { access: string; refresh: string; expiresAt: string; operator: { email: string } };
}

let operatorToken: string;

beforeAll(async () => {
  server = await startServer();
  tenant = await createTestTenant(server.layer);
  tenantSlugs.push(tenant.slug);
  ownerToken = await login(server.url, tenant.slug, `owner@${tenant.slug}.test`, TEST_PASSWORD);
  operatorToken = (await operatorLogin(await newOperator())).access;
});
afterAll(async () => {
  for (const slug of tenantSlugs) await dropTenant(server.layer, slug);
  if (operatorEmails.length > 0)
    await server.layer.control.delete(operators).where(inArray(operators.email, operatorEmails));
  await server.close();
});

describe("operator sessions", () => {
  it("logs in without a tenant, with bearer tokens only (no cookie)", async () => {
    const email = await newOperator();
    const res = await api("POST", "/api/platform/auth/login/", {
      body: { email: email.toUpperCase(), password: OPERATOR_PASSWORD },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ operator: { email, name: "Test Operator" } });
    expect(res.body.access).toMatch(/^[a-z2-7]{40}$/);
    expect(res.body.refresh).toMatch(/^[a-z2-7]{40}$/);
    expect(new Date(res.body.expiresAt).getTime()).toBeGreaterThan(Date.now());
    expect(res.headers.get("set-cookie")).toBeNull();
    expect((await api("GET", "/api/tenants/", { token: res.body.access })).status).toBe(200);

    const wrong = await api("POST", "/api/platform/auth/login/", { body: { email, password: "not-the-password" } });
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe("UNAUTHORIZED");
    const unknown = await api("POST", "/api/platform/auth/login/", {
      body: { email: "nobody@platform.test", password: OPERATOR_PASSWORD },
    });
    expect(unknown.status).toBe(401);
  });

  it("rotates on refresh; a reused refresh token revokes the whole session", async () => {
    const first = await operatorLogin(await newOperator());
    const second = await api("POST", "/api/platform/auth/refresh/", { body: { refresh: first.refresh } });
    expect(second.status).toBe(200);
    expect(second.body.access).not.toBe(first.access);
    // The rotation ends the family's previous access token.
    expect((await api("GET", "/api/tenants/", { token: first.access })).status).toBe(401);
    expect((await api("GET", "/api/tenants/", { token: second.body.access })).status).toBe(200);

    const reused = await api("POST", "/api/platform/auth/refresh/", { body: { refresh: first.refresh } });
    expect(reused.status).toBe(401);
    expect(reused.body.message).toMatch(/already used/);
    expect((await api("GET", "/api/tenants/", { token: second.body.access })).status).toBe(401);
    expect((await api("POST", "/api/platform/auth/refresh/", { body: { refresh: second.body.refresh } })).status).toBe(
      401,
    );
    expect(server.logs.some((l) => l.event === "operator.refresh_reused")).toBe(true);
  });

  it("logs out: the token stops working", async () => {
    const { access } = await operatorLogin(await newOperator());
    const out = await api("POST", "/api/platform/auth/logout/", { token: access });
    expect(out.status).toBe(200);
    expect(out.body).toEqual({ ok: true });
    expect((await api("GET", "/api/tenants/", { token: access })).status).toBe(401);
    expect((await api("POST", "/api/platform/auth/logout/", { token: access })).status).toBe(401);
  });

  it("locks an account after five failures (429 + Retry-After) and logs no secret", async () => {
    const email = await newOperator();
    for (let i = 0; i < 5; i++) {
      const res = await api("POST", "/api/platform/auth/login/", { body: { email, password: `wrong-password-${i}` } });
      expect(res.status).toBe(401);
    }
    const locked = await api("POST", "/api/platform/auth/login/", { body: { email, password: OPERATOR_PASSWORD } });
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe("RATE_LIMITED");
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);

    const events = server.logs.filter((l) => l.email === email).map((l) => l.event);
    expect(events.filter((e) => e === "operator.login_failed")).toHaveLength(5);
    expect(events).toContain("operator.login_locked");
    const text = JSON.stringify(server.logs);
    expect(text).not.toContain(OPERATOR_PASSWORD);
    expect(text).not.toContain("wrong-password-0");
    expect(text).not.toContain(operatorToken);
  });
});

describe("operator and studio tokens are not interchangeable", () => {
  it("an operator token is 401 on studio procedures", async () => {
    for (const path of ["/api/clients/", "/api/auth/profile/", "/api/tenants/current/"]) {
      const res = await api("GET", path, { tenant: tenant.slug, token: operatorToken });
      expect(res.status, path).toBe(401);
      expect(res.body.code).toBe("UNAUTHORIZED");
    }
  });

  it("a studio owner's token is 401 on operator procedures, over REST and tRPC", async () => {
    for (const [method, path] of [
      ["GET", "/api/tenants/"],
      ["GET", `/api/tenants/${tenant.id}/`],
      ["POST", `/api/tenants/${tenant.id}/suspend/`],
      ["POST", "/api/platform/auth/logout/"],
    ] as const) {
      for (const withTenant of [true, false]) {
        const res = await api(method, path, { token: ownerToken, tenant: withTenant ? tenant.slug : undefined });
        expect(res.status, `${method} ${path}`).toBe(401);
        expect(res.body.code).toBe("UNAUTHORIZED");
      }
    }
    const input = encodeURIComponent(JSON.stringify({ json: { id: tenant.id } }));
    const trpc = await api("GET", `/trpc/tenants.byId?input=${input}`, { token: ownerToken, tenant: tenant.slug });
    expect(trpc.status).toBe(401);
    expect(trpc.body.error.json.data.code).toBe("UNAUTHORIZED");
    expect((await api("GET", `/api/tenants/${tenant.id}/`, { tenant: tenant.slug })).status).toBe(401);
  });
});

describe("GET /api/tenants/current/", () => {
  it("shows any user of the studio its name and safe settings only", async () => {
    const { email, password } = await createTestUser(server.layer, tenant.slug, "viewer");
    const viewerToken = await login(server.url, tenant.slug, email, password);
    for (const token of [ownerToken, viewerToken]) {
      const res = await api("GET", "/api/tenants/current/", { tenant: tenant.slug, token });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        slug: tenant.slug,
        name: tenant.name,
        timeZone: "UTC",
        currency: "USD",
        businessType: "photo_framing",
        plan: "standard",
      });
    }
  });

  it("is 401 without a token", async () => {
    const res = await api("GET", "/api/tenants/current/", { tenant: tenant.slug });
    expect(res.status).toBe(401);
  });
});

describe("tenants API (operators)", () => {
  it("lists with plan, status, server, schema version and domains; searches, filters and pages", async () => {
    const domain = `${tenant.slug}.studio.test`;
    await addDomain(server.layer, tenant.slug, domain, { primary: true });
    const res = await api("GET", `/api/tenants/?search=${tenant.slug}`, { token: operatorToken });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ count: 1, page: 1, pageSize: 20 });
    expect(res.body.results[0]).toMatchObject({
      id: tenant.id,
      slug: tenant.slug,
      plan: "standard",
      status: "active",
      server: tenant.serverName,
      databaseName: tenant.databaseName,
      schemaVersion: server.layer.migrations.tenant.length,
      domains: [{ domain, primary: true }],
    });

    const suspendedOnly = await api("GET", `/api/tenants/?search=${tenant.slug}&status=suspended`, {
      token: operatorToken,
    });
    expect(suspendedOnly.body.count).toBe(0);
    const page = await api("GET", "/api/tenants/?pageSize=1&ordering=-id", { token: operatorToken });
    expect(page.body.results).toHaveLength(1);
    expect(page.body.count).toBeGreaterThanOrEqual(1);
    const bad = await api("GET", "/api/tenants/?status=sleeping", { token: operatorToken });
    expect(bad.status).toBe(400);
  });

  it("gets one by id; 404 for an unknown id", async () => {
    const res = await api("GET", `/api/tenants/${tenant.id}/`, { token: operatorToken });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: tenant.id, slug: tenant.slug, status: "active" });
    const missing = await api("GET", "/api/tenants/999999999/", { token: operatorToken });
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe("NOT_FOUND");
  });

  it("creates a tenant whose owner logs in with the password returned once", async () => {
    const slug = uniqueSlug("api");
    tenantSlugs.push(slug);
    const created = await api("POST", "/api/tenants/", {
      token: operatorToken,
      body: { slug, name: "Estudio API", plan: "pro", owner: { email: `Duena@${slug}.test`, name: "Dueña" } },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ slug, name: "Estudio API", plan: "pro", status: "active" });
    expect(created.body.owner.email).toBe(`duena@${slug}.test`);
    expect(created.body.owner.password).toMatch(/^[a-z2-7]{6}(-[a-z2-7]{6}){3}$/);
    const token = await login(server.url, slug, `duena@${slug}.test`, created.body.owner.password);
    const current = await api("GET", "/api/tenants/current/", { tenant: slug, token });
    expect(current.body).toMatchObject({ slug, plan: "pro" });

    // The studio's audit log says an operator created it.
    const db = server.layer.tenantDb({ serverName: created.body.server, databaseName: created.body.databaseName });
    const [row] = await db.select().from(auditLog).where(eq(auditLog.action, "tenants.create"));
    expect(row).toMatchObject({ actorType: "operator", entity: "tenant", entityId: String(created.body.id) });
    expect(JSON.stringify(row)).not.toContain(created.body.owner.password);
    expect(JSON.stringify(server.logs)).not.toContain(created.body.owner.password);

    const again = await api("POST", "/api/tenants/", {
      token: operatorToken,
      body: { slug, name: "Otra", owner: { email: `x@${slug}.test` } },
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe("CONFLICT");
  });

  it("keeps a given owner password (not echoed) and refuses bad slugs and weak passwords with 400", async () => {
    const slug = uniqueSlug("api");
    tenantSlugs.push(slug);
    const owner = { email: `owner@${slug}.test`, password: "given-password-42" };
    const created = await api("POST", "/api/tenants/", { token: operatorToken, body: { slug, name: "Dada", owner } });
    expect(created.status).toBe(201);
    expect(created.body.owner).toEqual({ email: owner.email, password: null });
    await login(server.url, slug, owner.email, owner.password);

    for (const [body, path] of [
      [{ slug: "Bad Slug", name: "x", owner: { email: "a@b.test" } }, "slug"],
      [{ slug: "admin", name: "x", owner: { email: "a@b.test" } }, "slug"],
      [{ slug: uniqueSlug("api"), name: "x", owner: { email: "a@b.test", password: "short" } }, "owner.password"],
      [{ slug: uniqueSlug("api"), name: "x", server: "nowhere", owner: { email: "a@b.test" } }, "server"],
      [{ slug: uniqueSlug("api"), name: "x", owner: { email: "not-an-email" } }, "owner.email"],
    ] as const) {
      const res = await api("POST", "/api/tenants/", { token: operatorToken, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.code).toBe("VALIDATION_ERROR");
      expect(res.body.issues.map((i: { path: string }) => i.path)).toContain(path);
    }
  });

  it("suspends (the studio answers 403 TENANT_SUSPENDED) and resumes (it works again)", async () => {
    const studio = await createTestTenant(server.layer);
    tenantSlugs.push(studio.slug);
    const token = await login(server.url, studio.slug, `owner@${studio.slug}.test`, TEST_PASSWORD);
    const asStudio = () => api("GET", "/api/clients/", { tenant: studio.slug, token });
    expect((await asStudio()).status).toBe(200);

    const suspended = await api("POST", `/api/tenants/${studio.id}/suspend/`, { token: operatorToken });
    expect(suspended.status).toBe(200);
    expect(suspended.body).toMatchObject({ id: studio.id, status: "suspended" });
    const refused = await asStudio();
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe("TENANT_SUSPENDED");
    // Suspending twice changes nothing and is not an error.
    expect((await api("POST", `/api/tenants/${studio.id}/suspend/`, { token: operatorToken })).status).toBe(200);

    const resumed = await api("POST", `/api/tenants/${studio.id}/resume/`, { token: operatorToken });
    expect(resumed.status).toBe(200);
    expect(resumed.body.status).toBe("active");
    expect((await asStudio()).status).toBe(200);

    const audit = await server.layer
      .tenantDb(studio)
      .select()
      .from(auditLog)
      .where(inArray(auditLog.action, ["tenants.suspend", "tenants.resume"]))
      .orderBy(desc(auditLog.id));
    expect(audit.map((r) => [r.action, r.actorType, r.after])).toEqual([
      ["tenants.resume", "operator", { status: "active" }],
      ["tenants.suspend", "operator", { status: "suspended" }],
    ]);
  });

  it("answers 404 for unknown ids and 409 for illegal transitions", async () => {
    expect((await api("POST", "/api/tenants/999999999/suspend/", { token: operatorToken })).status).toBe(404);
    expect((await api("POST", "/api/tenants/999999999/resume/", { token: operatorToken })).status).toBe(404);
    const archived = await createTestTenant(server.layer);
    tenantSlugs.push(archived.slug);
    await setTenantStatus(server.layer, archived.slug, "archived");
    for (const action of ["suspend", "resume"]) {
      const res = await api("POST", `/api/tenants/${archived.id}/${action}/`, { token: operatorToken });
      expect(res.status, action).toBe(409);
      expect(res.body.code).toBe("ILLEGAL_TRANSITION");
    }
  });
});

describe("CLI", () => {
  const dbPackage = fileURLToPath(new URL("../../../packages/db/", import.meta.url));
  const cli = (...args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        ["--import", "tsx", "src/cli/main.ts", ...args],
        { cwd: dbPackage, env: process.env },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });
  const shownPassword = (stdout: string) => stdout.match(/password \(shown once, store it now\): (\S+)/)?.[1];

  it("operator create: prints a generated password once; the operator logs in with it", async () => {
    const email = `${uniqueSlug("cli")}@platform.test`;
    operatorEmails.push(email);
    const run = await cli("operator", "create", email, "--name", "Cli Operator");
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`operator ${email} "Cli Operator" created`);
    const password = shownPassword(run.stdout);
    expect(password).toMatch(/^[a-z2-7-]{27}$/);
    const session = await operatorLogin(email, password);
    expect(session.operator.email).toBe(email);

    const twice = await cli("operator", "create", email);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain("OPERATOR_EXISTS");
    const weak = await cli("operator", "create", `${uniqueSlug("cli")}@platform.test`, "--password", "short");
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain("WEAK_PASSWORD");
  });

  it("create --owner-email: provisions the studio and its owner, who logs in", async () => {
    const slug = uniqueSlug("cli");
    tenantSlugs.push(slug);
    const run = await cli("create", slug, "--name", "Estudio CLI", "--owner-email", `owner@${slug}.test`);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`tenant ${slug} "Estudio CLI" is active`);
    const password = shownPassword(run.stdout);
    expect(password).toBeDefined();
    await login(server.url, slug, `owner@${slug}.test`, password as string);

    const given = uniqueSlug("cli");
    tenantSlugs.push(given);
    const withPassword = await cli(
      "create",
      given,
      "--name",
      "Dada",
      "--owner-email",
      `owner@${given}.test`,
      "--owner-password",
      "cli-given-password-1",
    );
    expect(withPassword.code, withPassword.stderr).toBe(0);
    expect(withPassword.stdout).not.toContain("cli-given-password-1");
    await login(server.url, given, `owner@${given}.test`, "cli-given-password-1");

    const bad = await cli("create", "Bad_Slug", "--name", "x", "--owner-email", "a@b.test");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("INVALID_SLUG");
    const badEmail = await cli("create", uniqueSlug("cli"), "--name", "x", "--owner-email", "nope");
    expect(badEmail.code).toBe(1);
  });
});
