import { clientKinds, clients } from "@fotostudio/db";
import { z } from "zod";
import { id, optionalEmail, optionalText, phone, text } from "../../shared/fields.js";
import { pageInput, sortable } from "../../shared/list.js";

export const clientKind = z.enum(clientKinds).describe("person (particular) or school (colegio)");

const clientFields = {
  kind: clientKind.default("person"),
  name: text(200, "Full name, or the school's name").meta({ example: "Ana Quispe Mamani" }),
  taxId: optionalText(32, "Tax id (RUC / DNI)").meta({ example: "20123456789" }),
  email: optionalEmail("Contact e-mail"),
  phone: phone(),
  address: optionalText(500, "Postal address").meta({ example: "Av. Arequipa 1234, Lima" }),
  notes: optionalText(5000, "Free notes for the studio's staff").meta({ example: "Prefers WhatsApp in the afternoon" }),
  whatsappOptIn: z.boolean().default(false).describe("The client agreed to WhatsApp messages"),
};

export const createClientInput = z.object(clientFields);
export type CreateClientInput = z.infer<typeof createClientInput>;

/** PUT: the whole client; omitted optional fields become empty. */
export const replaceClientInput = z.object({ id: id("Client"), ...clientFields });

/** PATCH: only the fields sent change. */
export const patchClientInput = z.object({
  id: id("Client"),
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

export const clientSort = sortable(
  { name: clients.name, createdAt: clients.createdAt, updatedAt: clients.updatedAt, id: clients.id },
  "name",
);

export const listClientsInput = pageInput.extend({
  kind: clientKind.describe("Only persons or only schools").optional(),
  ordering: clientSort.ordering,
});
export type ListClientsInput = z.infer<typeof listClientsInput>;

export const listSchoolsInput = pageInput.extend({ ordering: clientSort.ordering });

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
