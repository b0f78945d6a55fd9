import {
  type Database,
  type DataLayer,
  materials,
  stockBalances,
  stockMovements,
  stockReservations,
} from "@fotostudio/db";
import { createTestLayer, createTestTenant, dropTenant } from "@fotostudio/db/testing";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../../errors.js";
import {
  consumeForProduction,
  defaultLocationId,
  movementsOfProductionOrder,
  movingAverage,
  postMovement,
  postMovements,
  releaseReservations,
  reserveComponents,
  virtualLocationId,
} from "./index.js";

// The stock ledger's core against a real tenant database: what production calls (reserve, release,
// consume) and what every movement does to balances and the moving average (alerts: alerts.test.ts).

let layer: DataLayer;
let slug: string;
let db: Database;
let home: number;
let supplier: number;
let production: number;
let scrap: number;
let n = 0;

beforeAll(async () => {
  layer = await createTestLayer();
  const tenant = await createTestTenant(layer);
  slug = tenant.slug;
  db = layer.tenantDb(tenant) as unknown as Database;
  home = await defaultLocationId(db);
  supplier = await virtualLocationId(db, "supplier");
  production = await virtualLocationId(db, "production");
  scrap = await virtualLocationId(db, "scrap");
});
afterAll(async () => {
  await dropTenant(layer, slug);
  await layer.close();
});

async function material(minQty = "0.000", costPrice = "0.00") {
  const [row] = await db
    .insert(materials)
    .values({ category: "diseno", code: `STK-${++n}`, name: `Material ${n}`, unit: "unit", minQty, costPrice })
    .$returningId();
  return row?.id as number;
}

const receive = (materialId: number, quantity: number, unitCost?: number) =>
  db.transaction((tx) =>
    postMovement(tx, { materialId, type: "receipt", quantity, fromLocationId: supplier, toLocationId: home, unitCost }),
  );

async function balance(materialId: number) {
  const [row] = await db
    .select()
    .from(stockBalances)
    .where(and(eq(stockBalances.materialId, materialId), eq(stockBalances.locationId, home)));
  return row ? { onHand: row.onHand, reserved: row.reserved } : null;
}

async function refusal(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("receipts and the moving average", () => {
  it("puts stock in the default location at the price paid, averaging the cost half up", async () => {
    const id = await material();
    await receive(id, 10_000, 1000);
    expect(await balance(id)).toEqual({ onHand: "10.000", reserved: "0.000" });
    // (10 × 10.00 + 5 × 13.01) / 15 = 11.003… → 11.00
    await receive(id, 5000, 1301);
    const [row] = await db.select().from(materials).where(eq(materials.id, id));
    expect(row?.avgCost).toBe("11.00");
    expect(movingAverage(1000, 1000, 1000, 1001)).toBe(1001); // 10.005 rounds half up
    expect(movingAverage(0, 0, 3000, 250)).toBe(250);
  });

  it("a receipt without a price takes the catalog cost the first time, then the average", async () => {
    const id = await material("0.000", "4.40");
    const first = await receive(id, 1000);
    expect(first.unitCost).toBe("4.40");
    const [row] = await db.select().from(materials).where(eq(materials.id, id));
    expect(row?.avgCost).toBe("4.40");
  });
});

describe("no negative stock", () => {
  it("refuses a movement beyond what is available with the quantities, and writes nothing", async () => {
    const a = await material();
    const b = await material();
    await receive(a, 5000, 100);
    await receive(b, 1000, 100);
    const error = await refusal(
      db.transaction((tx) =>
        postMovements(tx, [
          { materialId: a, type: "consume", quantity: 2000, fromLocationId: home, toLocationId: production },
          { materialId: b, type: "consume", quantity: 1500, fromLocationId: home, toLocationId: production },
        ]),
      ),
    );
    expect(error.appCode).toBe("INSUFFICIENT_STOCK");
    expect(error.details).toMatchObject({ materialId: b, requested: "1.500", available: "1.000" });
    // The first material's movement went with it: all or nothing.
    expect(await balance(a)).toEqual({ onHand: "5.000", reserved: "0.000" });
    expect(await db.select().from(stockMovements).where(eq(stockMovements.materialId, a))).toHaveLength(1);
  });

  it("an unknown material is 404", async () => {
    const error = await refusal(receive(999_999, 1000));
    expect(error.appCode).toBe("NOT_FOUND");
  });

  it("50 concurrent consumers of the last 7 units: exactly 7 succeed, the balance ends at 0", async () => {
    const id = await material();
    await receive(id, 7000, 100);
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, () =>
        db.transaction((tx) =>
          postMovement(tx, {
            materialId: id,
            type: "consume",
            quantity: 1000,
            fromLocationId: home,
            toLocationId: production,
          }),
        ),
      ),
    );
    const ok = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r) => r.status === "rejected").map((r) => (r.reason as AppError).appCode);
    expect(ok).toHaveLength(7);
    expect(refused).toEqual(Array(43).fill("INSUFFICIENT_STOCK"));
    expect(await balance(id)).toEqual({ onHand: "0.000", reserved: "0.000" });
  });
});

