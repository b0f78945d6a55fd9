import { addDomain, auditLog, setTenantStatus } from "@fotostudio/db";
import { uniqueSlug } from "@fotostudio/db/testing";
import { desc, eq, inArray } from "drizzle-orm";
import { describe, expect } from "vitest";
import { cli, shownPassword } from "../support/cli.js";
import { login } from "../support/server.js";
import { studioTest } from "../support/studio.js";

// The tenants module: the studio of a request (tenants.current) for its users, and the tenants API
// for platform operators (list, get, create, suspend, resume); `pnpm tenants create`.
const it = studioTest();

describe("GET /api/tenants/current/", () => {
  it("shows any user of the studio its name, branding and safe settings only", async ({ studio }) => {
    const api = studio.platformHttp;
    const tenant = studio.record;
    for (const token of [studio.owner.token, studio.users.viewer.token]) {
      const res = await api("GET", "/api/tenants/current/", { tenant: tenant.slug, token });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        slug: tenant.slug,
        name: tenant.name,
        businessName: tenant.name,
        logoUrl: null,
        primaryColour: "#1f2937",
        secondaryColour: "#f59e0b",
        currency: "PEN",
        timeZone: "America/Lima",
        locale: "es-PE",
        businessType: "photo_framing",
        plan: "standard",
      });
    }
  });

  it("follows the studio's business and system settings (REST and SDK)", async ({ studio }) => {
    await using tenant = await studio.openTenant();
    const call = tenant.owner.http;
    await call("PATCH", "/api/config/business/", {
      body: { legalName: "Luz Fotografía S.A.C.", primaryColour: "#000000" },
    });
    expect((await call("GET", "/api/tenants/current/")).body).toMatchObject({
      businessName: "Luz Fotografía S.A.C.",
      primaryColour: "#000000",
    });
    await call("PATCH", "/api/config/business/", { body: { tradeName: "Estudio Luz" } });
    await call("PATCH", "/api/config/system/", {
      body: { currency: "USD", timeZone: "America/Bogota", locale: "es-CO" },
    });
    const current = await tenant.users.workshop.sdk.tenants.current.query();
    expect(current).toMatchObject({
      businessName: "Estudio Luz",
      currency: "USD",
      timeZone: "America/Bogota",
      locale: "es-CO",
    });
  });

  it("is 401 without a token", async ({ studio }) => {
    const api = studio.platformHttp;
    const tenant = studio.record;
    const res = await api("GET", "/api/tenants/current/", { tenant: tenant.slug });
    expect(res.status).toBe(401);
  });
});

