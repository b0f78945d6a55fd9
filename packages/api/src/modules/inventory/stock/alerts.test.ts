import { type Database, type DataLayer, materials, stockAlerts } from "@fotostudio/db";
import { createTestLayer, createTestTenant, dropTenant } from "@fotostudio/db/testing";
import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultLocationId, postMovement, releaseReservations, reserveComponents, virtualLocationId } from "./index.js";

// Stock alerts against a real tenant database: opened, changed and closed by the movements and
// reservations themselves, inside their transactions, at most one open per material.

let layer: DataLayer;
let slug: string;
let db: Database;
let home: number;
let supplier: number;
let production: number;
let n = 0;

beforeAll(async () => {
  layer = await createTestLayer();
  const tenant = await createTestTenant(layer);
  slug = tenant.slug;
  db = layer.tenantDb(tenant) as unknown as Database;
  home = await defaultLocationId(db);
  supplier = await virtualLocationId(db, "supplier");
  production = await virtualLocationId(db, "production");
});
afterAll(async () => {
  await dropTenant(layer, slug);
  await layer.close();
});

async function material(minQty: string) {
  const [row] = await db
    .insert(materials)
    .values({ category: "diseno", code: `ALR-${++n}`, name: `Material ${n}`, unit: "unit", minQty })
    .$returningId();
  return row?.id as number;
}

const receive = (materialId: number, quantity: number, unitCost?: number) =>
  db.transaction((tx) =>
    postMovement(tx, { materialId, type: "receipt", quantity, fromLocationId: supplier, toLocationId: home, unitCost }),
  );

const openAlerts = (materialId: number) =>
  db
    .select()
    .from(stockAlerts)
    .where(and(eq(stockAlerts.materialId, materialId), isNull(stockAlerts.closedAt)));

describe("stock alerts", () => {
  it("opens once at the minimum, turns out of stock at 0, closes once above the minimum", async () => {
    const a = await material("2.000");
    await receive(a, 5000, 100);
    expect(await openAlerts(a)).toHaveLength(0);
    const take = (quantity: number) =>
      db.transaction((tx) =>
        postMovement(tx, { materialId: a, type: "consume", quantity, fromLocationId: home, toLocationId: production }),
      );
    await take(3000);
    await take(500);
    const [low] = await openAlerts(a);
    expect(low).toMatchObject({ kind: "low_stock", available: "2.000", minimum: "2.000" });
    expect(await openAlerts(a)).toHaveLength(1);
    await take(1500);
    expect(await openAlerts(a)).toMatchObject([{ id: low?.id, kind: "out_of_stock" }]);
    await receive(a, 1000, 100); // 1 ≤ 2: still open, low again
    expect(await openAlerts(a)).toMatchObject([{ id: low?.id, kind: "low_stock" }]);
    await receive(a, 5000, 100);
    expect(await openAlerts(a)).toHaveLength(0);
    const all = await db.select().from(stockAlerts).where(eq(stockAlerts.materialId, a));
    expect(all).toHaveLength(1);
  });

  it("a reservation that takes available to the minimum opens the alert", async () => {
    const a = await material("1.000");
    await receive(a, 3000, 100);
    await db.transaction((tx) =>
      reserveComponents(tx, { productionOrderId: 401, components: [{ materialId: a, quantity: 2500 }] }),
    );
    expect(await openAlerts(a)).toMatchObject([{ kind: "low_stock", available: "0.500" }]);
    await db.transaction((tx) => releaseReservations(tx, 401));
    expect(await openAlerts(a)).toHaveLength(0);
  });
});
