import { movementTypes, stockMovements } from "@fotostudio/db";
import { z } from "zod";
import { id, money, moneyOutput, optionalText, quantity } from "../../../shared/fields.js";
import { pageInput, paginated, sortable } from "../../../shared/list.js";

/** The movements a user posts; consume and waste come only from production (register). */
export const manualMovementTypes = ["receipt", "adjust", "return", "transfer"] as const;

const SIGNED = /^(-?)(\d{1,9})(?:\.(\d{1,3}))?$/;

/**
 * A quantity that may be negative (an adjustment takes stock out with a minus sign): a decimal
 * string with up to three decimals, or a JSON number that is one; integer thousandths inside.
 */
export const signedQuantity = z
  .union([z.string(), z.number()])
  .transform((v) => (typeof v === "number" ? String(v) : v).trim())
  .pipe(z.string().regex(SIGNED, "a decimal string with at most three decimals, e.g. 2.500 or -1.000"))
  .transform((v) => {
    const [, sign, whole = "0", fraction = ""] = SIGNED.exec(v) ?? [];
    const n = Number(whole) * 1000 + Number(fraction.padEnd(3, "0"));
    return sign === "-" ? -n : n;
  })
  .refine((v) => v !== 0, "must not be 0");

export const createMovementInput = z.object({
  type: z
    .enum(manualMovementTypes)
    .describe(
      "receipt (from the supplier into a location), adjust (a signed correction against the adjustment location), return (from the customer back into stock), transfer (between two internal locations). consume and waste come only from production",
    )
    .meta({ example: "receipt" }),
  materialId: id("Material"),
  quantity: signedQuantity
    .describe(
      'Quantity: a decimal string, e.g. "10.000"; positive, except an adjustment, where the sign says in (+) or out (−)',
    )
    .meta({ example: "10.000" }),
  unit: z
    .enum(["base", "purchase"])
    .default("base")
    .describe(
      "base: the quantity (and unit cost) are in the material's base unit; purchase: in its purchase unit, converted by purchaseFactor",
    ),
  fromLocationId: id(
    "Source location; default: the supplier (receipt), the customer (return), the default location (transfer)",
  ).optional(),
  toLocationId: id(
    "Target location; default: the default internal location (a transfer out of it must name one). An adjustment corrects toLocationId, else fromLocationId, else the default location",
  ).optional(),
  unitCost: money("Receipts: cost of one unit (in `unit`); default: the moving average, else the catalog cost")
    .refine((v) => v >= 0, "must not be negative")
    .optional()
    .meta({ example: "8.20" }),
  reason: optionalText(500, "Why: supplier invoice, damaged piece, count…").meta({ example: "Factura F001-2231" }),
});
export type CreateMovementInput = z.infer<typeof createMovementInput>;

export const reverseMovementInput = z.object({
  id: id("Movement to correct"),
  reason: optionalText(500, "Why it is corrected").meta({ example: "Entered twice" }),
});

export const movementSort = sortable({ id: stockMovements.id, createdAt: stockMovements.createdAt }, "-id");

export const listMovementsInput = pageInput.extend({
  materialId: id("Only this material's movements").optional(),
  locationId: id("Only movements from or to this location").optional(),
  type: z.enum(movementTypes).describe("Only this type of movement").optional(),
  productionOrderId: id("Only this production order's movements").optional(),
  ordering: movementSort.ordering,
});
export type ListMovementsInput = z.infer<typeof listMovementsInput>;

export const movementOutput = z
  .object({
    id: z.number().int(),
    materialId: z.number().int(),
    type: z.enum(movementTypes).describe("receipt, consume, waste, adjust, return or transfer"),
    quantity: z
      .string()
      .describe("Always positive, in the base unit; the direction is from → to")
      .meta({ example: "10.000" }),
    fromLocationId: z.number().int(),
    toLocationId: z.number().int(),
    unitCost: moneyOutput("Cost per base unit at the time; only for roles holding costs:read")
      .meta({ example: "8.20" })
      .optional(),
    reason: z.string().nullable(),
    userId: z.number().int().nullable().describe("Who posted it"),
    productionOrderId: z.number().int().nullable().describe("Consume and waste: the production order"),
    countId: z.number().int().nullable().describe("Adjustments of a physical count: the count"),
    reversesId: z.number().int().nullable().describe("The movement this one corrects"),
    createdAt: z.date(),
  })
  .meta({ id: "StockMovement" });
export type MovementOutput = z.infer<typeof movementOutput>;

export const ledgerInput = pageInput.omit({ search: true }).extend({
  id: id("Material"),
  locationId: id("The running balance of this internal location only; default: all internal locations").optional(),
});

export const ledgerEntryOutput = movementOutput
  .extend({
    change: z.string().describe("What it did to the balance: signed, in the base unit").meta({ example: "-2.500" }),
    balance: z.string().describe("On hand after this movement (running balance)").meta({ example: "7.500" }),
  })
  .meta({ id: "LedgerEntry" });
export const ledgerOutput = paginated(ledgerEntryOutput);

export const countInput = z.object({
  note: optionalText(500, "What was counted: the warehouse, the date…").meta({ example: "Monthly count, December" }),
  lines: z
    .array(
      z.object({
        materialId: id("Material counted"),
        locationId: id("Where it was counted; default: the default location").optional(),
        counted: quantity("Quantity found").meta({ example: "7.500" }),
      }),
    )
    .min(1)
    .max(500)
    .describe("What was found, per material and location"),
});
export type CountInput = z.infer<typeof countInput>;

export const countOutput = z
  .object({
    id: z.number().int().describe("The count"),
    note: z.string().nullable(),
    createdAt: z.date(),
    lines: z.array(
      z.object({
        materialId: z.number().int(),
        locationId: z.number().int(),
        before: z.string().describe("On hand before the count").meta({ example: "8.000" }),
        counted: z.string().describe("What was found").meta({ example: "7.500" }),
        difference: z.string().describe("counted − before; 0 writes no movement").meta({ example: "-0.500" }),
      }),
    ),
    movements: z.array(movementOutput).describe("The adjustment movements the differences made"),
  })
  .meta({ id: "StockCount" });
