import { clients, orders } from "@fotostudio/db";
import { errorCode } from "@fotostudio/sdk";
import { eq } from "drizzle-orm";
import { describe, expect } from "vitest";
import { studioTest, type TenantDb } from "../support/studio.js";

// Clients by kind (SPEC 5b): persons, schools and companies with the fields each needs and its
// document rule (DNI or RUC), validated on the client a change leaves; and each client's order
// count, total spent and last order date, computed in SQL from its orders.
const it = studioTest();

const issuePaths = (body: { issues?: { path: string }[] }) => (body.issues ?? []).map((i) => i.path).sort();
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: unknown) => e,
  );
const person = { name: "Ana Quispe", phone: "987 654 321" };
const school = {
  kind: "school",
  name: "I.E. San Martín",
  contactName: "Rosa Huamán",
  phone: "01 444 5555",
  taxId: "20123456789",
};
const company = { ...school, kind: "company", name: "Eventos Lima S.A.C.", taxId: "20556677889" };

describe("kinds and their rules (REST)", () => {
  it.for([
    ["a person with a name and a phone", person],
    ["a person with a DNI", { ...person, taxId: "45678912" }],
    ["a person with a RUC 10…", { ...person, taxId: "10456789123" }],
    ["a school with contact, phone and RUC 20…", school],
    ["a school with a RUC 17…", { ...school, taxId: "17123456789" }],
    ["a company with a RUC 15…", { ...company, taxId: "15123456789" }],
  ] as const)("takes %s", async ([, body], { studio }) => {
    const res = await studio.owner.http("POST", "/api/clients/", { body });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ ...body, ordersCount: 0, totalSpent: "0.00", lastOrderAt: null });
  });

  it.for([
    ["a person without a phone", { name: "Sin teléfono" }, ["phone"]],
    ["a person's DNI of 7 digits", { ...person, taxId: "4567891" }, ["taxId"]],
    ["a person's RUC not starting 10", { ...person, taxId: "20123456789" }, ["taxId"]],
    ["a school without contact, phone or RUC", { kind: "school", name: "Colegio" }, ["contactName", "phone", "taxId"]],
    ["a school with a DNI", { ...school, taxId: "45678912" }, ["taxId"]],
    ["a company's RUC starting 30", { ...company, taxId: "30123456789" }, ["taxId"]],
    ["a company's RUC with letters", { ...company, taxId: "20A23456789" }, ["taxId"]],
    ["an unknown kind", { ...person, kind: "alien" }, ["kind"]],
  ] as const)("refuses %s with 400 on the field", async ([, body, paths], { studio }) => {
    const before = (await studio.owner.http("GET", "/api/clients/")).body.count;
    const res = await studio.owner.http("POST", "/api/clients/", { body });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("VALIDATION_ERROR");
    expect(issuePaths(res.body)).toEqual([...paths]);
    expect((await studio.owner.http("GET", "/api/clients/")).body.count).toBe(before);
  });

  it("judges PUT as a whole and PATCH on the client it leaves", async ({ studio }) => {
    const call = studio.owner.http;
    const { body: c } = await call("POST", "/api/clients/", { body: person });
    // Becoming a school asks for everything a school needs.
    const toSchool = await call("PATCH", `/api/clients/${c.id}/`, { body: { kind: "school" } });
    expect(toSchool.status).toBe(400);
    expect(issuePaths(toSchool.body)).toEqual(["contactName", "taxId"]);
    const becomes = await call("PATCH", `/api/clients/${c.id}/`, {
      body: { kind: "company", contactName: "Ana", taxId: "20111222333" },
    });
    expect(becomes.status).toBe(200);
    expect(becomes.body).toMatchObject({ kind: "company", contactName: "Ana", phone: person.phone });
    // The merged kind decides the document rule.
    const dni = await call("PATCH", `/api/clients/${c.id}/`, { body: { taxId: "45678912" } });
    expect(issuePaths(dni.body)).toEqual(["taxId"]);
    const noPhone = await call("PATCH", `/api/clients/${c.id}/`, { body: { phone: "" } });
    expect(issuePaths(noPhone.body)).toEqual(["phone"]);
    // PUT: a whole client, omitted fields empty, every rule of its kind.
    const put = await call("PUT", `/api/clients/${c.id}/`, { body: { kind: "company", name: "Ana E.I.R.L." } });
    expect(issuePaths(put.body)).toEqual(["contactName", "phone", "taxId"]);
    expect((await call("GET", `/api/clients/${c.id}/`)).body).toMatchObject({ kind: "company", taxId: "20111222333" });
  });

  it("keeps clients saved before the rules working: a change is judged on what it touches", async ({ studio }) => {
    const [legacy] = await studio.db
      .insert(clients)
      .values({ kind: "school", name: "Colegio de antes", taxId: "900-1" })
      .$returningId();
    const path = `/api/clients/${legacy?.id}/`;
    expect((await studio.owner.http("GET", path)).status).toBe(200);
    const notes = await studio.owner.http("PATCH", path, { body: { notes: "llamar en marzo" } });
    expect(notes.status).toBe(200);
    const badRuc = await studio.owner.http("PATCH", path, { body: { taxId: "123" } });
    expect(issuePaths(badRuc.body)).toEqual(["taxId"]);
  });
});

