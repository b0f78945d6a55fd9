import { describe, expect } from "vitest";
import { demoClients } from "../src/demo/people.js";
import { planOrders } from "../src/demo/plan.js";
import { Random, seedOf } from "../src/demo/random.js";
import { type RestCall, seedDemoStudio } from "../src/demo/seed.js";
import type { StudioTenant } from "./support/studio.js";
import { studioTest } from "./support/studio.js";

// The demo studios' data set (what `npm run dev` loads into `demo` and `norte`): believable enough
// for dashboards and reports to have something true to show, made through the API so every rule
// holds, and the same on every machine.
const it = studioTest();

// Today: contracts and orders under them must be valid on the day the API checks them.
const NOW = new Date();
// What the REST answers give (`http` parses JSON as any); the fields read are the documented ones.
type Row = Awaited<ReturnType<StudioTenant["http"]>>["body"];
const as =
  (tenant: StudioTenant): RestCall =>
  (method, path, body) =>
    tenant.owner.http(method, path, { body });

async function all(tenant: StudioTenant, path: string) {
  const res = await tenant.owner.http("GET", `${path}${path.includes("?") ? "&" : "?"}pageSize=100`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { count: number; results: Row[] };
}

describe("the demo data set", () => {
  it("is the same on every machine: the same sample gives the same clients and order plans, each studio its own", () => {
    const clientsOf = (sample: "demo" | "norte") => demoClients(new Random(seedOf(sample)), sample);
    expect(clientsOf("demo")).toEqual(clientsOf("demo"));
    expect(planOrders(new Random(seedOf("demo")), 60)).toEqual(planOrders(new Random(seedOf("demo")), 60));
    const [demo, norte] = [clientsOf("demo"), clientsOf("norte")];
    expect(demo.map((c) => c.name).filter((n) => norte.some((o) => o.name === n && o.kind !== "person"))).toEqual([]);
    // Every RUC carries its check digit (SUNAT's modulo 11).
    for (const c of [...demo, ...norte].filter((c) => c.kind !== "person")) {
      const digits = [...(c.taxId as string)].map(Number);
      const sum = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2].reduce((acc, w, i) => acc + w * (digits[i] as number), 0);
      expect(((11 - (sum % 11)) % 11) % 10, c.taxId as string).toBe(digits[10]);
    }
  });

  it("loads clients of three kinds, the catalog, contracts with rosters, orders in every state and the agenda", async ({
    studio,
  }) => {
    const counts = await seedDemoStudio(as(studio), studio.db, "demo", NOW);
    expect(counts).toMatchObject({ clients: 40, contracts: 3, orders: 60, appointments: 40, walkIns: 4 });
    expect(counts?.materials).toBeGreaterThanOrEqual(40);

    const clients = await all(studio, "/api/clients/");
    expect(clients.count).toBe(40);
    expect(new Set(clients.results.map((c) => c.kind))).toEqual(new Set(["person", "school", "company"]));

    const materials = await all(studio, "/api/inventory/materials/");
    expect(new Set(materials.results.map((m) => m.category)).size).toBe(7);
    // Stock received through the ledger: on hand where it was received, some materials low (the
    // alerts list has them), and the balances replay from the movements.
    expect(counts?.receipts).toBeGreaterThanOrEqual(25);
    const stocked = materials.results.filter((m) => Number(m.onHand) > 0);
    expect(stocked).toHaveLength(counts?.receipts as number);
    expect(stocked.every((m) => m.category !== "software")).toBe(true);
    const alerts = (await studio.owner.http("GET", "/api/inventory/alerts/")).body as Row[];
    expect(alerts.filter((a) => a.kind === "low_stock").length).toBeGreaterThanOrEqual(5);
    expect((await studio.owner.http("GET", "/api/inventory/check/")).body.mismatches).toEqual([]);

    let orders: Row[] = [];
    for (let page = 1; orders.length < 64; page++) {
      const res = await studio.owner.http("GET", `/api/orders/?pageSize=50&page=${page}&ordering=createdAt`);
      orders = orders.concat(res.body.results);
      if (res.body.results.length === 0) break;
    }
    // The sixty planned orders, dated back, and today's four walk-in sales.
    expect(orders).toHaveLength(64);
    expect(new Set(orders.map((o) => o.status))).toEqual(
      new Set(["draft", "confirmed", "in_production", "ready", "delivered", "cancelled"]),
    );
    // Six months back, numbers growing with dates, delivered orders fully paid.
    const first = new Date(orders[0]?.createdAt);
    expect(+NOW - +first).toBeGreaterThan(120 * 86_400_000);
    const numbers = orders.map((o) => o.number);
    expect([...numbers].sort()).toEqual(numbers);
    for (const o of orders.filter((o) => o.status === "delivered")) expect(o.balance).toBe("0.00");
    const framed = await Promise.all(orders.slice(0, 30).map((o) => studio.owner.http("GET", `/api/orders/${o.id}/`)));
    expect(framed.some((o) => o.body.lines.some((l: { kind: string }) => l.kind === "frame"))).toBe(true);

    const contracts = await all(studio, "/api/contracts/");
    expect(contracts.count).toBe(3);
    const expiring = await all(studio, "/api/contracts/expiring/");
    // The year's contract ends in 20 days: inside the default 30-day window; the others are not.
    expect(expiring.results.map((c) => c.daysLeft)).toEqual([20]);
    for (const c of contracts.results) {
      const roster = await all(studio, `/api/contracts/${c.id}/students/`);
      expect(roster.count).toBeGreaterThanOrEqual(18);
    }
    expect((await all(studio, "/api/appointments/")).count).toBe(40);

    // Loaded once: a studio with orders is left alone.
    expect(await seedDemoStudio(as(studio), studio.db, "demo", NOW)).toBeNull();
    expect((await all(studio, "/api/clients/")).count).toBe(40);
  }, 180_000);
});
