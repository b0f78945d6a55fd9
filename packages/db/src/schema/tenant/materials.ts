import {
  boolean,
  date,
  decimal,
  index,
  int,
  mysqlEnum,
  mysqlTable,
  uniqueIndex,
  varchar,
} from "drizzle-orm/mysql-core";
import { id, timestamps } from "../columns.js";

/** The seven inventory categories of SPEC 6 (slugs the legacy frontend uses). */
export const materialCategories = [
  "varillas",
  "pinturas",
  "impresion",
  "recordatorio",
  "software",
  "pintura",
  "diseno",
] as const;
export type MaterialCategory = (typeof materialCategories)[number];

/** Every base unit a material can be counted in (which ones a category allows: CATEGORY_UNITS). */
export const materialUnits = ["m", "m2", "sheet", "ml", "unit"] as const;
export type MaterialUnit = (typeof materialUnits)[number];

/**
 * The base units each category allows (SPEC 6); the first is the default. Mouldings are counted
 * in metres; the sheets a framer keeps with them (glass, MDF backing, mat board: varillas
 * subtypes in the studios' catalogs) in m².
 */
export const CATEGORY_UNITS: Record<MaterialCategory, readonly [MaterialUnit, ...MaterialUnit[]]> = {
  varillas: ["m", "m2"],
  pinturas: ["unit"],
  impresion: ["m2", "sheet"],
  recordatorio: ["unit"],
  software: ["unit"],
  pintura: ["ml", "unit"],
  diseno: ["unit"],
};

/**
 * The studio's materials catalog: mouldings, printing media, paints, licences… Money is DECIMAL(14,2)
 * per base unit, quantities DECIMAL(12,3) in the base unit; both are strings here (mysql2 keeps
 * decimals as strings) and integers in the service.
 */
export const materials = mysqlTable(
  "materials",
  {
    id: id(),
    category: mysqlEnum(materialCategories).notNull(),
    subtype: varchar({ length: 100 }),
    code: varchar({ length: 50 }).notNull(),
    name: varchar({ length: 200 }).notNull(),
    unit: mysqlEnum(materialUnits).notNull(),
    purchaseUnit: varchar({ length: 50 }),
    purchaseFactor: decimal({ precision: 12, scale: 3 }).notNull().default("1.000"),
    faceWidthMm: int(),
    stickLengthMm: int(),
    sheetWidthMm: int(),
    sheetHeightMm: int(),
    costPrice: decimal({ precision: 14, scale: 2 }).notNull().default("0.00"),
    salePrice: decimal({ precision: 14, scale: 2 }).notNull().default("0.00"),
    minQty: decimal({ precision: 12, scale: 3 }).notNull().default("0.000"),
    maxQty: decimal({ precision: 12, scale: 3 }).notNull().default("0.000"),
    packMultiple: decimal({ precision: 12, scale: 3 }).notNull().default("1.000"),
    wastePercent: decimal({ precision: 5, scale: 2 }).notNull().default("0.00"),
    /** Moving-average cost per base unit, updated by receipts (stock value = on hand × this). */
    avgCost: decimal({ precision: 14, scale: 2 }).notNull().default("0.00"),
    /** Ordered from the supplier and not yet received (base unit): reorder suggestions count it. */
    onOrderQty: decimal({ precision: 12, scale: 3 }).notNull().default("0.000"),
    expiresAt: date({ mode: "string" }),
    active: boolean().notNull().default(true),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("materials_code_uq").on(t.code),
    index("materials_category_code_idx").on(t.category, t.code),
    index("materials_name_idx").on(t.name),
    index("materials_created_idx").on(t.createdAt),
  ],
);

export type MaterialRow = typeof materials.$inferSelect;
export type NewMaterialRow = typeof materials.$inferInsert;
