import { Writable } from "node:stream";
import { AppError } from "@fotostudio/api";
import { users } from "@fotostudio/db";
import { createTestUser, TEST_PASSWORD } from "@fotostudio/db/testing";
import { createClient, errorCode } from "@fotostudio/sdk";
import { eq } from "drizzle-orm";
import pino from "pino";
import { describe, expect } from "vitest";
import { parseEnv } from "../../src/env.js";
import { loggerOptions } from "../../src/logger.js";
import { http, startServer, type TestServer } from "../support/server.js";
import { type Studio, studioTest } from "../support/studio.js";

// Login throttling (per account, per IP), the general per-IP limit, and what never reaches a log.
const it = studioTest();
/** Every password and token this file sends or receives: none may appear in a log line. */
const secrets = new Set<string>([TEST_PASSWORD]);

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: unknown) => e,
  );
/** Logs in on the studio's tenant (through `target`, the studio's server by default), keeping the secrets. */
const attempts =
  (studio: Studio) =>
  async (email: string, password: string, target: TestServer = studio.server) => {
    secrets.add(password);
    const res = await http(target.url, "POST", "/api/auth/login/", { tenant: studio.slug, body: { email, password } });
    for (const key of ["access", "refresh"]) if (res.body?.[key]) secrets.add(res.body[key]);
    return res;
  };
const retryAfter = (headers: Headers) => Number(headers.get("retry-after"));
/** A fetch that keeps every response (the SDK hides the HTTP status and headers). */
function capturing() {
  const responses: Response[] = [];
  const capture: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    responses.push(response);
    return response;
  };
  return { responses, capture };
}
/** pino with the options the server runs with in production, writing to memory. */
function productionLogger() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { log: pino(loggerOptions(parseEnv({ NODE_ENV: "production" })), stream), lines };
}

describe("login rate limit (5 failures per account per 15 min by default)", () => {
  it("answers the sixth wrong password with 429, Retry-After and RATE_LIMITED (REST)", async ({ studio }) => {
    const attempt = attempts(studio);
    const { email } = await createTestUser(studio.layer, studio.slug, "sales", `locked@${studio.slug}.test`);
    for (let i = 1; i <= 5; i++) expect((await attempt(email, `wrong-password-${i}`)).status).toBe(401);
    const sixth = await attempt(email, "wrong-password-6");
    expect(sixth.status).toBe(429);
    expect(sixth.body.code).toBe("RATE_LIMITED");
    expect(retryAfter(sixth.headers)).toBeGreaterThan(0);
    expect(retryAfter(sixth.headers)).toBeLessThanOrEqual(900);
    // Locked means locked: the right password waits too. Other accounts on this IP do not.
    expect((await attempt(email, TEST_PASSWORD)).status).toBe(429);
    expect((await attempt(`owner@${studio.slug}.test`, TEST_PASSWORD)).status).toBe(200);
  });

  it("answers the same over tRPC: the SDK sees RATE_LIMITED and the response carries Retry-After", async ({
    studio,
  }) => {
    const { email } = await createTestUser(studio.layer, studio.slug, "production", `locked-trpc@${studio.slug}.test`);
    const { responses, capture } = capturing();
    const api = studio.sdk({ fetch: capture });
    for (let i = 1; i <= 5; i++) {
      secrets.add(`trpc-wrong-${i}`);
      expect(errorCode(await failure(api.auth.login.mutate({ email, password: `trpc-wrong-${i}` })))).toBe(
        "UNAUTHORIZED",
      );
    }
    const sixth = await failure(api.auth.login.mutate({ email, password: "trpc-wrong-6" }));
    expect(errorCode(sixth)).toBe("RATE_LIMITED");
    expect(responses.at(-1)?.status).toBe(429);
    expect(retryAfter(responses.at(-1)?.headers ?? new Headers())).toBeGreaterThan(0);

    const raw = await fetch(`${studio.url}/trpc/auth.login`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-tenant-id": studio.slug },
      body: JSON.stringify({ json: { email, password: "trpc-wrong-7" } }),
    });
    expect(raw.status).toBe(429);
    expect(retryAfter(raw.headers)).toBeGreaterThan(0);
    const body = (await raw.json()) as { error: { json: { data: { code: string } } } };
    expect(body.error.json.data.code).toBe("RATE_LIMITED");
  });

  it("starts counting again after a successful login", async ({ studio }) => {
    const attempt = attempts(studio);
    const { email } = await createTestUser(studio.layer, studio.slug, "viewer", `forgetful@${studio.slug}.test`);
    for (let i = 1; i <= 4; i++) expect((await attempt(email, `forgot-${i}`)).status).toBe(401);
    expect((await attempt(email, TEST_PASSWORD)).status).toBe(200);
    for (let i = 5; i <= 9; i++) expect((await attempt(email, `forgot-${i}`)).status).toBe(401);
    expect((await attempt(email, "forgot-10")).status).toBe(429);
  });

  it("counts failures per IP separately, across accounts, and refresh shares the IP counter", async ({ studio }) => {
    const attempt = attempts(studio);
    await using strict = await startServer(
      { LOGIN_MAX_FAILURES_PER_IP: "3", LOGIN_MAX_FAILURES_PER_ACCOUNT: "100" },
      studio.layer,
    );
    for (const who of ["a", "b", "c"])
      expect((await attempt(`${who}@${studio.slug}.test`, "guess-1234", strict)).status).toBe(401);
    const fourth = await attempt(`owner@${studio.slug}.test`, TEST_PASSWORD, strict);
    expect(fourth.status).toBe(429);
    expect(retryAfter(fourth.headers)).toBeGreaterThan(0);
    const refresh = await http(strict.url, "POST", "/api/auth/refresh/", {
      tenant: studio.slug,
      body: { refresh: "x".repeat(40) },
    });
    expect(refresh.status).toBe(429);
  });
});

