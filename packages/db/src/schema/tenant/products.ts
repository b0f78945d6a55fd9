import { decimal, index, mysqlEnum, mysqlTable, uniqueIndex, varchar } from "drizzle-orm/mysql-core";
import { id, instant, ref, timestamps } from "../columns.js";

export const productKinds = ["frame", "print", "souvenir", "graduation", "painting", "other"] as const;
export type ProductKind = (typeof productKinds)[number];
/** SPEC 6: available ↔ reserved → sold → delivered; available → damaged. */
export const productStatuses = ["available", "reserved", "sold", "delivered", "damaged"] as const;
export type ProductStatus = (typeof productStatuses)[number];

/** A finished product (producto terminado): made by a production order or entered by hand. */
export const products = mysqlTable(
  "products",
  {
    id: id(),
    /** `PT-2026-000012` when generated (number_counters series `product`), or the studio's own code. */
    code: varchar({ length: 50 }).notNull(),
    description: varchar({ length: 500 }).notNull(),
    kind: mysqlEnum(productKinds).notNull().default("other"),
    productionOrderId: ref(),
    /** The order it was made for (or reserved for). */
    orderId: ref(),
    /** An internal stock location, or a shelf text (estante) where it is kept. */
    locationId: ref(),
    shelf: varchar({ length: 100 }),
    price: decimal({ precision: 14, scale: 2 }).notNull().default("0.00"),
    status: mysqlEnum(productStatuses).notNull().default("available"),
    /** The order it was sold under (the same as orderId for made-to-order pieces). */
    soldOrderId: ref(),
    soldAt: instant(),
    soldBy: ref(),
    deliveredAt: instant(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("products_code_uq").on(t.code),
    uniqueIndex("products_production_uq").on(t.productionOrderId),
    index("products_status_idx").on(t.status, t.createdAt),
    index("products_location_idx").on(t.locationId),
    index("products_shelf_idx").on(t.shelf),
    index("products_order_idx").on(t.orderId),
    index("products_created_idx").on(t.createdAt),
  ],
);
export type ProductRow = typeof products.$inferSelect;
