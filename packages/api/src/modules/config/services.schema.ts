import { services } from "@fotostudio/db";
import { z } from "zod";
import { flag, id, money, moneyOutput, optionalText, text } from "../../shared/fields.js";
import { pageInput, sortable } from "../../shared/list.js";

// The studio's service catalog (Impresión Minilab, Enmarcado…): what an order is for, with a base price.

const serviceFields = {
  name: text(120, "Name, unique in the studio").meta({ example: "Foto Carnet" }),
  description: optionalText(500, "What the service is").meta({ example: "Passport photos, six per sheet" }),
  basePrice: money("Base price")
    .refine((v) => v >= 0, "must not be negative")
    .meta({ example: "1.50" }),
  estimatedDays: z.number().int().min(0).max(365).describe("Days it usually takes to deliver").meta({ example: 1 }),
  active: flag.describe("Inactive services stay on past orders but are not offered for new ones"),
};

export const createServiceInput = z.object({
  ...serviceFields,
  basePrice: serviceFields.basePrice.default(0),
  estimatedDays: serviceFields.estimatedDays.default(0),
  active: serviceFields.active.default(true),
});
export type CreateServiceInput = z.infer<typeof createServiceInput>;

/** PUT: the whole service; omitted optional fields become empty or their default. */
export const replaceServiceInput = createServiceInput.extend({ id: id("Service") });

/** PATCH: only the fields sent change. */
export const patchServiceInput = z.object({
  id: id("Service"),
  name: serviceFields.name.optional(),
  description: serviceFields.description.optional(),
  basePrice: serviceFields.basePrice.optional(),
  estimatedDays: serviceFields.estimatedDays.optional(),
  active: serviceFields.active.optional(),
});
export type PatchServiceInput = z.infer<typeof patchServiceInput>;

export const serviceSort = sortable(
  {
    name: services.name,
    basePrice: services.basePrice,
    estimatedDays: services.estimatedDays,
    createdAt: services.createdAt,
    id: services.id,
  },
  "name",
);

export const listServicesInput = pageInput.extend({
  active: flag.describe("Only active (true) or inactive (false) services").optional(),
  ordering: serviceSort.ordering,
});
export type ListServicesInput = z.infer<typeof listServicesInput>;

export const serviceOutput = z
  .object({
    id: z.number().int(),
    name: z.string(),
    description: z.string().nullable(),
    basePrice: moneyOutput("Base price").meta({ example: "1.50" }),
    estimatedDays: z.number().int(),
    active: z.boolean(),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: "Service" });
export type Service = z.infer<typeof serviceOutput>;