describe("tenants API (operators)", () => {
  it("lists with plan, status, server, schema version and domains; searches, filters and pages", async ({
    studio,
    operator,
  }) => {
    const api = studio.platformHttp;
    const tenant = studio.record;
    const domain = `${tenant.slug}.studio.test`;
    await addDomain(studio.layer, tenant.slug, domain, { primary: true });
    const res = await api("GET", `/api/tenants/?search=${tenant.slug}`, { token: operator.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ count: 1, page: 1, pageSize: 20 });
    expect(res.body.results[0]).toMatchObject({
      id: tenant.id,
      slug: tenant.slug,
      plan: "standard",
      status: "active",
      server: tenant.serverName,
      databaseName: tenant.databaseName,
      schemaVersion: studio.layer.migrations.tenant.length,
      domains: [{ domain, primary: true }],
    });

    const suspendedOnly = await api("GET", `/api/tenants/?search=${tenant.slug}&status=suspended`, {
      token: operator.token,
    });
    expect(suspendedOnly.body.count).toBe(0);
    const page = await api("GET", "/api/tenants/?pageSize=1&ordering=-id", { token: operator.token });
    expect(page.body.results).toHaveLength(1);
    expect(page.body.count).toBeGreaterThanOrEqual(1);
    const bad = await api("GET", "/api/tenants/?status=sleeping", { token: operator.token });
    expect(bad.status).toBe(400);
  });

  it("gets one by id; 404 for an unknown id", async ({ studio, operator }) => {
    const api = studio.platformHttp;
    const tenant = studio.record;
    const res = await api("GET", `/api/tenants/${tenant.id}/`, { token: operator.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: tenant.id, slug: tenant.slug, status: "active" });
    const missing = await api("GET", "/api/tenants/999999999/", { token: operator.token });
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe("NOT_FOUND");
  });

  it("creates a tenant whose owner logs in with the password returned once", async ({ studio, operator }) => {
    const api = studio.platformHttp;
    const slug = uniqueSlug("api");
    studio.adopt(slug);
    const created = await api("POST", "/api/tenants/", {
      token: operator.token,
      body: { slug, name: "Estudio API", plan: "pro", owner: { email: `Duena@${slug}.test`, name: "Dueña" } },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ slug, name: "Estudio API", plan: "pro", status: "active" });
    expect(created.body.owner.email).toBe(`duena@${slug}.test`);
    expect(created.body.owner.password).toMatch(/^[a-z2-7]{6}(-[a-z2-7]{6}){3}$/);
    const token = await login(studio.url, slug, `duena@${slug}.test`, created.body.owner.password);
    const current = await api("GET", "/api/tenants/current/", { tenant: slug, token });
    expect(current.body).toMatchObject({ slug, plan: "pro" });

    // The studio's audit log says an operator created it.
    const db = studio.layer.tenantDb({ serverName: created.body.server, databaseName: created.body.databaseName });
    const [row] = await db.select().from(auditLog).where(eq(auditLog.action, "tenants.create"));
    expect(row).toMatchObject({ actorType: "operator", entity: "tenant", entityId: String(created.body.id) });
    expect(JSON.stringify(row)).not.toContain(created.body.owner.password);
    expect(JSON.stringify(studio.logs)).not.toContain(created.body.owner.password);

    const again = await api("POST", "/api/tenants/", {
      token: operator.token,
      body: { slug, name: "Otra", owner: { email: `x@${slug}.test` } },
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe("CONFLICT");
  });

  it("keeps a given owner password (not echoed) and refuses bad slugs and weak passwords with 400", async ({
    studio,
    operator,
  }) => {
    const api = studio.platformHttp;
    const slug = uniqueSlug("api");
    studio.adopt(slug);
    const owner = { email: `owner@${slug}.test`, password: "given-password-42" };
    const created = await api("POST", "/api/tenants/", { token: operator.token, body: { slug, name: "Dada", owner } });
    expect(created.status).toBe(201);
    expect(created.body.owner).toEqual({ email: owner.email, password: null });
    await login(studio.url, slug, owner.email, owner.password);

    for (const [body, path] of [
      [{ slug: "Bad Slug", name: "x", owner: { email: "a@b.test" } }, "slug"],
      [{ slug: "admin", name: "x", owner: { email: "a@b.test" } }, "slug"],
      [{ slug: uniqueSlug("api"), name: "x", owner: { email: "a@b.test", password: "short" } }, "owner.password"],
      [{ slug: uniqueSlug("api"), name: "x", server: "nowhere", owner: { email: "a@b.test" } }, "server"],
      [{ slug: uniqueSlug("api"), name: "x", owner: { email: "not-an-email" } }, "owner.email"],
    ] as const) {
      const res = await api("POST", "/api/tenants/", { token: operator.token, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.code).toBe("VALIDATION_ERROR");
      expect(res.body.issues.map((i: { path: string }) => i.path)).toContain(path);
    }
  });

  it("suspends (the studio answers 403 TENANT_SUSPENDED) and resumes (it works again)", async ({
    studio,
    operator,
  }) => {
    const api = studio.platformHttp;
    await using t = await studio.openTenant();
    const asStudio = () => t.owner.http("GET", "/api/clients/");
    expect((await asStudio()).status).toBe(200);

    const suspended = await api("POST", `/api/tenants/${t.record.id}/suspend/`, { token: operator.token });
    expect(suspended.status).toBe(200);
    expect(suspended.body).toMatchObject({ id: t.record.id, status: "suspended" });
    const refused = await asStudio();
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe("TENANT_SUSPENDED");
    // Suspending twice changes nothing and is not an error.
    expect((await api("POST", `/api/tenants/${t.record.id}/suspend/`, { token: operator.token })).status).toBe(200);

    const resumed = await api("POST", `/api/tenants/${t.record.id}/resume/`, { token: operator.token });
    expect(resumed.status).toBe(200);
    expect(resumed.body.status).toBe("active");
    expect((await asStudio()).status).toBe(200);

    const audit = await t.db
      .select()
      .from(auditLog)
      .where(inArray(auditLog.action, ["tenants.suspend", "tenants.resume"]))
      .orderBy(desc(auditLog.id));
    expect(audit.map((r) => [r.action, r.actorType, r.after])).toEqual([
      ["tenants.resume", "operator", { status: "active" }],
      ["tenants.suspend", "operator", { status: "suspended" }],
    ]);
  });

  it("answers 404 for unknown ids and 409 for illegal transitions", async ({ studio, operator }) => {
    const api = studio.platformHttp;
    expect((await api("POST", "/api/tenants/999999999/suspend/", { token: operator.token })).status).toBe(404);
    expect((await api("POST", "/api/tenants/999999999/resume/", { token: operator.token })).status).toBe(404);
    await using t = await studio.openTenant();
    const archived = t.record;
    await setTenantStatus(studio.layer, archived.slug, "archived");
    for (const action of ["suspend", "resume"]) {
      const res = await api("POST", `/api/tenants/${archived.id}/${action}/`, { token: operator.token });
      expect(res.status, action).toBe(409);
      expect(res.body.code).toBe("ILLEGAL_TRANSITION");
    }
  });
});

describe("CLI", () => {
  it("create --owner-email: provisions the studio and its owner, who logs in", async ({ studio }) => {
    const slug = uniqueSlug("cli");
    studio.adopt(slug);
    const run = await cli("create", slug, "--name", "Estudio CLI", "--owner-email", `owner@${slug}.test`);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`tenant ${slug} "Estudio CLI" is active`);
    const password = shownPassword(run.stdout);
    expect(password).toBeDefined();
    await login(studio.url, slug, `owner@${slug}.test`, password as string);

    const given = uniqueSlug("cli");
    studio.adopt(given);
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
    await login(studio.url, given, `owner@${given}.test`, "cli-given-password-1");

    const bad = await cli("create", "Bad_Slug", "--name", "x", "--owner-email", "a@b.test");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("INVALID_SLUG");
    const badEmail = await cli("create", uniqueSlug("cli"), "--name", "x", "--owner-email", "nope");
    expect(badEmail.code).toBe(1);
  });
});