describe("the ledger is immutable", () => {
  it("the database refuses to update or delete a movement", async () => {
    const id = await material();
    const row = await receive(id, 1000, 100);
    await expect(
      db.update(stockMovements).set({ quantity: "2.000" }).where(eq(stockMovements.id, row.id)),
    ).rejects.toThrow();
    await expect(db.delete(stockMovements).where(eq(stockMovements.id, row.id))).rejects.toThrow();
    const [still] = await db.select().from(stockMovements).where(eq(stockMovements.id, row.id));
    expect(still?.quantity).toBe("1.000");
  });
});

describe("reservations and production", () => {
  it("reserves all or nothing, says what is missing, and releases", async () => {
    const a = await material();
    const b = await material();
    await receive(a, 3000, 100);
    await receive(b, 1000, 100);
    const short = await db.transaction((tx) =>
      reserveComponents(tx, {
        productionOrderId: 101,
        components: [
          { materialId: a, quantity: 2440 },
          { materialId: b, quantity: 1500 },
        ],
      }),
    );
    expect(short).toEqual({ reserved: [], missing: [{ materialId: b, required: 1500, available: 1000 }] });
    expect(await balance(a)).toEqual({ onHand: "3.000", reserved: "0.000" });

    const done = await db.transaction((tx) =>
      reserveComponents(tx, { productionOrderId: 102, components: [{ materialId: a, quantity: 2440 }] }),
    );
    expect(done).toEqual({ reserved: [{ materialId: a, quantity: 2440 }], missing: [] });
    expect(await balance(a)).toEqual({ onHand: "3.000", reserved: "2.440" });
    // Asking again reserves nothing more.
    await db.transaction((tx) =>
      reserveComponents(tx, { productionOrderId: 102, components: [{ materialId: a, quantity: 2440 }] }),
    );
    expect(await balance(a)).toEqual({ onHand: "3.000", reserved: "2.440" });

    // Only internal locations hold stock to reserve.
    const virtual = await refusal(
      db.transaction((tx) =>
        reserveComponents(tx, {
          productionOrderId: 103,
          components: [{ materialId: a, quantity: 1 }],
          locationId: scrap,
        }),
      ),
    );
    expect(virtual.appCode).toBe("VALIDATION_ERROR");

    await db.transaction((tx) => releaseReservations(tx, 102));
    expect(await balance(a)).toEqual({ onHand: "3.000", reserved: "0.000" });
    const rows = await db.select().from(stockReservations).where(eq(stockReservations.productionOrderId, 102));
    expect(rows.map((r) => r.status)).toEqual(["released"]);
  });

  it("consumes its own reservation, waste to scrap at the average cost, and traces the movements", async () => {
    const a = await material();
    await receive(a, 3000, 850);
    await db.transaction((tx) =>
      reserveComponents(tx, { productionOrderId: 201, components: [{ materialId: a, quantity: 2440 }] }),
    );
    // Another order cannot take what 201 holds.
    const error = await refusal(
      db.transaction((tx) =>
        consumeForProduction(tx, { productionOrderId: 202, consumed: [{ materialId: a, quantity: 1000 }], waste: [] }),
      ),
    );
    expect(error.details).toMatchObject({ requested: "1.000", available: "0.560" });

    const moved = await db.transaction((tx) =>
      consumeForProduction(tx, {
        productionOrderId: 201,
        consumed: [{ materialId: a, quantity: 2500 }],
        waste: [{ materialId: a, quantity: 100, reason: "corte torcido" }],
      }),
    );
    expect(moved.map((m) => [m.type, m.quantity, m.toLocationId, m.unitCost, m.reason])).toEqual([
      ["consume", "2.500", production, "8.50", null],
      ["waste", "0.100", scrap, "8.50", "corte torcido"],
    ]);
    expect(await balance(a)).toEqual({ onHand: "0.400", reserved: "0.000" });
    const trace = await movementsOfProductionOrder(db, 201);
    expect(trace.map((m) => m.id)).toEqual(moved.map((m) => m.id));
    const rows = await db.select().from(stockReservations).where(eq(stockReservations.productionOrderId, 201));
    expect(rows.map((r) => r.status)).toEqual(["consumed"]);
  });

  it("a refused consumption leaves the order's reservations as they were", async () => {
    const a = await material();
    await receive(a, 2000, 100);
    await db.transaction((tx) =>
      reserveComponents(tx, { productionOrderId: 301, components: [{ materialId: a, quantity: 1000 }] }),
    );
    await refusal(
      db.transaction((tx) =>
        consumeForProduction(tx, { productionOrderId: 301, consumed: [{ materialId: a, quantity: 2500 }], waste: [] }),
      ),
    );
    expect(await balance(a)).toEqual({ onHand: "2.000", reserved: "1.000" });
  });
});
