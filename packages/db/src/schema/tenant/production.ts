import { sql } from "drizzle-orm";
import {
  check,
  decimal,
  index,
  int,
  mysqlEnum,
  mysqlTable,
  primaryKey,
  smallint,
  text,
  uniqueIndex,
  varchar,
} from "drizzle-orm/mysql-core";
import { id, instant, ref, timestamps } from "../columns.js";

export const productionTypes = ["framing", "minilab", "graduation", "laser_cut", "digital_editing", "other"] as const;
export type ProductionType = (typeof productionTypes)[number];
export const productionPriorities = ["low", "normal", "high", "urgent"] as const;
export type ProductionPriority = (typeof productionPriorities)[number];
/** SPEC 6: draft → confirmed (or waiting_material when short) → in_progress → done; cancelled before in_progress. */
export const productionStatuses = [
  "draft",
  "confirmed",
  "waiting_material",
  "in_progress",
  "done",
  "cancelled",
] as const;
export type ProductionStatus = (typeof productionStatuses)[number];

/** A production order (orden de producción) `OP-2026-000045`, optionally for one order line. */
export const productionOrders = mysqlTable(
  "production_orders",
  {
    id: id(),
    /** `OP-2026-000045`: the creation year in the studio's zone and the year's sequence (number_counters). */
    number: varchar({ length: 40 }).notNull(),
    orderId: ref(),
    orderLineId: ref(),
    type: mysqlEnum(productionTypes).notNull(),
    priority: mysqlEnum(productionPriorities).notNull().default("normal"),
    status: mysqlEnum(productionStatuses).notNull().default("draft"),
    assigneeId: ref(),
    dueAt: instant(),
    notes: text(),
    confirmedAt: instant(),
    startedAt: instant(),
    doneAt: instant(),
    cancelledAt: instant(),
    cancelReason: varchar({ length: 500 }),
    createdBy: ref(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("production_orders_number_uq").on(t.number),
    index("production_orders_status_due_idx").on(t.status, t.dueAt),
    index("production_orders_order_idx").on(t.orderId),
    index("production_orders_line_idx").on(t.orderLineId),
    index("production_orders_assignee_idx").on(t.assigneeId, t.status),
    index("production_orders_created_idx").on(t.createdAt),
    // What was made in a period (reports, KPIs, the dashboard): status = done and done_at in range.
    index("production_orders_done_idx").on(t.status, t.doneAt),
  ],
);
export type ProductionOrderRow = typeof productionOrders.$inferSelect;

/**
 * What a production order needs and, once registered, what it used: planned (derived from the
 * frame spec or entered), consumed and waste (mermas, with the reason) in the material's base unit.
 */
export const productionComponents = mysqlTable(
  "production_components",
  {
    id: id(),
    productionOrderId: ref().notNull(),
    materialId: ref().notNull(),
    plannedQty: decimal({ precision: 12, scale: 3 }).notNull(),
    consumedQty: decimal({ precision: 12, scale: 3 }).notNull().default("0.000"),
    wasteQty: decimal({ precision: 12, scale: 3 }).notNull().default("0.000"),
    wasteReason: varchar({ length: 500 }),
    /** Cost per base unit when registered (the moving average then): waste and efficiency use it. */
    unitCost: decimal({ precision: 14, scale: 2 }),
  },
  (t) => [
    uniqueIndex("production_components_material_uq").on(t.productionOrderId, t.materialId),
    index("production_components_material_idx").on(t.materialId),
    check("production_components_planned_positive", sql`${t.plannedQty} > 0`),
  ],
);
export type ProductionComponentRow = typeof productionComponents.$inferSelect;

/**
 * The last number handed out per series and year (`production`, `product`; orders keep
 * order_counters): locked by the creating transaction, so numbers are gap-free and unique.
 */
export const numberCounters = mysqlTable(
  "number_counters",
  {
    series: varchar({ length: 20 }).notNull(),
    year: smallint().notNull(),
    last: int().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.series, t.year] })],
);
