import { services } from "@fotostudio/db";
import { describe, expect } from "vitest";
import { type StudioTenant, studioTest } from "../support/studio.js";

// Orders lists: search by number, client name, document and phone; the filters (status, client,
// service, late, creation days in the studio's calendar); the status lists; a client's history.
// Each test works in a studio of its own, so counts are exact.
const it = studioTest();

const print = { kind: "item", description: "Impresión Minilab", quantity: "1", unitPrice: "50.00" };
const limaDay = (offsetDays = 0) =>
  new Intl.DateTimeFormat("en-CA", { timeZone: "America/Lima" }).format(new Date(Date.now() + offsetDays * 86_400_000));

/** Two clients with orders: Ana (DNI 44556677, +51 987 654 321) and the Colegio Andino. */
async function seed(t: StudioTenant) {
  const call = t.owner.http;
  const ana = await call("POST", "/api/clients/", {
    body: { name: "Ana Quispe", taxId: "44556677", phone: "+51 987 654 321" },
  });
  const school = await call("POST", "/api/clients/", {
    body: {
      name: "Colegio Andino",
      kind: "school",
      taxId: "20123456789",
      contactName: "Rosa Huamán",
      phone: "+51 1 555 0101",
    },
  });
  const [service] = await t.db.select().from(services).limit(1);
  const order = async (clientId: number, extra: Record<string, unknown> = {}) => {
    const res = await call("POST", "/api/orders/", { body: { clientId, lines: [print], ...extra } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };
  const a1 = await order(ana.body.id, { serviceId: service?.id, promisedAt: "2020-01-15" });
  const a2 = await order(ana.body.id, { promisedAt: new Date(Date.now() + 86_400_000).toISOString() });
  const s1 = await order(school.body.id, { promisedAt: "2020-02-01" });
  return { call, ana: ana.body.id as number, school: school.body.id as number, serviceId: service?.id, a1, a2, s1 };
}

const ids = (res: { body: { results: { id: number }[] } }) => res.body.results.map((o) => o.id).sort((x, y) => x - y);

describe("search", () => {
  it("matches the number, the client's name, document and phone (digits alone too)", async ({ studio }) => {
    await using t = await studio.openTenant();
    const { call, a1, a2, s1 } = await seed(t);
    const search = (q: string) => call("GET", `/api/orders/search/?q=${encodeURIComponent(q)}`);
    expect(ids(await search(a2.number))).toEqual([a2.id]);
    expect(ids(await search("quispe"))).toEqual([a1.id, a2.id]);
    expect(ids(await search("44556677"))).toEqual([a1.id, a2.id]);
    expect(ids(await search("20123456789"))).toEqual([s1.id]);
    expect(ids(await search("987654321"))).toEqual([a1.id, a2.id]);
    expect(ids(await search("987 654"))).toEqual([a1.id, a2.id]);
    expect((await search("nadie")).body).toMatchObject({ count: 0, results: [] });
    expect((await call("GET", "/api/orders/search/")).status).toBe(400);
    // The list's `search` is the same match; the SDK's search takes `q`.
    expect(ids(await call("GET", "/api/orders/?search=andino"))).toEqual([s1.id]);
    const sdk = await t.owner.sdk.orders.search.query({ q: "Andino" });
    expect(sdk.results.map((o) => o.clientName)).toEqual(["Colegio Andino"]);
  });
});

describe("filters", () => {
  it("by status, client, service, late and creation days; the status lists", async ({ studio }) => {
    await using t = await studio.openTenant();
    const { call, ana, school, serviceId, a1, a2, s1 } = await seed(t);
    await call("POST", `/api/orders/${a2.id}/transition/`, { body: { to: "confirmed" } });
    await call("POST", `/api/orders/${s1.id}/transition/`, { body: { to: "cancelled" } });

    expect(ids(await call("GET", "/api/orders/?status=draft"))).toEqual([a1.id]);
    expect(ids(await call("GET", "/api/orders/status/confirmed/"))).toEqual([a2.id]);
    expect(ids(await call("GET", "/api/orders/status/cancelled"))).toEqual([s1.id]);
    expect((await call("GET", "/api/orders/status/lost/")).status).toBe(400);
    expect(ids(await call("GET", `/api/orders/?clientId=${ana}`))).toEqual([a1.id, a2.id]);
    expect(ids(await call("GET", `/api/orders/?clientId=${school}`))).toEqual([s1.id]);
    expect(ids(await call("GET", `/api/orders/?serviceId=${serviceId}`))).toEqual([a1.id]);
    // Late: promised in the past and still open (the cancelled school order is not late).
    expect(ids(await call("GET", "/api/orders/?late=true"))).toEqual([a1.id]);
    expect(ids(await call("GET", "/api/orders/?late=false"))).toEqual([a2.id, s1.id]);
    const list = await call("GET", "/api/orders/?ordering=number");
    expect(list.body.results.map((o: { id: number; late: boolean }) => [o.id, o.late])).toEqual([
      [a1.id, true],
      [a2.id, false],
      [s1.id, false],
    ]);
    expect(list.body.results[0]).toMatchObject({ clientName: "Ana Quispe", total: "59.00", paid: "0.00" });
    expect(list.body.results[0]).not.toHaveProperty("lines");
    // Days in Lima's calendar over the creation instant.
    expect((await call("GET", `/api/orders/?from=${limaDay()}&to=${limaDay()}`)).body.count).toBe(3);
    expect((await call("GET", `/api/orders/?from=${limaDay(1)}`)).body.count).toBe(0);
    expect((await call("GET", `/api/orders/?to=${limaDay(-1)}`)).body.count).toBe(0);
    const page = await call("GET", "/api/orders/?pageSize=2&page=2&ordering=-number");
    expect(page.body).toMatchObject({ count: 3, page: 2, pageSize: 2, results: [{ id: a1.id }] });
    const late = await t.owner.sdk.orders.list.query({ late: true });
    expect(late.results.map((o) => o.number)).toEqual([a1.number]);
  });
});

describe("GET /api/clients/{id}/orders/", () => {
  it("a client's orders with totals: sales, open quotes, total spent, paid and balance due", async ({ studio }) => {
    await using t = await studio.openTenant();
    const { call, ana, school, a1, a2 } = await seed(t);
    await call("POST", `/api/orders/${a2.id}/transition/`, { body: { to: "confirmed" } });
    await call("POST", `/api/orders/${a2.id}/payments/`, {
      body: { kind: "deposit", amount: "20.00", method: "cash" },
    });
    const history = await call("GET", `/api/clients/${ana}/orders/`);
    expect(history.status, JSON.stringify(history.body)).toBe(200);
    expect(history.body).toMatchObject({
      count: 2,
      totals: { ordersCount: 1, quotesCount: 1, totalSpent: "59.00", paid: "20.00", balanceDue: "39.00" },
    });
    expect(ids(history)).toEqual([a1.id, a2.id]);
    expect(history.body.totals.lastOrderAt).toMatch(/^\d{4}-/);
    expect((await call("GET", `/api/clients/${ana}/orders/?status=draft`)).body.count).toBe(1);
    const sdk = await t.owner.sdk.orders.byClient.query({ id: school });
    expect(sdk.totals).toMatchObject({ ordersCount: 0, quotesCount: 1, totalSpent: "0.00", lastOrderAt: null });
    // The clients list counts the same way.
    const listed = await call("GET", "/api/clients/?search=Quispe");
    expect(listed.body.results[0]).toMatchObject({ ordersCount: 1, totalSpent: "59.00" });
    const fresh = await call("POST", "/api/clients/", { body: { name: "Sin pedidos", phone: "+51 900 000 000" } });
    expect((await call("GET", `/api/clients/${fresh.body.id}/orders`)).body).toMatchObject({
      count: 0,
      totals: { ordersCount: 0, totalSpent: "0.00", balanceDue: "0.00", lastOrderAt: null },
    });
  });
});
