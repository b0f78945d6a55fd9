import { clients, type Database, type DataLayer, orderPayments, orders, services } from "@fotostudio/db";
import { createTestLayer, createTestTenant, dropTenant } from "@fotostudio/db/testing";
import { asc, count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { summaryQuery } from "../modules/orders/service/views.js";
import { withCompiledRows } from "./row-mapper.js";

// The compiled mapper is a contract: the rows it gives are Drizzle's own, key for key, on a real
// tenant database (nulls, Dates, decimals, booleans, left joins that found nothing).

let layer: DataLayer;
let slug: string;
let db: Database;

beforeAll(async () => {
  layer = await createTestLayer();
  const tenant = await createTestTenant(layer);
  slug = tenant.slug;
  db = layer.tenantDb(tenant) as unknown as Database;
  const [service] = await db.select({ id: services.id }).from(services).limit(1);
  await db.insert(clients).values([{ name: "Ana Quispe" }, { name: "Luis Rojas", phone: "999 111 222" }]);
  const ids = (await db.select({ id: clients.id }).from(clients).orderBy(asc(clients.id))).map((c) => c.id);
  await db.insert(orders).values(
    [0, 1, 2].map((i) => ({
      number: `P-2026-00000${i + 1}`,
      year: 2026,
      sequence: i + 1,
      clientId: ids[i % ids.length] as number,
      serviceId: i === 0 ? (service?.id ?? null) : null,
      status: (["draft", "confirmed", "delivered"] as const)[i],
      promisedAt: i === 1 ? null : new Date(Date.UTC(2026, 11, 1 + i, 15, 4, 5, 678)),
      notes: i === 2 ? "Marco con paspartú" : null,
      pricesIncludeTax: i === 1,
      subtotal: "100.00",
      tax: "18.00",
      total: "118.00",
      deliveredAt: i === 2 ? new Date(Date.UTC(2026, 11, 9)) : null,
    })),
  );
  const [first] = await db.select({ id: orders.id }).from(orders).orderBy(asc(orders.id)).limit(1);
  await db
    .insert(orderPayments)
    .values({ orderId: first?.id as number, kind: "deposit", amount: "50.00", method: "cash" });
});
afterAll(async () => {
  await dropTenant(layer, slug);
  await layer.close();
});

describe("compiled row mapping", () => {
  it("gives Drizzle's rows for the orders page (joins, the paid subquery, nulls, Dates, decimals)", async () => {
    const query = () => summaryQuery(db).orderBy(asc(orders.id)).limit(sql.placeholder("limit")).offset(0);
    const drizzles = await query().prepare().execute({ limit: 10 });
    const compiled = withCompiledRows(query().prepare());
    const ours = await compiled.execute({ limit: 10 });
    expect(drizzles).toHaveLength(3);
    expect(ours).toStrictEqual(drizzles);
    expect(Object.keys(ours[0] ?? {})).toEqual(Object.keys(drizzles[0] ?? {}));
    expect(Object.keys(ours[0]?.order ?? {})).toEqual(Object.keys(drizzles[0]?.order ?? {}));
    expect(ours[0]?.order.createdAt).toBeInstanceOf(Date);
    // The compiled path, not Drizzle's fallback, answered.
    expect((compiled as unknown as { customResultMapper?: unknown }).customResultMapper).toBeTypeOf("function");
  });

  it("nulls a left-joined table's object when it found no row, as Drizzle does", async () => {
    const query = () =>
      db
        .select({ number: orders.number, service: services, client: { name: clients.name } })
        .from(orders)
        .innerJoin(clients, eq(clients.id, orders.clientId))
        .leftJoin(services, eq(services.id, orders.serviceId))
        .orderBy(asc(orders.id));
    const drizzles = await query();
    const ours = await withCompiledRows(query().prepare()).execute();
    expect(drizzles.map((r) => r.service === null)).toEqual([false, true, true]);
    expect(ours).toStrictEqual(drizzles);
  });

  it("gives Drizzle's count (a mapped SQL value)", async () => {
    const query = () => db.select({ n: count() }).from(orders);
    expect(await withCompiledRows(query().prepare()).execute()).toStrictEqual(await query());
  });
});
