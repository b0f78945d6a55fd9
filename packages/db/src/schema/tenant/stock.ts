import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  decimal,
  index,
  mysqlEnum,
  mysqlTable,
  primaryKey,
  uniqueIndex,
  varchar,
} from "drizzle-orm/mysql-core";
import { id, instant, ref, timestamps } from "../columns.js";

/**
 * Where stock can be: the studio's own places (internal: one default, more allowed — workshop,
 * shop, warehouse) and one virtual location per counterpart a movement comes from or goes to.
 * The virtual ones are seeded by migration 0007 and are never created, edited or deleted by users.
 */
export const locationKinds = ["internal", "supplier", "customer", "production", "scrap", "adjustment"] as const;
export type LocationKind = (typeof locationKinds)[number];

export const stockLocations = mysqlTable(
  "stock_locations",
  {
    id: id(),
    code: varchar({ length: 50 }).notNull(),
    name: varchar({ length: 200 }).notNull(),
    kind: mysqlEnum(locationKinds).notNull(),
    isDefault: boolean().notNull().default(false),
    active: boolean().notNull().default(true),
    /** 1 on the default internal location, NULL elsewhere: the unique index allows one default. */
    defaultFlag: bigint({ mode: "number" }).generatedAlwaysAs(sql`IF(is_default, 1, NULL)`, { mode: "virtual" }),
    /** The kind of a virtual location, NULL on internal ones: one virtual location per kind. */
    virtualKind: varchar({ length: 20 }).generatedAlwaysAs(sql`IF(kind = 'internal', NULL, kind)`, {
      mode: "virtual",
    }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("stock_locations_code_uq").on(t.code),
    uniqueIndex("stock_locations_default_uq").on(t.defaultFlag),
    uniqueIndex("stock_locations_virtual_uq").on(t.virtualKind),
  ],
);
export type StockLocationRow = typeof stockLocations.$inferSelect;

export const movementTypes = ["receipt", "consume", "waste", "adjust", "return", "transfer"] as const;
export type MovementType = (typeof movementTypes)[number];

/**
 * The stock ledger: the only way stock changes. Immutable — triggers refuse UPDATE and DELETE
 * (migration 0007); a correction is a new movement that `reverses` the wrong one. Quantities are in
 * the material's base unit, always positive; the direction is from → to.
 */
export const stockMovements = mysqlTable(
  "stock_movements",
  {
    id: id(),
    materialId: ref().notNull(),
    type: mysqlEnum(movementTypes).notNull(),
    quantity: decimal({ precision: 12, scale: 3 }).notNull(),
    fromLocationId: ref().notNull(),
    toLocationId: ref().notNull(),
    /** Cost per base unit at the time (receipts: what was paid; others: the moving average). */
    unitCost: decimal({ precision: 14, scale: 2 }).notNull().default("0.00"),
    reason: varchar({ length: 500 }),
    userId: ref(),
    /** Consume and waste movements: the production order they belong to. */
    productionOrderId: ref(),
    /** Adjustments made by a physical count. */
    countId: ref(),
    /** The movement this one corrects (at most one correction per movement). */
    reversesId: ref(),
    createdAt: instant()
      .notNull()
      .$defaultFn(() => new Date()),
  },
  (t) => [
    index("stock_movements_material_idx").on(t.materialId, t.createdAt, t.id),
    index("stock_movements_production_idx").on(t.productionOrderId),
    index("stock_movements_type_idx").on(t.type, t.createdAt),
    index("stock_movements_created_idx").on(t.createdAt),
    uniqueIndex("stock_movements_reverses_uq").on(t.reversesId),
    check("stock_movements_quantity_positive", sql`${t.quantity} > 0`),
    check("stock_movements_locations_differ", sql`${t.fromLocationId} <> ${t.toLocationId}`),
  ],
);
export type StockMovementRow = typeof stockMovements.$inferSelect;

/**
 * On hand and reserved per material and internal location, changed in the movement's (or the
 * reservation's) transaction under a row lock; always equal to the replay of the ledger. The CHECKs
 * are the last line of defence behind the service's INSUFFICIENT_STOCK.
 */
export const stockBalances = mysqlTable(
  "stock_balances",
  {
    materialId: ref().notNull(),
    locationId: ref().notNull(),
    onHand: decimal({ precision: 12, scale: 3 }).notNull().default("0.000"),
    reserved: decimal({ precision: 12, scale: 3 }).notNull().default("0.000"),
    updatedAt: instant()
      .notNull()
      .default(sql`CURRENT_TIMESTAMP(3)`)
      .$onUpdate(() => new Date()),
  },
  (t) => [
    primaryKey({ columns: [t.materialId, t.locationId] }),
    index("stock_balances_location_idx").on(t.locationId),
    check("stock_balances_on_hand_non_negative", sql`${t.onHand} >= 0`),
    check("stock_balances_reserved_range", sql`${t.reserved} >= 0 AND ${t.reserved} <= ${t.onHand}`),
  ],
);
export type StockBalanceRow = typeof stockBalances.$inferSelect;

export const reservationStatuses = ["active", "released", "consumed"] as const;
export type ReservationStatus = (typeof reservationStatuses)[number];

/** Stock held for a production order: reduces available (= on hand − reserved) while active. */
export const stockReservations = mysqlTable(
  "stock_reservations",
  {
    id: id(),
    materialId: ref().notNull(),
    locationId: ref().notNull(),
    productionOrderId: ref().notNull(),
    quantity: decimal({ precision: 12, scale: 3 }).notNull(),
    status: mysqlEnum(reservationStatuses).notNull().default("active"),
    ...timestamps,
  },
  (t) => [
    index("stock_reservations_production_idx").on(t.productionOrderId, t.status),
    index("stock_reservations_material_idx").on(t.materialId, t.status),
    check("stock_reservations_quantity_positive", sql`${t.quantity} > 0`),
  ],
);
export type StockReservationRow = typeof stockReservations.$inferSelect;

export const stockAlertKinds = ["low_stock", "out_of_stock", "high_waste"] as const;
export type StockAlertKind = (typeof stockAlertKinds)[number];

/**
 * Alerts raised inside the transaction that caused them: low/out of stock per material (at most one
 * open per material: the unique index on the generated column), a production order's waste over
 * the studio's threshold. Inactive and expiring materials and late production orders are derived
 * when listed, never stored.
 */
export const stockAlerts = mysqlTable(
  "stock_alerts",
  {
    id: id(),
    kind: mysqlEnum(stockAlertKinds).notNull(),
    materialId: ref(),
    productionOrderId: ref(),
    /** Available and minimum when the alert was opened (or last changed kind). */
    available: decimal({ precision: 12, scale: 3 }),
    minimum: decimal({ precision: 12, scale: 3 }),
    wastePercent: decimal({ precision: 6, scale: 2 }),
    openedAt: instant()
      .notNull()
      .$defaultFn(() => new Date()),
    closedAt: instant(),
    /** The material while a stock alert is open, NULL otherwise: one open stock alert per material. */
    openMaterialId: bigint({ mode: "number", unsigned: true }).generatedAlwaysAs(
      sql`IF(closed_at IS NULL AND kind IN ('low_stock', 'out_of_stock'), material_id, NULL)`,
      { mode: "virtual" },
    ),
  },
  (t) => [
    uniqueIndex("stock_alerts_open_material_uq").on(t.openMaterialId),
    index("stock_alerts_open_idx").on(t.closedAt, t.kind),
    index("stock_alerts_production_idx").on(t.productionOrderId),
  ],
);
export type StockAlertRow = typeof stockAlerts.$inferSelect;

/** A physical count (inventario físico): its differences are adjustment movements with its id. */
export const stockCounts = mysqlTable(
  "stock_counts",
  {
    id: id(),
    note: varchar({ length: 500 }),
    userId: ref(),
    createdAt: instant()
      .notNull()
      .$defaultFn(() => new Date()),
  },
  (t) => [index("stock_counts_created_idx").on(t.createdAt)],
);
export type StockCountRow = typeof stockCounts.$inferSelect;
