import { type Database, type DataLayer, materials, stockLocations } from "@fotostudio/db";
import { createTestLayer, createTestTenant, dropTenant } from "@fotostudio/db/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { checkStock } from "../service/check.js";
import {
  consumeForProduction,
  defaultLocationId,
  postMovement,
  releaseReservations,
  reserveComponents,
  virtualLocationId,
} from "./index.js";

// Many stock operations at once over neighbouring materials and locations, each transaction
// reading before it locks (as a request does): none may deadlock or fail, and the ledger still
// replays to the balances. Range or missing-key locks here once made a third of them deadlock.

let layer: DataLayer;
let slug: string;
let db: Database;

beforeAll(async () => {
  layer = await createTestLayer();
  const tenant = await createTestTenant(layer);
  slug = tenant.slug;
  db = layer.tenantDb(tenant) as unknown as Database;
});
afterAll(async () => {
  await dropTenant(layer, slug);
  await layer.close();
});

it("120 racing receipts, consumptions, reservations and releases: no deadlock, no failure, no mismatch", async () => {
  const home = await defaultLocationId(db);
  const supplier = await virtualLocationId(db, "supplier");
  const production = await virtualLocationId(db, "production");
  const places = [home];
  for (const code of ["R1", "R2", "R3"]) {
    const [row] = await db.insert(stockLocations).values({ code, name: code, kind: "internal" }).$returningId();
    places.push(row?.id as number);
  }
  const ids = (
    await db
      .insert(materials)
      .values(
        Array.from({ length: 6 }, (_, i) => ({
          category: "diseno" as const,
          code: `RACE-${i}`,
          name: "Race",
          unit: "unit" as const,
          minQty: "5.000",
        })),
      )
      .$returningId()
  ).map((r) => r.id);

  const failures: unknown[] = [];
  await Promise.all(
    Array.from({ length: 120 }, async (_, k) => {
      const materialId = ids[k % ids.length] as number;
      const place = places[(k >> 1) % places.length] as number;
      try {
        await db.transaction(async (tx) => {
          await tx.select().from(stockLocations); // the snapshot predates the locks
          await postMovement(tx, {
            materialId,
            type: "receipt",
            quantity: 3000,
            fromLocationId: supplier,
            toLocationId: place,
          });
          await postMovement(tx, {
            materialId,
            type: "consume",
            quantity: 2500,
            fromLocationId: place,
            toLocationId: production,
          });
          if (place !== home) return;
          // A production order of its own: reserve, then consume or release.
          const order = 10_000 + k;
          await reserveComponents(tx, { productionOrderId: order, components: [{ materialId, quantity: 500 }] });
          if (k % 4 === 0) await releaseReservations(tx, order);
          else
            await consumeForProduction(tx, {
              productionOrderId: order,
              consumed: [{ materialId, quantity: 500 }],
              waste: [],
            });
        });
      } catch (error) {
        failures.push(error);
      }
    }),
  );
  expect(failures).toEqual([]);
  expect((await checkStock(db)).mismatches).toEqual([]);
}, 120_000);