describe("search, kind filter and schools list", () => {
  it("matches name, phone, e-mail and document; filters by kind; schools at /clients/schools", async ({ studio }) => {
    const call = studio.owner.http;
    await call("POST", "/api/clients/", {
      body: { ...person, name: "Búsqueda Uno", taxId: "73918264", email: "uno@x.pe" },
    });
    await call("POST", "/api/clients/", { body: { ...school, name: "Búsqueda Colegio", taxId: "20777888999" } });
    await call("POST", "/api/clients/", { body: { ...company, name: "Búsqueda S.A.", phone: "01 777 1234" } });
    const names = async (query: string) =>
      (await call("GET", `/api/clients/?${query}`)).body.results.map((c: { name: string }) => c.name);
    expect(await names("search=73918264")).toEqual(["Búsqueda Uno"]);
    expect(await names("search=20777888999")).toEqual(["Búsqueda Colegio"]);
    expect(await names("search=777%201234")).toEqual(["Búsqueda S.A."]);
    expect(await names("search=uno%40x.pe")).toEqual(["Búsqueda Uno"]);
    expect(await names("search=B%C3%BAsqueda&kind=company")).toEqual(["Búsqueda S.A."]);
    const schools = await call("GET", "/api/clients/schools/?search=B%C3%BAsqueda");
    expect(schools.body.results.map((c: { kind: string }) => c.kind)).toEqual(["school"]);
  });
});

describe("order statistics", () => {
  let counter = 0;
  async function order(
    db: TenantDb,
    clientId: number,
    status: (typeof orders.$inferInsert)["status"],
    total: string,
    createdAt: Date,
  ) {
    counter++;
    await db.insert(orders).values({
      number: `T-2026-${String(counter).padStart(6, "0")}`,
      year: 2026,
      sequence: 800_000 + counter,
      clientId,
      status,
      total,
      createdAt,
    });
  }

  it("counts orders past the quote and not cancelled, sums their totals, dates the newest; sortable", async ({
    studio,
  }) => {
    const call = studio.owner.http;
    const { body: buyer } = await call("POST", "/api/clients/", { body: { ...person, name: "Stats Compradora" } });
    const { body: quiet } = await call("POST", "/api/clients/", { body: { ...person, name: "Stats Sin Pedidos" } });
    const { body: small } = await call("POST", "/api/clients/", { body: { ...person, name: "Stats Pequeño" } });
    const newest = new Date("2026-03-10T15:00:00.000Z");
    await order(studio.db, buyer.id, "confirmed", "125.50", new Date("2026-01-05T10:00:00.000Z"));
    await order(studio.db, buyer.id, "delivered", "0.10", new Date("2026-02-01T10:00:00.000Z"));
    await order(studio.db, buyer.id, "in_production", "0.20", newest);
    // A quote and a cancelled order count for nothing, however recent.
    await order(studio.db, buyer.id, "draft", "999.00", new Date("2026-04-01T10:00:00.000Z"));
    await order(studio.db, buyer.id, "cancelled", "500.00", new Date("2026-04-02T10:00:00.000Z"));
    await order(studio.db, small.id, "ready", "10.00", new Date("2026-01-01T00:00:00.000Z"));
    await order(studio.db, quiet.id, "draft", "40.00", new Date("2026-01-01T00:00:00.000Z"));

    const detail = await call("GET", `/api/clients/${buyer.id}/`);
    expect(detail.body).toMatchObject({ ordersCount: 3, totalSpent: "125.80", lastOrderAt: newest.toISOString() });
    const none = await call("GET", `/api/clients/${quiet.id}/`);
    expect(none.body).toMatchObject({ ordersCount: 0, totalSpent: "0.00", lastOrderAt: null });

    const list = await call("GET", "/api/clients/?search=Stats&ordering=-totalSpent");
    expect(list.body.results.map((c: { name: string; totalSpent: string }) => [c.name, c.totalSpent])).toEqual([
      ["Stats Compradora", "125.80"],
      ["Stats Pequeño", "10.00"],
      ["Stats Sin Pedidos", "0.00"],
    ]);
    const byCount = await call("GET", "/api/clients/?search=Stats&ordering=ordersCount");
    expect(byCount.body.results.map((c: { ordersCount: number }) => c.ordersCount)).toEqual([0, 1, 3]);
    const byLast = await call("GET", "/api/clients/?search=Stats&ordering=-lastOrderAt&pageSize=1");
    expect(byLast.body).toMatchObject({ count: 3, results: [{ id: buyer.id }] });

    // The SDK: the same numbers, the date a Date.
    const sdk = await studio.owner.sdk.clients.byId.query({ id: buyer.id });
    expect(sdk).toMatchObject({ ordersCount: 3, totalSpent: "125.80" });
    expect(sdk.lastOrderAt).toEqual(newest);
    const page = await studio.owner.sdk.clients.list.query({ search: "Stats", ordering: "-totalSpent" });
    expect(page.results[0]?.totalSpent).toBe("125.80");
  });
});

describe("SDK kinds", () => {
  it("creates each kind, typed, and answers VALIDATION_ERROR for a broken rule", async ({ studio }) => {
    const sdk = studio.owner.sdk;
    const created = await sdk.clients.create.mutate({ ...company, kind: "company", name: "SDK S.A.C." });
    expect(created).toMatchObject({ kind: "company", contactName: "Rosa Huamán", ordersCount: 0 });
    const patched = await sdk.clients.patch.mutate({ id: created.id, contactName: "Luis" });
    expect(patched.contactName).toBe("Luis");
    expect(errorCode(await failure(sdk.clients.patch.mutate({ id: created.id, contactName: null })))).toBe(
      "VALIDATION_ERROR",
    );
    expect(errorCode(await failure(sdk.clients.create.mutate({ kind: "school", name: "Sin datos" })))).toBe(
      "VALIDATION_ERROR",
    );
    const schools = await sdk.clients.schools.query({ search: "I.E. San Martín" });
    expect(schools.results.every((c) => c.kind === "school")).toBe(true);
    const [row] = await studio.db.select().from(clients).where(eq(clients.id, created.id));
    expect(row?.contactName).toBe("Luis");
  });
});
