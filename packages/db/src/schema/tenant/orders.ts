import {
  boolean,
  char,
  decimal,
  index,
  int,
  json,
  mysqlEnum,
  mysqlTable,
  primaryKey,
  smallint,
  text,
  uniqueIndex,
  varchar,
} from "drizzle-orm/mysql-core";
import { id, instant, ref, timestamps } from "../columns.js";

export const orderStatuses = ["draft", "confirmed", "in_production", "ready", "delivered", "cancelled"] as const;
export type OrderStatus = (typeof orderStatuses)[number];
export const orderPriorities = ["normal", "rush"] as const;
/** School levels (nivel): inicial, primaria, secundaria. */
export const schoolLevels = ["inicial", "primaria", "secundaria"] as const;
export type SchoolLevel = (typeof schoolLevels)[number];
export const orderLineKinds = ["item", "frame"] as const;
export const paymentKinds = ["deposit", "payment", "refund"] as const;
export type PaymentKind = (typeof paymentKinds)[number];
export const paymentMethods = ["cash", "card", "transfer", "wallet"] as const;

/** The columns of a payment row (orders' and contracts' alike); fresh builders for each table. */
export const paymentColumns = () => ({
  kind: mysqlEnum(paymentKinds).notNull(),
  amount: decimal({ precision: 14, scale: 2 }).notNull(),
  method: mysqlEnum(paymentMethods).notNull(),
  reference: varchar({ length: 100 }),
  createdBy: ref(),
  createdAt: instant()
    .notNull()
    .$defaultFn(() => new Date()),
});

/**
 * An order: a quote (draft, proforma) until confirmed, then the sale (nota de venta). The money
 * columns are the totals computed when its lines were last saved (with the tax settings of that
 * moment, kept beside them); what was paid is summed from its payments, never stored.
 */
export const orders = mysqlTable(
  "orders",
  {
    id: id(),
    /** `P-2026-000123`: prefix, year and the year's sequence (order_counters). */
    number: varchar({ length: 40 }).notNull(),
    year: smallint().notNull(),
    sequence: int().notNull(),
    clientId: ref().notNull(),
    serviceId: ref(),
    status: mysqlEnum(orderStatuses).notNull().default("draft"),
    priority: mysqlEnum(orderPriorities).notNull().default("normal"),
    promisedAt: instant(),
    level: mysqlEnum(schoolLevels),
    grade: varchar({ length: 20 }),
    section: varchar({ length: 20 }),
    contractId: ref(),
    studentId: ref(),
    notes: text(),
    currency: char({ length: 3 }).notNull().default("PEN"),
    pricesIncludeTax: boolean().notNull().default(false),
    /** The order discount (spread over the lines' tax bases). */
    discount: decimal({ precision: 14, scale: 2 }).notNull().default("0.00"),
    subtotal: decimal({ precision: 14, scale: 2 }).notNull().default("0.00"),
    tax: decimal({ precision: 14, scale: 2 }).notNull().default("0.00"),
    total: decimal({ precision: 14, scale: 2 }).notNull().default("0.00"),
    confirmedAt: instant(),
    deliveredAt: instant(),
    cancelledAt: instant(),
    cancelReason: varchar({ length: 500 }),
    createdBy: ref(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("orders_number_uq").on(t.number),
    uniqueIndex("orders_year_sequence_uq").on(t.year, t.sequence),
    index("orders_client_idx").on(t.clientId, t.createdAt),
    index("orders_status_idx").on(t.status, t.createdAt),
    index("orders_service_idx").on(t.serviceId),
    index("orders_contract_idx").on(t.contractId),
    index("orders_promised_idx").on(t.promisedAt),
    index("orders_created_idx").on(t.createdAt),
    // Reports count sales by the day they were confirmed and deliveries by the day they happened.
    index("orders_confirmed_idx").on(t.confirmedAt, t.status),
    index("orders_delivered_idx").on(t.deliveredAt),
  ],
);
export type OrderRow = typeof orders.$inferSelect;

/**
 * A line: an item (service, material or free text) or a framed piece. `frame` keeps the frame's
 * spec and the engine's whole breakdown as priced when saved: a later price change never alters it.
 */
export const orderLines = mysqlTable(
  "order_lines",
  {
    id: id(),
    orderId: ref().notNull(),
    position: smallint().notNull(),
    kind: mysqlEnum(orderLineKinds).notNull(),
    description: varchar({ length: 500 }).notNull(),
    serviceId: ref(),
    materialId: ref(),
    /** The contract package a package line was sold from (its name and price are copied). */
    packageId: ref(),
    quantity: decimal({ precision: 12, scale: 3 }).notNull(),
    unitPrice: decimal({ precision: 14, scale: 2 }).notNull(),
    discount: decimal({ precision: 14, scale: 2 }).notNull().default("0.00"),
    taxRate: decimal({ precision: 5, scale: 2 }).notNull(),
    /** quantity · unit price − discount */
    amount: decimal({ precision: 14, scale: 2 }).notNull(),
    /** This line's share of the order discount. */
    discountShare: decimal({ precision: 14, scale: 2 }).notNull().default("0.00"),
    tax: decimal({ precision: 14, scale: 2 }).notNull(),
    total: decimal({ precision: 14, scale: 2 }).notNull(),
    /** What the line costs the studio (frame components at cost), for margins. */
    cost: decimal({ precision: 14, scale: 2 }).notNull().default("0.00"),
    frame: json().$type<Record<string, unknown>>(),
  },
  (t) => [
    uniqueIndex("order_lines_order_position_uq").on(t.orderId, t.position),
    index("order_lines_material_idx").on(t.materialId),
  ],
);
export type OrderLineRow = typeof orderLines.$inferSelect;

/** Deposits (a cuenta), payments and refunds: never edited or deleted (a mistake is a refund). */
export const orderPayments = mysqlTable(
  "order_payments",
  {
    id: id(),
    orderId: ref().notNull(),
    ...paymentColumns(),
  },
  (t) => [
    index("order_payments_order_idx").on(t.orderId, t.createdAt),
    index("order_payments_created_idx").on(t.createdAt),
  ],
);
export type OrderPaymentRow = typeof orderPayments.$inferSelect;

/** The last order number handed out per year: locked by the creating transaction, so numbers are gap-free and unique. */
export const orderCounters = mysqlTable(
  "order_counters",
  { year: smallint().notNull(), last: int().notNull().default(0) },
  (t) => [primaryKey({ columns: [t.year] })],
);
