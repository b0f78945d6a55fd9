import { locationKinds } from "@fotostudio/db";
import { z } from "zod";
import { flag, id, text } from "../../../shared/fields.js";

const fields = {
  code: text(50, "Short code, unique in the studio").meta({ example: "TALLER" }),
  name: text(200, "Name").meta({ example: "Taller de enmarcado" }),
  isDefault: flag
    .default(false)
    .describe("The default location (receipts and production use it); only one: setting it moves the mark here"),
  active: flag.default(true).describe("An inactive location takes no more stock in"),
};

export const createLocationInput = z.object(fields);
export type CreateLocationInput = z.infer<typeof createLocationInput>;

export const replaceLocationInput = z.object({ id: id("Location"), ...fields });

export const patchLocationInput = z.object({
  id: id("Location"),
  code: fields.code.optional(),
  name: fields.name.optional(),
  isDefault: flag.describe("Make it the default location (true); the default cannot be unset, only moved").optional(),
  active: flag.describe("Active").optional(),
});
export type PatchLocationInput = z.infer<typeof patchLocationInput>;

export const locationOutput = z
  .object({
    id: z.number().int(),
    code: z.string(),
    name: z.string(),
    kind: z
      .enum(locationKinds)
      .describe("internal (the studio's own) or the virtual supplier, customer, production, scrap, adjustment"),
    isDefault: z.boolean(),
    active: z.boolean(),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: "StockLocation" });
