import { productKinds, productStatuses, products } from "@fotostudio/db";
import { z } from "zod";
import { id, money, moneyOutput, optionalText, text } from "../../shared/fields.js";
import { pageInput, sortable } from "../../shared/list.js";

export const productKind = z
  .enum(productKinds)
  .describe("What it is: frame (cuadro enmarcado), print, souvenir (recordatorio), graduation piece, painting, other")
  .meta({ example: "frame" });

export const productStatus = z
  .enum(productStatuses)
  .describe("available ↔ reserved (for an order) → sold → delivered; available → damaged. Sold only through sell")
  .meta({ example: "available" });

const fields = {
  code: z
    .string()
    .trim()
    .min(1)
    .max(50)
    .describe("The studio's own code, unique; omitted: generated as PT-<year>-<sequence>")
    .meta({ example: "MARCO-30X40-017" })
    .optional(),
  description: text(500, "What the piece is").meta({ example: "Marco nogal 30×40 con vidrio y paspartú" }),
  kind: productKind.default("other"),
  locationId: id("Internal stock location (where it is kept)")
    .nullish()
    .describe(
      "An internal, active stock location of the studio (422 for a virtual or inactive one); omitted with no shelf: the default location",
    ),
  shelf: optionalText(100, "Shelf or place where it is kept (estante), as text").meta({ example: "Vitrina A-3" }),
  price: money("Sale price").default(0),
};

/** POST: a piece entered by hand (production creates its own through register). */
export const createProductInput = z.object({
  ...fields,
  orderId: id("Order the piece is reserved for (it starts reserved)").optional(),
});
export type CreateProductInput = z.infer<typeof createProductInput>;

/** PUT: every editable field; omitted optional ones become empty (a code omitted keeps its code). */
export const replaceProductInput = z.object({ id: id("Product"), ...fields });

/** PATCH: only the fields sent change. */
export const patchProductInput = z.object({
  id: id("Product"),
  code: fields.code,
  description: fields.description.optional(),
  kind: productKind.optional(),
  locationId: fields.locationId,
  shelf: fields.shelf.optional(),
  price: money("Sale price").optional(),
});
export type PatchProductInput = z.infer<typeof patchProductInput>;
export type ProductChanges = Omit<PatchProductInput, "id">;

export const productSort = sortable(
  {
    code: products.code,
    description: products.description,
    price: products.price,
    status: products.status,
    createdAt: products.createdAt,
    updatedAt: products.updatedAt,
    id: products.id,
  },
  "-createdAt",
);

const filters = {
  kind: productKind.describe("Only products of this kind").optional(),
  orderId: id("Only products made for, reserved for or sold under this order").optional(),
  ordering: productSort.ordering,
};

export const listProductsInput = pageInput.extend({
  status: productStatus.describe("Only products in this state").optional(),
  ...filters,
});
export type ListProductsInput = z.infer<typeof listProductsInput>;

export const statusProductsInput = pageInput.extend({
  status: productStatus.describe("The state to list"),
  ...filters,
});

export const locationProductsInput = pageInput.extend({
  location: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .describe(
      "An internal location's id (digits) or code (PRINCIPAL), else a shelf text; 404 when it names no internal location and no product's shelf",
    )
    .meta({ example: "PRINCIPAL" }),
  status: productStatus.describe("Only products in this state").optional(),
  ...filters,
});
export type LocationProductsInput = z.infer<typeof locationProductsInput>;

export const sellProductInput = z.object({
  id: id("Product"),
  orderId: id("The order it is sold under; a product reserved for an order sells only under that order").optional(),
});
export type SellProductInput = z.infer<typeof sellProductInput>;

/** The moves transition makes; `sold` only through sell (it takes the order and is idempotent). */
export const productMoves = ["reserved", "available", "delivered", "damaged"] as const;

export const transitionProductInput = z.object({
  id: id("Product"),
  to: z
    .enum(productMoves)
    .describe(
      "reserved (needs orderId unless it has one), available (releases the reservation), delivered (a sold piece handed over), damaged (from available)",
    )
    .meta({ example: "delivered" }),
  orderId: id("Reserving: the order it is set aside for").optional(),
  reason: optionalText(500, "Why (kept in the audit log)").meta({ example: "Cracked glass" }),
});
export type TransitionProductInput = z.infer<typeof transitionProductInput>;

export const productOutput = z
  .object({
    id: z.number().int(),
    code: z.string().describe("Unique code: PT-2026-000012 when generated").meta({ example: "PT-2026-000012" }),
    description: z.string(),
    kind: productKind,
    status: productStatus,
    price: moneyOutput("Sale price").meta({ example: "180.00" }),
    productionOrderId: z.number().int().nullable().describe("The production order that made it"),
    orderId: z.number().int().nullable().describe("The order it was made or is reserved for"),
    location: z
      .object({
        id: z.number().int(),
        code: z.string().meta({ example: "PRINCIPAL" }),
        name: z.string().meta({ example: "Principal" }),
      })
      .nullable()
      .describe("The internal stock location where it is kept, if any"),
    shelf: z.string().nullable().describe("Shelf text (estante), if any"),
    soldOrderId: z.number().int().nullable().describe("The order it was sold under (null: a counter sale)"),
    soldAt: z.date().nullable(),
    soldBy: z.number().int().nullable().describe("The user who sold it"),
    deliveredAt: z.date().nullable(),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: "Product" });
export type Product = z.infer<typeof productOutput>;
