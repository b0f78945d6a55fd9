import { z } from "zod";
import { orderingInput, pageInput } from "../../shared/pagination.js";

export const clientKind = z.enum(["person", "school"]).describe("person (particular) or school (colegio)");

/** Optional text: legacy forms send "" for an empty field, which we store as null. */
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));

const clientFields = {
  kind: clientKind.default("person"),
  name: z.string().trim().min(1).max(200).describe("Full name, or the school's name"),
  taxId: optionalText(32).describe("Tax id (RUC / NIT / RFC…)"),
  email: z
    .union([z.literal(""), z.email().max(254)])
    .nullish()
    .transform((v) => (v ? v.toLowerCase() : null))
    .describe("Contact e-mail"),
  phone: z
    .union([
      z.literal(""),
      z
        .string()
        .trim()
        .regex(/^\+?[0-9 ()-]{5,32}$/, "digits, spaces, ( ) - and a leading + only"),
    ])
    .nullish()
    .transform((v) => (v ? v : null))
    .describe("Phone, with country code for WhatsApp"),
  address: optionalText(500).describe("Postal address"),
  notes: optionalText(5000).describe("Free notes for the studio's staff"),
  whatsappOptIn: z.boolean().default(false).describe("The client agreed to WhatsApp messages"),
};

export const createClientInput = z.object(clientFields);
export type CreateClientInput = z.infer<typeof createClientInput>;

/** PUT: the whole client. */
export const replaceClientInput = z.object({ id: z.number().int().positive(), ...clientFields });

/** PATCH: only the fields sent change. */
export const patchClientInput = z.object({
  id: z.number().int().positive(),
  kind: clientKind.optional(),
  name: clientFields.name.optional(),
  taxId: clientFields.taxId.optional(),
  email: clientFields.email.optional(),
  phone: clientFields.phone.optional(),
  address: clientFields.address.optional(),
  notes: clientFields.notes.optional(),
  whatsappOptIn: z.boolean().optional(),
});
export type PatchClientInput = z.infer<typeof patchClientInput>;

export const clientOrderings = ["name", "createdAt", "updatedAt", "id"] as const;

export const listClientsInput = pageInput.extend({
  kind: clientKind.describe("Only persons or only schools").optional(),
  ordering: orderingInput(clientOrderings, "name"),
});
export type ListClientsInput = z.infer<typeof listClientsInput>;

export const listSchoolsInput = pageInput.extend({
  ordering: orderingInput(clientOrderings, "name"),
});

export const clientOutput = z
  .object({
    id: z.number().int(),
    kind: clientKind,
    name: z.string(),
    taxId: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    address: z.string().nullable(),
    notes: z.string().nullable(),
    whatsappOptIn: z.boolean(),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: "Client" });
export type Client = z.infer<typeof clientOutput>;
