import { materialCategories, materials, materialUnits } from "@fotostudio/db";
import { z } from "zod";
import { date, flag, id, money, moneyOutput, optionalText, parseCents, quantity, text } from "../../shared/fields.js";
import { pageInput, sortable } from "../../shared/list.js";

export const materialCategory = z
  .enum(materialCategories)
  .describe(
    "varillas (frame mouldings, m), pinturas (artworks, unit), impresion (printing media, m2 or sheet), recordatorio (souvenir materials, unit), software (software and equipment, unit), pintura (painting supplies, ml or unit), diseno (design materials, unit)",
  )
  .meta({ example: "varillas" });

export const materialUnit = z
  .enum(materialUnits)
  .describe("Base unit, fixed by the category: varillas m; impresion m2 or sheet; pintura ml or unit; the others unit")
  .meta({ example: "m" });

const millimetres = (description: string) =>
  z
    .number()
    .int()
    .positive()
    .max(100_000)
    .nullish()
    .transform((v) => v ?? null)
    .describe(`${description} (mm)`);

/** A price per base unit: money, never negative. */
const price = (description: string, example: string) =>
  money(description)
    .refine((v) => v >= 0, "must not be negative")
    .meta({ example });

/** A percentage 0..100 with two decimals ("5.00"); integer hundredths of a percent in the service. */
const wastePercent = z
  .string()
  .trim()
  .regex(/^\d{1,3}(?:\.\d{1,2})?$/, "a percentage with at most two decimals, e.g. 5.00")
  .transform((v) => parseCents(v) as number)
  .refine((v) => v <= 10_000, "at most 100")
  .describe('Waste allowance applied to the price, 0..100: a decimal string, e.g. "5.00"')
  .meta({ example: "5.00" });

/** The fields whose optional values the API sends as null; their defaults for create and PUT. */
const materialFields = {
  category: materialCategory,
  subtype: optionalText(100, "Kind within the category: moulding strip, glass, mat board, photo paper…").meta({
    example: "moulding strip",
  }),
  code: text(50, "The studio's code for the material, unique in the studio").meta({ example: "VAR-001" }),
  name: text(200, "Name").meta({ example: "Moulding oak 3 cm" }),
  unit: materialUnit.optional(),
  purchaseUnit: optionalText(50, "The unit it is bought in (box, roll, stick…)").meta({ example: "stick" }),
  purchaseFactor: quantity("Base units per purchase unit").default(1000).meta({ example: "2.900" }),
  faceWidthMm: millimetres("Moulding face width, required for varillas").meta({ example: 30 }),
  stickLengthMm: millimetres("Moulding stick length").meta({ example: 2900 }),
  sheetWidthMm: millimetres("Sheet width").meta({ example: 1000 }),
  sheetHeightMm: millimetres("Sheet height").meta({ example: 700 }),
  costPrice: price("Cost per base unit", "8.20").default(0),
  salePrice: price("Sale price per base unit", "12.50").default(0),
  minQty: quantity("Minimum stock; low stock when available ≤ minimum").default(0).meta({ example: "5.000" }),
  maxQty: quantity("Maximum stock, the reorder target; at least minQty").default(0).meta({ example: "20.000" }),
  packMultiple: quantity("Reorders are rounded up to this multiple").default(1000).meta({ example: "1.000" }),
  wastePercent: wastePercent.default(0),
  expiresAt: date("Expiry (licences, perishables)")
    .nullish()
    .transform((v) => v ?? null)
    .meta({ example: "2027-06-30" }),
  active: flag.default(true).describe("Inactive materials stay in history but are not offered"),
};

export const createMaterialInput = z.object(materialFields);
export type CreateMaterialInput = z.infer<typeof createMaterialInput>;

/** PUT: the whole material; omitted optional fields become empty or their default. */
export const replaceMaterialInput = z.object({ id: id("Material"), ...materialFields });

