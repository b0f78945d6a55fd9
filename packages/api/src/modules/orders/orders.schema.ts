import { orderPriorities, orderStatuses, schoolLevels } from "@fotostudio/db";
import { z } from "zod";
import { date, id, money, optionalText, parseCents, quantity } from "../../shared/fields.js";

// The order's inputs; the list inputs are in list.schema.ts and the outputs in output.schema.ts.

export const orderStatus = z
  .enum(orderStatuses)
  .describe("draft (quote, proforma) → confirmed (sale) → in_production → ready → delivered; or cancelled")
  .meta({ example: "confirmed" });
export const orderPriority = z.enum(orderPriorities).describe("normal or rush");
export const schoolLevel = z.enum(schoolLevels).describe("School level (nivel): inicial, primaria, secundaria");

const nonNegativeMoney = (description: string, example: string) =>
  money(description)
    .refine((v) => v >= 0, "must not be negative")
    .meta({ example });

/** A percent 0..100 with at most two decimals; kept as the decimal string the totals engine takes. */
export const taxRate = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .pipe(z.string().regex(/^\d{1,3}(?:\.\d{1,2})?$/, "a percent with at most two decimals, e.g. 18.00"))
  .refine((v) => (parseCents(v) as number) <= 10_000, "at most 100")
  .describe('Tax rate in percent, e.g. "18.00"; the studio\'s rate (system.taxRate) when omitted')
  .meta({ example: "18.00" });

const lineQuantity = quantity("How many (units, or the base unit of the line's material)")
  .refine((v) => v > 0, "must be greater than 0")
  .meta({ example: "1.000" });

const lineDiscount = nonNegativeMoney(
  "Discount on this line; above system.discountLimitPercent of the line's amount it needs prices:write",
  "0.00",
).default(0);

export const itemLineInput = z.object({
  kind: z.literal("item").describe("A service, a material, a contract package or free text"),
  description: optionalText(500, "What is sold; defaults to the service's, material's or package's name").meta({
    example: "Impresión 10x15 brillo",
  }),
  serviceId: id("Service (from the studio's service catalog)").optional(),
  materialId: id("Material (from the inventory catalog)").optional(),
  packageId: id(
    "Package of the order's contract: its name and price become the line's description and unit price",
  ).optional(),
  quantity: lineQuantity,
  unitPrice: nonNegativeMoney(
    "Price of one unit; defaults to the service's base price or the material's sale price; required for free text",
    "25.00",
  ).optional(),
  discount: lineDiscount,
  taxRate: taxRate.optional(),
});

const millimetres = (description: string) =>
  z.number().int().min(0).max(20_000).describe(`${description} (mm)`).meta({ example: 50 });

const sheet = (what: string) =>
  id(what)
    .nullable()
    .describe(
      `${what}: a material id with unit m2 (its cost per m² plus its waste %, marked up); null for none; omitted → the studio's default price per m² (system.frame)`,
    )
    .optional();

export const frameSpecInput = z.object({
  artWidthMm: millimetres("Art width")
    .refine((v) => v > 0, "must be greater than 0")
    .meta({ example: 400 }),
  artHeightMm: millimetres("Art height")
    .refine((v) => v > 0, "must be greater than 0")
    .meta({ example: 500 }),
  mat: z
    .object({
      leftMm: millimetres("Mat on the left").default(0),
      rightMm: millimetres("Mat on the right").default(0),
      topMm: millimetres("Mat at the top").default(0),
      bottomMm: millimetres("Mat at the bottom").default(0),
    })
    .default({ leftMm: 0, rightMm: 0, topMm: 0, bottomMm: 0 })
    .describe("Mat (paspartú) width per side; no mat when omitted")
    .meta({ example: { leftMm: 50, rightMm: 50, topMm: 50, bottomMm: 50 } }),
  mouldingId: id("Moulding (varilla): an active varillas material with unit m and a face width"),
  glazingId: sheet("Glazing (vidrio)"),
  backingId: sheet("Backing (fondo)"),
  matBoardId: id("Mat board (paspartú)")
    .nullable()
    .describe(
      "Mat board (paspartú): a material id with unit m2; null for none; omitted → the studio's default price per m², only when some mat side is above 0",
    )
    .optional(),
});
export type FrameSpecInput = z.infer<typeof frameSpecInput>;

export const frameLineInput = z.object({
  kind: z.literal("frame").describe("A framed piece, priced by the frame price engine"),
  description: optionalText(500, "Defaults to the size and the moulding's name").meta({ example: "Enmarcado diploma" }),
  quantity: lineQuantity,
  frame: frameSpecInput,
  discount: lineDiscount,
  taxRate: taxRate.optional(),
});

// Frames first: the docs' sample line is then a framed piece.
export const lineInput = z.discriminatedUnion("kind", [frameLineInput, itemLineInput]);
export type LineInput = z.infer<typeof lineInput>;

/** A calendar day means the end of that day in the studio's zone; an instant is taken as it is. */
export const promisedAt = z
  .union([date("Promised day"), z.coerce.date()])
  .nullable()
  .describe(
    "Promised delivery: a day (YYYY-MM-DD, until the end of that day in the studio's time zone) or an ISO 8601 instant; the order is late after it",
  )
  .meta({ example: "2026-12-20" })
  .optional();

const headerFields = {
  priority: orderPriority.optional(),
  promisedAt,
  level: schoolLevel.nullable().optional(),
  grade: optionalText(20, "School grade (grado)").meta({ example: "5to" }).optional(),
  section: optionalText(20, "School section (sección)").meta({ example: "B" }).optional(),
  notes: optionalText(5000, "Free notes for the studio's staff").meta({ example: "Entregar en caja" }).optional(),
};

const pricedFields = {
  serviceId: id("Service the order is for (the studio's service catalog)").nullable().optional(),
  contractId: id("School contract the order is placed under; it must be active today").nullable().optional(),
  studentId: id("Student of the contract's roster").nullable().optional(),
  discount: nonNegativeMoney(
    "Order discount, spread over the lines' tax bases; above system.discountLimitPercent of the subtotal it needs prices:write",
    "0.00",
  ).optional(),
  lines: z.array(lineInput).min(1).max(200).describe("The order's lines, at least one"),
};

export const createOrderInput = z.object({
  clientId: id("Client (must exist in this studio)"),
  ...pricedFields,
  ...headerFields,
});
export type CreateOrderInput = z.infer<typeof createOrderInput>;

/** POST /orders/quote: the create body without the client; prices it and saves nothing. */
export const quoteInput = createOrderInput.omit({ clientId: true });
export type QuoteInput = z.infer<typeof quoteInput>;

/** PUT: the whole order (lines included, so only a draft can be replaced). */
export const replaceOrderInput = z.object({ id: id("Order"), ...createOrderInput.shape });

/** PATCH: only the fields sent change; lines, discount, client, service and contract only on a draft. */
export const patchOrderInput = z.object({
  id: id("Order"),
  clientId: id("Client (must exist in this studio)").optional(),
  ...pricedFields,
  lines: pricedFields.lines.optional(),
  ...headerFields,
});
export type PatchOrderInput = z.infer<typeof patchOrderInput>;
export type OrderChanges = Omit<PatchOrderInput, "id">;

export const transitionInput = z.object({
  id: id("Order"),
  to: orderStatus.describe("The state to move to"),
  reason: optionalText(500, "Why; required to cancel an order in production").meta({ example: "Client withdrew" }),
});
export type TransitionInput = z.infer<typeof transitionInput>;
