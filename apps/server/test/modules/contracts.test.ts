import { type ClientKind, clients, contractPackages } from "@fotostudio/db";
import { errorCode } from "@fotostudio/sdk";
import { eq } from "drizzle-orm";
import { describe, expect } from "vitest";
import { issuePaths } from "../support/server.js";
import { type Studio, studioTest } from "../support/studio.js";

// School contracts over REST (the legacy frontend's calls) and the SDK: create, read, list,
// replace, patch, delete, with the rules on schools, dates, the responsible user and the states
// that may still change; who may read and write them; another studio's ids are 404.
const it = studioTest();

// Clients are made in the database: these tests are about contracts, not the clients module's rules.
const client = async (studio: Pick<Studio, "db">, name: string, kind: ClientKind) =>
  (await studio.db.insert(clients).values({ name, kind }).$returningId())[0]?.id as number;
const school = (studio: Pick<Studio, "db">, name = "Colegio San Martín") => client(studio, name, "school");

const terms = (schoolId: number, overrides: Record<string, unknown> = {}) => ({
  schoolId,
  title: "Fotografía escolar 2026",
  type: "annual",
  validFrom: "2026-03-01",
  validTo: "2026-12-20",
  value: "12000.00",
  ...overrides,
});

describe("REST contracts", () => {
  it("creates a draft with 201, its packages and derived account, and reads it back", async ({ studio }) => {
    const call = studio.owner.http;
    const schoolId = await school(studio);
    const created = await call("POST", "/api/contracts/", {
      body: terms(schoolId, {
        commissionPercent: "10",
        photoDay: "2026-05-12",
        deliveryTo: "home",
        clauses: "Pago en dos cuotas",
        responsibleUserId: studio.users.sales.id,
        packages: [
          { name: "Paquete Promoción", price: "85.00", items: ["Foto 20x30 enmarcada", "2 fotos carné"] },
          { name: "Básico", price: 40 },
        ],
      }),
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      schoolId,
      schoolName: "Colegio San Martín",
      title: "Fotografía escolar 2026",
      type: "annual",
      status: "draft",
      validFrom: "2026-03-01",
      validTo: "2026-12-20",
      value: "12000.00",
      paid: "0.00",
      balance: "12000.00",
      paidPercent: "0.00",
      commissionPercent: "10.00",
      photoDay: "2026-05-12",
      makeupDay: null,
      deliveryTo: "home",
      clauses: "Pago en dos cuotas",
      notes: null,
      responsibleUserId: studio.users.sales.id,
      rescindedAt: null,
      studentsCount: 0,
      packages: [
        { name: "Paquete Promoción", price: "85.00", items: ["Foto 20x30 enmarcada", "2 fotos carné"] },
        { name: "Básico", price: "40.00", items: [] },
      ],
    });
    expect(typeof created.body.daysLeft).toBe("number");
    const got = await call("GET", `/api/contracts/${created.body.id}/`);
    expect(got.status).toBe(200);
    expect(got.body).toEqual(created.body);
  });

  it("lists with filters, search over the title and the school's name, and ordering", async ({ studio }) => {
    const call = studio.owner.http;
    const andes = await school(studio, "Colegio Los Andes Lista");
    const sol = await school(studio, "Colegio El Sol Lista");
    const a = await call("POST", "/api/contracts", {
      body: terms(andes, { title: "Promoción Lista A", type: "semester" }),
    });
    const b = await call("POST", "/api/contracts", {
      body: terms(sol, { title: "Promoción Lista B", validFrom: "2026-04-01", status: "active" }),
    });
    expect([a.status, b.status]).toEqual([201, 201]);
    const list = await call("GET", "/api/contracts/?search=Lista&ordering=title");
    expect(list.body.results.map((r: { title: string }) => r.title)).toEqual([
      "Promoción Lista A",
      "Promoción Lista B",
    ]);
    expect((await call("GET", "/api/contracts/?search=Lista")).body.results[0].id).toBe(b.body.id);
    expect((await call("GET", "/api/contracts/?search=El Sol")).body).toMatchObject({
      count: 1,
      results: [{ id: b.body.id }],
    });
    expect(
      (await call("GET", "/api/contracts/?search=Lista&status=active")).body.results.map((r: { id: number }) => r.id),
    ).toEqual([b.body.id]);
    expect((await call("GET", "/api/contracts/?search=Lista&type=semester")).body.count).toBe(1);
    expect(
      (await call("GET", `/api/contracts/?schoolId=${andes}`)).body.results.map((r: { id: number }) => r.id),
    ).toEqual([a.body.id]);
    const expired = await call("POST", "/api/contracts", {
      body: terms(andes, { title: "Promoción Lista vieja", validFrom: "2020-03-01", validTo: "2020-12-20" }),
    });
    expect(expired.body).toMatchObject({ expired: true, status: "draft" });
    expect(expired.body.daysLeft).toBeLessThan(0);
    const onlyExpired = await call("GET", "/api/contracts/?search=Lista&expired=true");
    expect(onlyExpired.body.results.map((r: { id: number }) => r.id)).toEqual([expired.body.id]);
    expect((await call("GET", "/api/contracts/?search=Lista&expired=false")).body.count).toBe(2);
  });

  it("PUT replaces every term, PATCH changes only what it sends, packages are replaced as a whole", async ({
    studio,
  }) => {
    const call = studio.owner.http;
    const schoolId = await school(studio);
    const { body: row } = await call("POST", "/api/contracts", {
      body: terms(schoolId, {
        notes: "keep",
        packages: [
          { name: "A", price: "10.00" },
          { name: "B", price: "20.00" },
        ],
      }),
    });
    const patched = await call("PATCH", `/api/contracts/${row.id}/`, {
      body: { value: "15000", title: "Nuevo título" },
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body).toMatchObject({
      value: "15000.00",
      title: "Nuevo título",
      notes: "keep",
      balance: "15000.00",
    });
    expect(patched.body.packages.map((p: { name: string }) => p.name)).toEqual(["A", "B"]);
    const repackaged = await call("PATCH", `/api/contracts/${row.id}/`, {
      body: { packages: [{ name: "C", price: "30.00", items: ["Anuario"] }] },
    });
    expect(repackaged.body.packages).toMatchObject([{ name: "C", price: "30.00", items: ["Anuario"] }]);
    const stored = await studio.db.select().from(contractPackages).where(eq(contractPackages.contractId, row.id));
    expect(stored.map((p) => p.name)).toEqual(["C"]);

    const replaced = await call("PUT", `/api/contracts/${row.id}/`, { body: terms(schoolId, { type: "project" }) });
    expect(replaced.status, JSON.stringify(replaced.body)).toBe(200);
    expect(replaced.body).toMatchObject({ type: "project", notes: null, value: "12000.00", packages: [] });
    // A PATCH moving one date is checked against the stored other.
    const backwards = await call("PATCH", `/api/contracts/${row.id}/`, { body: { validTo: "2026-02-01" } });
    expect(backwards.status).toBe(400);
    expect(issuePaths(backwards.body)).toEqual(["validTo"]);
    const late = await call("PATCH", `/api/contracts/${row.id}/`, { body: { validFrom: "2027-01-01" } });
    expect(issuePaths(late.body)).toEqual(["validFrom"]);
  });

  it("refuses bad bodies with 400 naming the field, and writes nothing", async ({ studio }) => {
    const call = studio.owner.http;
    const schoolId = await school(studio);
    const person = await client(studio, "Ana Persona", "person");
    const before = (await call("GET", "/api/contracts/")).body.count;
    const cases: [Record<string, unknown>, string][] = [
      [terms(schoolId, { title: "" }), "title"],
      [terms(schoolId, { type: "weekly" }), "type"],
      [terms(schoolId, { validTo: "2026-03-01" }), "validTo"],
      [terms(schoolId, { validTo: "2026-02-01" }), "validTo"],
      [terms(schoolId, { validFrom: "2026-02-30" }), "validFrom"],
      [terms(schoolId, { value: "12.345" }), "value"],
      [terms(schoolId, { value: "-1" }), "value"],
      [terms(schoolId, { commissionPercent: "100.5" }), "commissionPercent"],
      [terms(schoolId, { deliveryTo: "office" }), "deliveryTo"],
      [terms(schoolId, { packages: [{ name: "", price: "1" }] }), "packages.0.name"],
      [terms(schoolId, { packages: [{ name: "X", price: "1.001" }] }), "packages.0.price"],
      [terms(schoolId, { status: "completed" }), "status"],
      [terms(person), "schoolId"],
      [terms(999_999), "schoolId"],
      [terms(schoolId, { responsibleUserId: 999_999 }), "responsibleUserId"],
    ];
    for (const [body, field] of cases) {
      const res = await call("POST", "/api/contracts/", { body });
      expect(res.status, field).toBe(400);
      expect(res.body.code).toBe("VALIDATION_ERROR");
      expect(issuePaths(res.body), field).toContain(field);
    }
    expect((await call("GET", "/api/contracts/?ordering=sideways")).status).toBe(400);
    expect((await call("GET", "/api/contracts/")).body.count).toBe(before);
    for (const path of [
      "/api/contracts/999999/",
      "/api/contracts/999999/students/",
      "/api/contracts/999999/payments/",
    ]) {
      expect((await call("GET", path)).status, path).toBe(404);
    }
    expect((await call("PATCH", "/api/contracts/999999/", { body: { title: "x" } })).status).toBe(404);
  });

  it("completed and rescinded contracts are read-only (409); only drafts without payments are deleted", async ({
    studio,
  }) => {
    const call = studio.owner.http;
    const schoolId = await school(studio);
    const create = async (overrides: Record<string, unknown> = {}) =>
      (await call("POST", "/api/contracts", { body: terms(schoolId, overrides) })).body;
    const done = await create({ status: "active" });
    await call("POST", `/api/contracts/${done.id}/transition/`, { body: { to: "completed" } });
    const gone = await create();
    await call("POST", `/api/contracts/${gone.id}/transition/`, { body: { to: "rescinded", reason: "cancelled" } });
    for (const row of [done, gone]) {
      for (const [method, body] of [
        ["PATCH", { notes: "late note" }],
        ["PUT", terms(schoolId)],
      ] as const) {
        const res = await call(method, `/api/contracts/${row.id}/`, { body });
        expect(res.status, `${method} ${row.id}`).toBe(409);
        expect(res.body.code).toBe("ILLEGAL_TRANSITION");
      }
      expect((await call("DELETE", `/api/contracts/${row.id}/`)).body.code).toBe("ILLEGAL_TRANSITION");
      expect((await call("GET", `/api/contracts/${row.id}/`)).body.notes).toBeNull();
    }
    const active = await create({ status: "active" });
    expect((await call("PATCH", `/api/contracts/${active.id}/`, { body: { notes: "ok" } })).status).toBe(200);
    expect((await call("DELETE", `/api/contracts/${active.id}/`)).status).toBe(409);

    const paidDraft = await create();
    await call("POST", `/api/contracts/${paidDraft.id}/payments/`, {
      body: { kind: "deposit", amount: "100", method: "cash" },
    });
    const refused = await call("DELETE", `/api/contracts/${paidDraft.id}/`);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe("CONFLICT");

    const draft = await create({ packages: [{ name: "A", price: "1.00" }] });
    await call("POST", `/api/contracts/${draft.id}/students/`, {
      body: { level: "primaria", grade: "1", name: "Luis" },
    });
    expect(await call("DELETE", `/api/contracts/${draft.id}/`)).toMatchObject({
      status: 200,
      body: { id: draft.id, deleted: true },
    });
    expect((await call("GET", `/api/contracts/${draft.id}/`)).status).toBe(404);
    expect(await studio.db.select().from(contractPackages).where(eq(contractPackages.contractId, draft.id))).toEqual(
      [],
    );
  });
});

describe("who sees and changes contracts", () => {
  it("sales writes; the viewer reads only; production and workshop do not see them (403)", async ({ studio }) => {
    const schoolId = await school(studio);
    const sales = await studio.users.sales.http("POST", "/api/contracts/", { body: terms(schoolId) });
    expect(sales.status).toBe(201);
    const viewer = studio.users.viewer.http;
    expect((await viewer("GET", `/api/contracts/${sales.body.id}/`)).status).toBe(200);
    expect((await viewer("GET", "/api/contracts/expiring/")).status).toBe(200);
    for (const [method, path, body] of [
      ["POST", "/api/contracts/", terms(schoolId)],
      ["PATCH", `/api/contracts/${sales.body.id}/`, { notes: "x" }],
      ["DELETE", `/api/contracts/${sales.body.id}/`, undefined],
      ["POST", `/api/contracts/${sales.body.id}/transition/`, { to: "active" }],
      ["POST", `/api/contracts/${sales.body.id}/payments/`, { kind: "payment", amount: "1", method: "cash" }],
      ["POST", `/api/contracts/${sales.body.id}/students/`, { level: "primaria", grade: "1", name: "Luis" }],
    ] as const) {
      const res = await viewer(method, path, body ? { body } : {});
      expect(res.status, `${method} ${path}`).toBe(403);
    }
    for (const role of ["production", "workshop"] as const) {
      expect((await studio.users[role].http("GET", "/api/contracts/")).status, role).toBe(403);
      const denied = await studio.users[role].sdk.contracts.byId.query({ id: sales.body.id }).catch((e: unknown) => e);
      expect(errorCode(denied), role).toBe("FORBIDDEN");
    }
    expect((await viewer("GET", `/api/contracts/${sales.body.id}/`)).body.status).toBe("draft");
  });

  it("another studio's contract is 404 on every path, and its school is no school here (400)", async ({
    studio,
    other,
  }) => {
    const schoolId = await school(studio);
    const { body: row } = await studio.owner.http("POST", "/api/contracts/", { body: terms(schoolId) });
    const them = other.owner.http;
    for (const [method, path, body] of [
      ["GET", `/api/contracts/${row.id}/`, undefined],
      ["PATCH", `/api/contracts/${row.id}/`, { notes: "x" }],
      ["DELETE", `/api/contracts/${row.id}/`, undefined],
      ["GET", `/api/contracts/${row.id}/students/`, undefined],
      ["GET", `/api/contracts/${row.id}/payments/`, undefined],
      ["POST", `/api/contracts/${row.id}/transition/`, { to: "active" }],
    ] as const) {
      expect((await them(method, path, body ? { body } : {})).status, `${method} ${path}`).toBe(404);
    }
    const theirs = await them("POST", "/api/contracts/", { body: terms(schoolId) });
    // The other studio has no clients: this studio's school is nothing there.
    expect(theirs.status).toBe(400);
    expect(issuePaths(theirs.body)).toEqual(["schoolId"]);
    expect((await studio.owner.http("GET", `/api/contracts/${row.id}/`)).body.status).toBe("draft");
  });
});

describe("SDK contracts", () => {
  it("the same procedures, typed: dates stay plain days, money decimal strings", async ({ studio }) => {
    const sdk = studio.owner.sdk;
    const schoolId = await school(studio, "Colegio SDK");
    const created = await sdk.contracts.create.mutate({
      schoolId,
      title: "Por SDK",
      type: "monthly",
      validFrom: "2026-03-01",
      validTo: "2026-03-31",
      value: "900.50",
      packages: [{ name: "Mensual", price: "30.00", items: ["Foto"] }],
    });
    expect(created.createdAt).toBeInstanceOf(Date);
    expect(created).toMatchObject({
      status: "draft",
      value: "900.50",
      schoolName: "Colegio SDK",
      validTo: "2026-03-31",
    });
    expect((await sdk.contracts.patch.mutate({ id: created.id, notes: "n" })).notes).toBe("n");
    const list = await sdk.contracts.list.query({ schoolId });
    expect(list.results.map((r) => r.id)).toEqual([created.id]);
    const bad = await sdk.contracts.create
      .mutate({ schoolId, title: "x", type: "annual", validFrom: "2026-05-01", validTo: "2026-04-01", value: "1" })
      .catch((e: unknown) => e);
    expect(errorCode(bad)).toBe("VALIDATION_ERROR");
    await sdk.contracts.delete.mutate({ id: created.id });
    expect(errorCode(await sdk.contracts.byId.query({ id: created.id }).catch((e: unknown) => e))).toBe("NOT_FOUND");
  });
});
