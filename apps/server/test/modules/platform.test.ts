import { operators } from "@fotostudio/db";
import { uniqueSlug } from "@fotostudio/db/testing";
import { eq } from "drizzle-orm";
import { describe, expect } from "vitest";
import { cli, shownPassword } from "../support/cli.js";
import { OPERATOR_PASSWORD, type Studio, studioTest } from "../support/studio.js";

// Platform operators (control database): their sessions, the wall between operator and studio
// tokens, and `pnpm tenants operator create`. The tenants API they use: tenants.test.ts.
const it = studioTest();

async function operatorLogin(studio: Studio, email: string, password = OPERATOR_PASSWORD) {
  const res = await studio.platformHttp("POST", "/api/platform/auth/login/", { body: { email, password } });
  expect(res.status).toBe(200);
  return res.body as { access: string; refresh: string; expiresAt: string; operator: { email: string } };
}

describe("operator sessions", () => {
  it("logs in without a tenant, with bearer tokens only (no cookie)", async ({ studio }) => {
    const api = studio.platformHttp;
    const { email } = await studio.openOperator();
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

  it("rotates on refresh; a reused refresh token revokes the whole session", async ({ studio }) => {
    const api = studio.platformHttp;
    const first = await operatorLogin(studio, (await studio.openOperator()).email);
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
    expect(studio.logs.some((l) => l.event === "operator.refresh_reused")).toBe(true);
  });

  it("logs out: the token stops working", async ({ studio }) => {
    const api = studio.platformHttp;
    const { access } = await operatorLogin(studio, (await studio.openOperator()).email);
    const out = await api("POST", "/api/platform/auth/logout/", { token: access });
    expect(out.status).toBe(200);
    expect(out.body).toEqual({ ok: true });
    expect((await api("GET", "/api/tenants/", { token: access })).status).toBe(401);
    expect((await api("POST", "/api/platform/auth/logout/", { token: access })).status).toBe(401);
  });

  it("locks an account after five failures (429 + Retry-After) and logs no secret", async ({ studio, operator }) => {
    const api = studio.platformHttp;
    const { email } = await studio.openOperator();
    for (let i = 0; i < 5; i++) {
      const res = await api("POST", "/api/platform/auth/login/", { body: { email, password: `wrong-password-${i}` } });
      expect(res.status).toBe(401);
    }
    const locked = await api("POST", "/api/platform/auth/login/", { body: { email, password: OPERATOR_PASSWORD } });
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe("RATE_LIMITED");
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);

    const events = studio.logs.filter((l) => l.email === email).map((l) => l.event);
    expect(events.filter((e) => e === "operator.login_failed")).toHaveLength(5);
    expect(events).toContain("operator.login_locked");
    const text = JSON.stringify(studio.logs);
    expect(text).not.toContain(OPERATOR_PASSWORD);
    expect(text).not.toContain("wrong-password-0");
    expect(text).not.toContain(operator.token);
  });
});

describe("operator and studio tokens are not interchangeable", () => {
  it("an operator token is 401 on studio procedures", async ({ studio, operator }) => {
    const api = studio.platformHttp;
    for (const path of ["/api/clients/", "/api/auth/profile/", "/api/tenants/current/"]) {
      const res = await api("GET", path, { tenant: studio.slug, token: operator.token });
      expect(res.status, path).toBe(401);
      expect(res.body.code).toBe("UNAUTHORIZED");
    }
  });

  it("a studio owner's token is 401 on operator procedures, over REST and tRPC", async ({ studio }) => {
    const api = studio.platformHttp;
    const tenant = studio.record;
    const ownerToken = studio.owner.token;
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

describe("CLI", () => {
  it("operator create: prints a generated password once; the operator logs in with it", async ({ studio }) => {
    const email = `${uniqueSlug("cli")}@platform.test`;
    studio.defer(() => studio.layer.control.delete(operators).where(eq(operators.email, email)));
    const run = await cli("operator", "create", email, "--name", "Cli Operator");
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`operator ${email} "Cli Operator" created`);
    const password = shownPassword(run.stdout);
    expect(password).toMatch(/^[a-z2-7-]{27}$/);
    const session = await operatorLogin(studio, email, password);
    expect(session.operator.email).toBe(email);

    const twice = await cli("operator", "create", email);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain("OPERATOR_EXISTS");
    const weak = await cli("operator", "create", `${uniqueSlug("cli")}@platform.test`, "--password", "short");
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain("WEAK_PASSWORD");
  });
});