describe("general per-IP limit (RATE_LIMIT_PER_MINUTE)", () => {
  it("answers 429 RATE_LIMITED with Retry-After past the limit, over REST and tRPC", async ({ studio }) => {
    // The test client is on loopback, which the default allowlist exempts: limit it here.
    await using tight = await startServer({ RATE_LIMIT_PER_MINUTE: "5", RATE_LIMIT_ALLOWLIST: "" }, studio.layer);
    for (let i = 0; i < 5; i++)
      expect((await http(tight.url, "GET", "/api/clients/", { tenant: studio.slug })).status).toBe(401);
    const rest = await http(tight.url, "GET", "/api/clients/", { tenant: studio.slug });
    expect(rest.status).toBe(429);
    expect(rest.body.code).toBe("RATE_LIMITED");
    expect(retryAfter(rest.headers)).toBeGreaterThan(0);

    const { responses, capture } = capturing();
    const api = createClient({ url: tight.url, tenant: studio.slug, fetch: capture });
    expect(errorCode(await failure(api.clients.list.query({})))).toBe("RATE_LIMITED");
    expect(retryAfter(responses[0]?.headers ?? new Headers())).toBeGreaterThan(0);
    expect((await http(tight.url, "GET", "/health")).status).toBe(200);
  });

  it("never counts the allowlisted loopback by default (benchmarks, load tests)", async ({ studio }) => {
    await using tight = await startServer({ RATE_LIMIT_PER_MINUTE: "5" }, studio.layer);
    const statuses = await Promise.all(
      Array.from({ length: 12 }, () => http(tight.url, "GET", "/api/clients/", { tenant: studio.slug })),
    );
    expect(statuses.map((r) => r.status).filter((s) => s !== 401)).toEqual([]);
  });

  it("is generous by default: 200 quick requests from one IP all pass", async ({ studio }) => {
    const attempt = attempts(studio);
    const token = (await attempt(`owner@${studio.slug}.test`, TEST_PASSWORD)).body.access;
    const statuses: number[] = [];
    for (let batch = 0; batch < 10; batch++) {
      const round = await Promise.all(Array.from({ length: 20 }, () => studio.http("GET", "/api/clients/", { token })));
      statuses.push(...round.map((r) => r.status));
    }
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
  });
});