/** PATCH: only the fields sent change. */
export const patchMaterialInput = z.object({
  id: id("Material"),
  category: materialCategory.optional(),
  subtype: materialFields.subtype.optional(),
  code: materialFields.code.optional(),
  name: materialFields.name.optional(),
  unit: materialUnit.optional(),
  purchaseUnit: materialFields.purchaseUnit.optional(),
  purchaseFactor: quantity("Base units per purchase unit").optional(),
  faceWidthMm: materialFields.faceWidthMm.optional(),
  stickLengthMm: materialFields.stickLengthMm.optional(),
  sheetWidthMm: materialFields.sheetWidthMm.optional(),
  sheetHeightMm: materialFields.sheetHeightMm.optional(),
  costPrice: price("Cost per base unit", "8.20").optional(),
  salePrice: price("Sale price per base unit", "12.50").optional(),
  minQty: quantity("Minimum stock").optional(),
  maxQty: quantity("Maximum stock").optional(),
  packMultiple: quantity("Reorder multiple").optional(),
  wastePercent: wastePercent.optional(),
  expiresAt: materialFields.expiresAt.optional(),
  active: flag.optional(),
});
export type PatchMaterialInput = z.infer<typeof patchMaterialInput>;

export const materialSort = sortable(
  {
    code: materials.code,
    name: materials.name,
    category: materials.category,
    createdAt: materials.createdAt,
    id: materials.id,
  },
  "code",
);

const listFilters = {
  active: flag.describe("Only active (true) or inactive (false) materials").optional(),
  ordering: materialSort.ordering,
};

export const listMaterialsInput = pageInput.extend({
  category: materialCategory.optional(),
  ...listFilters,
});
export type ListMaterialsInput = z.infer<typeof listMaterialsInput>;

/** A legacy per-category list: the same parameters, the category fixed by the path. */
export const listCategoryInput = pageInput.extend(listFilters);

const percent = (description: string) =>
  z.string().describe(`${description}: a decimal string with two decimals`).meta({ example: "52.44" });

export const materialOutput = z
  .object({
    id: z.number().int(),
    category: materialCategory,
    subtype: z.string().nullable(),
    code: z.string(),
    name: z.string(),
    unit: materialUnit,
    purchaseUnit: z.string().nullable(),
    purchaseFactor: z.string().describe("Base units per purchase unit").meta({ example: "2.900" }),
    faceWidthMm: z.number().int().nullable(),
    stickLengthMm: z.number().int().nullable(),
    sheetWidthMm: z.number().int().nullable(),
    sheetHeightMm: z.number().int().nullable(),
    costPrice: moneyOutput("Cost per base unit; only for roles holding costs:read")
      .meta({ example: "8.20" })
      .optional(),
    marginPercent: percent("Margin of the sale price over the cost; null when the cost is 0; only with costs:read")
      .nullable()
      .optional(),
    salePrice: moneyOutput("Sale price per base unit").meta({ example: "12.50" }),
    minQty: z.string().describe("Minimum stock in the base unit").meta({ example: "5.000" }),
    maxQty: z.string().describe("Maximum stock in the base unit").meta({ example: "20.000" }),
    packMultiple: z.string().describe("Reorder multiple in the base unit").meta({ example: "1.000" }),
    wastePercent: percent("Waste allowance"),
    expiresAt: z.string().nullable().describe("Expiry (YYYY-MM-DD)").meta({ example: "2027-06-30" }),
    active: z.boolean(),
    onHand: z.string().describe("On hand over every internal location, in the base unit").meta({ example: "12.000" }),
    reserved: z.string().describe("Held for production orders").meta({ example: "2.440" }),
    available: z.string().describe("on hand − reserved").meta({ example: "9.560" }),
    lowStock: z.boolean().describe("available ≤ minQty"),
    onOrder: z.string().describe("Ordered from the supplier, not yet received").meta({ example: "0.000" }),
    avgCost: moneyOutput("Moving-average cost per base unit; only with costs:read")
      .meta({ example: "8.20" })
      .optional(),
    value: moneyOutput("Stock value: on hand × moving-average cost; only with costs:read")
      .meta({ example: "98.40" })
      .optional(),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: "Material" });
export type Material = z.infer<typeof materialOutput>;
