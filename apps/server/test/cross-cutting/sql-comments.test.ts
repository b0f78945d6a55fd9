import { afterAll, beforeAll, describe, expect } from "vitest";
import { type GeneralLog, openGeneralLog } from "../support/general-log.js";
import { startServer } from "../support/server.js";
import { studioTest } from "../support/studio.js";

// Every statement names who sent it (sqlcommenter style), read back from MariaDB's own general
// log: a slow query or a stuck lock in the processlist names its procedure and studio.
// Without the session cache every call checks its token (with it, a repeated call sends no session
// SQL at all: sessions.cache.test.ts).
const it = studioTest({ env: { SESSION_CACHE_SECONDS: "0" } });

let log: GeneralLog;

beforeAll(async () => {
  log = await openGeneralLog();
});

afterAll(() => log.close());

const logged = (marker: string) => log.logged(marker);

describe("SQL comments", () => {
  it("tag a read's statements with its procedure and studio, the same text on every call", async ({ studio }) => {
    const tag = `/*procedure='clients.list',tenant='${studio.slug}'*/`;
    for (const name of ["Uno", "Dos"]) {
      expect(
        (await studio.owner.http("POST", "/api/clients/", { body: { name, phone: "+51 987 654 321" } })).status,
      ).toBe(201);
    }
    // A full page (1 of 2 clients): the count follows it.
    for (let i = 0; i < 2; i++) expect((await studio.owner.http("GET", "/api/clients/?pageSize=1")).status).toBe(200);
    const statements = await logged(tag);
    // Each call: the session lookup, the page and the count — all ending in the same comment.
    expect(statements.some((s) => /from `session_tokens`/i.test(s))).toBe(true);
    expect(statements.filter((s) => /^select .* from `clients`/is.test(s) && /limit/i.test(s))).toHaveLength(2);
    expect(statements.filter((s) => /^select count\(\*\)/i.test(s))).toHaveLength(2);
    for (const statement of statements) expect(statement.endsWith(tag)).toBe(true);
  });

  it("a statement prepared once per studio names the procedure of each call that sends it", async ({ studio }) => {
    // The token check is prepared on the studio's first call and reused by every later one.
    await using tenant = await studio.openTenant();
    const token = tenant.owner.token;
    expect((await tenant.http("GET", "/api/clients/", { token })).status).toBe(200);
    expect((await tenant.http("GET", "/api/orders/", { token })).status).toBe(200);
    expect((await tenant.http("GET", "/api/clients/", { token })).status).toBe(200);
    const checks = async (procedure: string) =>
      (await logged(`/*procedure='${procedure}',tenant='${tenant.slug}'*/`)).filter((s) =>
        /from `session_tokens`/i.test(s),
      );
    expect(await checks("clients.list")).toHaveLength(2);
    expect(await checks("orders.list")).toHaveLength(1);
  });

  it("a short page is the last one: its count comes without a COUNT statement", async ({ studio }) => {
    const tag = `/*procedure='clients.list',tenant='${studio.slug}'*/`;
    const before = (await logged(tag)).length;
    const res = await studio.owner.http("GET", "/api/clients/?pageSize=50");
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(res.body.results.length);
    expect(res.body.count).toBeGreaterThan(0);
    const sent = (await logged(tag)).slice(before);
    expect(sent.filter((s) => /^select .* from `clients`/is.test(s) && /limit/i.test(s))).toHaveLength(1);
    expect(sent.filter((s) => /^select count\(\*\)/i.test(s))).toHaveLength(0);
  });

  it("tag every statement of a mutation's transaction, the audit row's insert included", async ({ studio }) => {
    const res = await studio.owner.http("POST", "/api/clients/", {
      body: { name: "Comentada", phone: "+51 987 654 321" },
    });
    expect(res.status).toBe(201);
    const statements = await logged(`/*procedure='clients.create',tenant='${studio.slug}'*/`);
    expect(statements.some((s) => /^insert into `clients`/i.test(s))).toBe(true);
    expect(statements.some((s) => /^insert into `audit_log`/i.test(s))).toBe(true);
  });

  it("name the tenant registry's lookups and the cache relay's appends, which are no procedure", async ({ studio }) => {
    const nobody = `nobody-${Math.random().toString(36).slice(2, 10)}`;
    const res = await studio.http("GET", "/api/auth/profile/", { tenant: nobody, token: studio.owner.token });
    expect(res.body.code).toBe("TENANT_NOT_FOUND");
    const lookups = (await logged("/*procedure='registry.resolve'*/")).filter((s) => s.includes(nobody));
    expect(lookups).toHaveLength(1);
    expect(lookups[0]).toMatch(/from `tenants`/i);

    // A node with the relay on (this file's server runs without the caches): a logout there is
    // appended to cache_changes for the other nodes, named as the relay's.
    await using node = await startServer({ CACHE_SYNC_MS: "100" }, studio.layer);
    const token = await studio.owner.login();
    const logout = await fetch(`${node.url}/api/auth/logout/`, {
      method: "POST",
      headers: { "x-tenant-id": studio.slug, authorization: `Bearer ${token}` },
    });
    expect(logout.status).toBe(200);
    const appended = (s: string) =>
      /^insert into `cache_changes`/i.test(s) && new RegExp(`\\b${studio.record.id}, 'sessions'`).test(s);
    await expect
      .poll(async () => (await logged("/*procedure='cache.relay'*/")).some(appended), { timeout: 3_000 })
      .toBe(true);
  });

  it("tag platform procedures with the procedure alone: they name no studio", async ({ studio, operator }) => {
    const res = await studio.http("GET", "/api/tenants/", { tenant: undefined, token: operator.token });
    expect(res.status).toBe(200);
    const statements = await logged("/*procedure='tenants.list'*/");
    expect(statements.some((s) => /from `tenants`/i.test(s))).toBe(true);
  });
});