describe("logs", () => {
  it("the server's pino options censor passwords, tokens and credentials headers", () => {
    const { log, lines } = productionLogger();
    log.info({ password: "s3cr3t-1", token: "s3cr3t-2", refresh: "s3cr3t-3", access: "s3cr3t-4" }, "top level");
    log.info({ input: { email: "x@y.z", password: "s3cr3t-5", currentPassword: "s3cr3t-6", newPassword: "s3cr3t-7" } });
    log.info({ body: { user: { password: "s3cr3t-8", passwordHash: "$argon2id$v=19$deep" } } });
    log.info({ headers: { authorization: "Bearer s3cr3t-9", cookie: "fs_session=s3cr3t-10" } });
    log.info({ req: { headers: { authorization: "Bearer s3cr3t-11", cookie: "fs_session=s3cr3t-12" } } });
    log.info({ result: { access: "s3cr3t-13", refresh: "s3cr3t-14", passwordHash: "$argon2id$v=19$res" } });
    const text = lines.join("");
    expect(lines).toHaveLength(6);
    expect(text).not.toContain("s3cr3t");
    expect(text).not.toContain("$argon2");
    expect(text).toContain("[redacted]");
    expect(text).toContain("x@y.z");
  });

  it("keeps a failed query's parameters (a password hash…) out of the logged error", async ({ studio }) => {
    const { log, lines } = productionLogger();
    const tenant = await studio.layer.registry.bySlug(studio.slug);
    if (!tenant) throw new Error("no tenant");
    // phone is varchar(32): the update fails, and Drizzle's error quotes every parameter.
    const error = await failure(
      studio.layer
        .tenantDb(tenant)
        .update(users)
        .set({ passwordHash: "$argon2id$v=19$m=19456$leak", phone: "9".repeat(40) })
        .where(eq(users.email, `owner@${studio.slug}.test`)),
    );
    expect(String(error)).toContain("$argon2id");
    log.error({ err: error, procedure: "auth.changePassword" }, "procedure failed");
    log.error({ err: new AppError("INTERNAL", "Internal server error", { cause: error }) }, "as a cause");
    expect(lines.join("")).toContain("Failed query: update `users`");
    expect(lines.join("")).not.toContain("$argon2");
    expect(lines.join("")).not.toContain("9".repeat(40));
  });

  it("a whole session's life leaves no password, token or hash in any line", async ({ studio }) => {
    const attempt = attempts(studio);
    const { email } = await createTestUser(studio.layer, studio.slug, "manager", `logged@${studio.slug}.test`);
    const status = async (response: Promise<{ status: number }>) => (await response).status;
    const refresh = (token: string) => studio.http("POST", "/api/auth/refresh/", { body: { refresh: token } });
    const first = (await attempt(email, TEST_PASSWORD)).body;
    const second = await refresh(first.refresh);
    secrets.add(second.body.access).add(second.body.refresh);
    expect(await status(refresh(first.refresh))).toBe(401);

    const { access } = (await attempt(email, TEST_PASSWORD)).body;
    const call = (method: string, path: string, body?: unknown, headers?: Record<string, string>) =>
      studio.http(method, path, { token: access, body, headers });
    const newPassword = "a-brand-new-secret-9";
    secrets.add(newPassword);
    const change = (currentPassword: string) =>
      call("POST", "/api/auth/change-password/", { currentPassword, newPassword });
    expect(await status(change("nope-nope-1"))).toBe(400);
    expect(await status(change(TEST_PASSWORD))).toBe(200);
    expect(await status(call("GET", "/api/clients/999999/"))).toBe(404);
    expect(await status(call("POST", "/api/clients/", { name: 42 }))).toBe(400);
    expect(await status(call("POST", "/api/clients/", undefined, { "content-type": "application/json" }))).toBe(400);
    const cookieOnly = { tenant: studio.slug, rawBody: "{", headers: { cookie: `fs_session=${access}` } };
    expect(await status(http(studio.url, "POST", "/api/clients/", cookieOnly))).toBe(400);
    expect(await status(call("POST", "/api/auth/logout/"))).toBe(200);

    const text = JSON.stringify(studio.logs);
    expect(studio.logs.length).toBeGreaterThan(50);
    for (const secret of secrets) expect(text, "a secret reached the logs").not.toContain(secret);
    expect(text).not.toContain("$argon2");
  });
});
