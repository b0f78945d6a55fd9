import { type Executor, stockBalances, stockLocations, stockMovements, stockReservations } from "@fotostudio/db";
import { and, count, eq, sql } from "drizzle-orm";
import { formatQuantity } from "../../../shared/fields.js";
import { signedThousandths } from "./totals.js";

export interface Mismatch {
  materialId: number;
  locationId: number;
  field: "onHand" | "reserved";
  balance: string;
  expected: string;
}

/** Sums per (material, internal location) of the movements into it (`to`) or out of it (`from`). */
function flows(db: Executor, side: "to" | "from") {
  const m = stockMovements;
  const column = side === "to" ? m.toLocationId : m.fromLocationId;
  return db
    .select({ materialId: m.materialId, locationId: column, quantity: sql<string>`sum(${m.quantity})` })
    .from(m)
    .innerJoin(stockLocations, and(eq(stockLocations.id, column), eq(stockLocations.kind, "internal")))
    .groupBy(m.materialId, column);
}

/**
 * Replays the ledger and compares it with the balances: on hand = Σ in − Σ out per material and
 * internal location, reserved = Σ active reservations. All read in one transaction, so the replay
 * and the balances are the same moment's.
 */
export function checkStock(db: Executor) {
  return db.transaction(async (tx) => {
    const [into, out, balances, reservations, [movements]] = await Promise.all([
      flows(tx, "to"),
      flows(tx, "from"),
      tx.select().from(stockBalances),
      tx
        .select({
          materialId: stockReservations.materialId,
          locationId: stockReservations.locationId,
          quantity: sql<string>`sum(${stockReservations.quantity})`,
        })
        .from(stockReservations)
        .where(eq(stockReservations.status, "active"))
        .groupBy(stockReservations.materialId, stockReservations.locationId),
      tx.select({ n: count() }).from(stockMovements),
    ]);
    const key = (r: { materialId: number; locationId: number }) => `${r.materialId}:${r.locationId}`;
    const expected = new Map<string, { materialId: number; locationId: number; onHand: number; reserved: number }>();
    const at = (r: { materialId: number; locationId: number }) => {
      const row = expected.get(key(r)) ?? {
        materialId: r.materialId,
        locationId: r.locationId,
        onHand: 0,
        reserved: 0,
      };
      expected.set(key(r), row);
      return row;
    };
    for (const r of into) at(r).onHand += signedThousandths(r.quantity);
    for (const r of out) at(r).onHand -= signedThousandths(r.quantity);
    for (const r of reservations) at(r).reserved += signedThousandths(r.quantity);
    const mismatches: Mismatch[] = [];
    const compare = (
      r: { materialId: number; locationId: number },
      field: Mismatch["field"],
      has: number,
      want: number,
    ) => {
      if (has !== want) mismatches.push({ ...r, field, balance: formatQuantity(has), expected: formatQuantity(want) });
    };
    for (const b of balances) {
      const want = at(b);
      compare(b, "onHand", signedThousandths(b.onHand), want.onHand);
      compare(b, "reserved", signedThousandths(b.reserved), want.reserved);
      expected.delete(key(b));
    }
    // What the ledger says is somewhere that has no balance row at all.
    for (const want of expected.values()) {
      const r = { materialId: want.materialId, locationId: want.locationId };
      compare(r, "onHand", 0, want.onHand);
      compare(r, "reserved", 0, want.reserved);
    }
    mismatches.sort((a, b) => a.materialId - b.materialId || a.locationId - b.locationId);
    return { mismatches, movements: movements?.n ?? 0, balances: balances.length };
  });
}
