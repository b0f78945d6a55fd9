import { auditLog } from "@fotostudio/db";
import { sql } from "drizzle-orm";
import { describe, expect } from "vitest";
import { newClient, statementsOf } from "../support/reports.js";
import { type StudioTenant, studioTest } from "../support/studio.js";

// The audit log's read endpoints against the rows the test's own changes wrote (every mutation
// appends one) and a few rows written straight into audit_log where no endpoint could write them:
// secrets in before/after, and instants on either side of Lima's midnight.
const it = studioTest();

type Row = { id: number; action: string; entity: string | null; entityId: string | null; actor: { id: number | null } };
const ids = (body: { results: Row[] }) => body.results.map((r) => r.id);

async function rename(studio: StudioTenant, clientId: number, name: string, as = studio.owner) {
  const res = await as.http("PATCH", `/api/clients/${clientId}/`, { body: { name } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

describe("GET /api/audit/", () => {
  it("lists the studio's changes newest first, with the actor, before/after, and filters them", async ({
    studio: server,
  }) => {
    await using studio = await server.openTenant();
    const a = await newClient(studio, "Ana");
    await rename(studio, a, "Ana María");
    const manager = studio.users.manager;
    const b = await manager.http("POST", "/api/clients/", { body: { name: "Beto", phone: "+51 984 000 111" } });
    expect(b.status).toBe(201);

    const all = await studio.owner.http("GET", "/api/audit/?pageSize=100");
    expect(all.status, JSON.stringify(all.body)).toBe(200);
    const rows = all.body.results as (Row & { createdAt: string; before: unknown; after: unknown })[];
    // Newest first: the manager's creation, then the owner's rename, then the owner's creation.
    const mine = rows.filter((r) => r.entity === "clients");
    expect(mine.map((r) => [r.action, r.entityId, r.actor.id])).toEqual([
      ["clients.create", String(b.body.id), manager.id],
      ["clients.patch", String(a), studio.owner.id],
      ["clients.create", String(a), studio.owner.id],
    ]);
    const times = rows.map((r) => Date.parse(r.createdAt));
    expect([...times].sort((x, y) => y - x)).toEqual(times);
    expect(mine[1]).toMatchObject({
      actor: { type: "user", id: studio.owner.id, email: studio.owner.email, name: expect.any(String) },
      before: expect.objectContaining({ name: "Ana" }),
      after: expect.objectContaining({ name: "Ana María" }),
    });

    const byAction = await studio.owner.http("GET", "/api/audit/?action=clients.create");
    expect(byAction.body.results.map((r: Row) => r.entityId)).toEqual([String(b.body.id), String(a)]);
    expect(byAction.body.count).toBe(2);
    const byUser = await studio.owner.http("GET", `/api/audit/?userId=${manager.id}&entity=clients`);
    expect(ids(byUser.body)).toEqual([mine[0]?.id]);
    const byEntity = await studio.owner.http("GET", `/api/audit/?model=clients&entityId=${a}`);
    expect(ids(byEntity.body)).toEqual([mine[1]?.id, mine[2]?.id]);
    const searched = await studio.owner.http("GET", `/api/audit/?search=${encodeURIComponent("clients.pat")}`);
    expect(ids(searched.body)).toEqual([mine[1]?.id]);

    // Pages of 2 over the three client rows: no row twice, none skipped, the count over all pages.
    const page1 = await studio.owner.http("GET", "/api/audit/?entity=clients&pageSize=2");
    const page2 = await studio.owner.http("GET", "/api/audit/?entity=clients&pageSize=2&page=2");
    expect(page1.body.count).toBe(3);
    expect([...ids(page1.body), ...ids(page2.body)]).toEqual(mine.map((r) => r.id));
  });

  it("answers the legacy paths: user/{user_id}, action/{action}, model/{model}, date-range", async ({
    studio: server,
  }) => {
    await using studio = await server.openTenant();
    const a = await newClient(studio, "Carla");
    await rename(studio, a, "Carla R.", studio.users.manager);
    const call = studio.owner.http;

    const user = await call("GET", `/api/audit/user/${studio.users.manager.id}/`);
    expect(user.status, JSON.stringify(user.body)).toBe(200);
    expect(user.body.results.filter((r: Row) => r.entity === "clients").map((r: Row) => r.action)).toEqual([
      "clients.patch",
    ]);
    expect(user.body.results.every((r: Row) => r.actor.id === studio.users.manager.id)).toBe(true);
    const unknownUser = await call("GET", "/api/audit/user/999999/");
    expect(unknownUser.status).toBe(404);
    expect(unknownUser.body.code).toBe("NOT_FOUND");

    const action = await call("GET", "/api/audit/action/clients.patch/");
    expect(action.status).toBe(200);
    expect(action.body.results.map((r: Row) => r.entityId)).toEqual([String(a)]);
    const model = await call("GET", `/api/audit/model/clients/?entityId=${a}`);
    expect(model.body.results.map((r: Row) => r.action)).toEqual(["clients.patch", "clients.create"]);

    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "America/Lima" }).format(new Date());
    const range = await call("GET", `/api/audit/date-range/?from=${today}&to=${today}&entity=clients`);
    expect(range.status, JSON.stringify(range.body)).toBe(200);
    expect(range.body.count).toBeGreaterThanOrEqual(2);
    expect((await call("GET", "/api/audit/date-range/?from=2026-01-01")).status).toBe(400);
    const backwards = await call("GET", "/api/audit/date-range/?from=2026-02-01&to=2026-01-01");
    expect(backwards.status).toBe(400);
    expect(backwards.body.issues.map((i: { path: string }) => i.path)).toEqual(["to"]);
    expect((await call("GET", "/api/audit/?from=2026-02-01&to=2026-01-01")).status).toBe(400);
  });

  it("takes from/to as days in Lima: 04:30 UTC on Dec 1 is still Nov 30", async ({ studio: server }) => {
    await using studio = await server.openTenant();
    // No endpoint writes an audit row in the past: the test writes them into the studio's log.
    await studio.db.insert(auditLog).values([
      { actorType: "system", action: "test.boundary", createdAt: new Date("2026-12-01T04:30:00.000Z") },
      { actorType: "system", action: "test.boundary", createdAt: new Date("2026-12-01T05:00:00.000Z") },
    ]);
    const nov = await studio.owner.http("GET", "/api/audit/date-range/?from=2026-11-30&to=2026-11-30");
    const dec = await studio.owner.http("GET", "/api/audit/action/test.boundary/?from=2026-12-01&to=2026-12-01");
    expect(nov.body.results.map((r: { createdAt: string }) => r.createdAt)).toEqual(["2026-12-01T04:30:00.000Z"]);
    expect(dec.body.results.map((r: { createdAt: string }) => r.createdAt)).toEqual(["2026-12-01T05:00:00.000Z"]);
  });

  it("never shows a secret, at any depth of before/after", async ({ studio: server }) => {
    await using studio = await server.openTenant();
    // A row as a careless module might record it; the endpoint must hide its secrets anyway.
    await studio.db.insert(auditLog).values({
      actorType: "user",
      actorId: studio.owner.id,
      action: "test.secrets",
      entity: "users",
      entityId: "1",
      before: {
        name: "Ana",
        passwordHash: "$argon2id$v=19$abc",
        nested: { refresh_token: "r-1", items: [{ apiKey: "k-1", otp: "123456", qty: 2 }] },
      },
      after: {
        name: "Ana",
        password: "hunter2",
        accessCode: "AB12",
        clientSecret: "s",
        shipping: "DHL",
        photoPath: "a.jpg",
      },
    });
    const res = await studio.owner.http("GET", "/api/audit/action/test.secrets/");
    expect(res.status).toBe(200);
    const [row] = res.body.results;
    expect(row.before).toEqual({
      name: "Ana",
      passwordHash: "[redacted]",
      nested: { refresh_token: "[redacted]", items: [{ apiKey: "[redacted]", otp: "[redacted]", qty: 2 }] },
    });
    expect(row.after).toEqual({
      name: "Ana",
      password: "[redacted]",
      accessCode: "[redacted]",
      clientSecret: "[redacted]",
      shipping: "DHL",
      photoPath: "a.jpg",
    });
    const text = JSON.stringify(res.body);
    for (const secret of ["argon2id", "r-1", "k-1", "123456", "hunter2", "AB12"]) expect(text).not.toContain(secret);
    // The user's own password change is on the log too, without its hash.
    const own = await studio.owner.http("GET", "/api/audit/?pageSize=100");
    expect(JSON.stringify(own.body)).not.toMatch(/\$argon2/);
  });

  it("is for audit:read holders only, and shows only the studio's own rows", async ({ studio: server }) => {
    await using studio = await server.openTenant();
    await using other = await server.openTenant();
    const theirs = await newClient(other, "Otro Estudio");
    const ours = await newClient(studio, "Nuestro");
    for (const role of ["viewer", "sales", "production"] as const) {
      const res = await studio.users[role].http("GET", "/api/audit/");
      expect(res.status, role).toBe(403);
    }
    expect((await studio.users.manager.http("GET", "/api/audit/")).status).toBe(200);
    const list = await studio.owner.http("GET", "/api/audit/?entity=clients&pageSize=100");
    expect(list.body.results.map((r: Row) => r.entityId)).toEqual([String(ours)]);
    expect(JSON.stringify(list.body)).not.toContain(other.owner.email);
    // Ids repeat across studios (each has its own database): the other studio's client row is never ours.
    const named = await studio.owner.http("GET", "/api/audit/?search=clients.create&pageSize=100");
    expect(named.body.results.every((r: { actor: { email: string } }) => r.actor.email === studio.owner.email)).toBe(
      true,
    );
    expect(theirs).toBeGreaterThan(0);
  });

  it("reads a page in the same few statements however long the log is", async ({ studio: server }) => {
    await using studio = await server.openTenant();
    const c = await newClient(studio);
    await rename(studio, c, "x1");
    const list = () => studio.owner.http("GET", "/api/audit/?pageSize=5");
    const few = await statementsOf(studio, "audit.list", list);
    for (let i = 2; i < 20; i++) await rename(studio, c, `x${i}`);
    const many = await statementsOf(studio, "audit.list", list);
    expect(many.length).toBe(few.length);
    expect(many.length).toBeLessThanOrEqual(2);
  });

  it("keeps each filter index-shaped: MariaDB may answer it from the log's indexes", async ({ studio: server }) => {
    await using studio = await server.openTenant();
    const c = await newClient(studio);
    for (let i = 0; i < 5; i++) await rename(studio, c, `y${i}`);
    const cases = [
      [`?userId=${studio.owner.id}`, "audit_log_actor_idx"],
      ["?action=clients.patch", "audit_log_action_idx"],
      [`?entity=clients&entityId=${c}`, "audit_log_entity_idx"],
      ["?from=2026-01-01&to=2026-01-31", "audit_log_created_idx"],
    ] as const;
    for (const [query, index] of cases) {
      // The statement the endpoint really sent (MariaDB's general log), explained as it is.
      const [statement] = await statementsOf(studio, "audit.list", () =>
        studio.owner.http("GET", `/api/audit/${query}`),
      );
      const [rows] = (await studio.db.execute(sql.raw(`EXPLAIN ${statement}`))) as unknown as [
        { table: string; possible_keys: string | null }[],
      ];
      const log = rows.find((r) => r.table === "audit_log");
      expect(log?.possible_keys ?? "", query).toContain(index);
    }
  });
});
