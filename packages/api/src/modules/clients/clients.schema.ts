import { clientKinds, clients } from "@fotostudio/db";
import { z } from "zod";
import { flag, id, moneyOutput, optionalEmail, optionalText, phone, text } from "../../shared/fields.js";
import { pageInput, sortable } from "../../shared/list.js";
import { clientStats } from "./client-stats.js";

export const clientKind = z
  .enum(clientKinds)
  .describe(
    "person (particular: name and phone required, DNI optional), school (colegio) or company (empresa): name, contact person, phone and RUC required",
  )
  .meta({ example: "person" });

const clientFields = {
  kind: clientKind.default("person"),
  name: text(200, "Full name; a school's institution name; a company's legal name").meta({
    example: "Ana Quispe Mamani",
  }),
  taxId: optionalText(
    32,
    "Document: a person's DNI (8 digits) or RUC (11 digits starting 10); a school's or company's RUC (11 digits starting 10, 15, 17 or 20)",
  ).meta({ example: "45678912" }),
  contactName: optionalText(200, "The person to talk to at a school or company (required for them)").meta({
    example: "Rosa Huamán (directora)",
  }),
  email: optionalEmail("Contact e-mail"),
  phone: phone(),
  address: optionalText(500, "Postal address").meta({ example: "Av. Arequipa 1234, Lima" }),
  notes: optionalText(5000, "Free notes for the studio's staff").meta({ example: "Prefers WhatsApp in the afternoon" }),
  whatsappOptIn: flag.default(false).describe("The client agreed to WhatsApp messages"),
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
  contactName: clientFields.contactName.optional(),
  email: clientFields.email.optional(),
  phone: clientFields.phone.optional(),
  address: clientFields.address.optional(),
  notes: clientFields.notes.optional(),
  whatsappOptIn: flag.optional(),
});
export type PatchClientInput = z.infer<typeof patchClientInput>;
export type ClientChanges = Omit<PatchClientInput, "id">;

// The stats sort by their select aliases: computed per row, never stored.
const byAlias = (alias: string) => clientStats.orderBy(alias);

export const clientSort = sortable(
  {
    name: clients.name,
    createdAt: clients.createdAt,
    updatedAt: clients.updatedAt,
    id: clients.id,
    ordersCount: byAlias("ordersCount"),
    totalSpent: byAlias("totalSpent"),
    lastOrderAt: byAlias("lastOrderAt"),
  },
  "name",
);

export const listClientsInput = pageInput.extend({
  kind: clientKind.describe("Only persons, only schools or only companies").optional(),
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
    contactName: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    address: z.string().nullable(),
    notes: z.string().nullable(),
    whatsappOptIn: z.boolean(),
    ordersCount: z.number().int().describe("Orders past the quote, not cancelled").meta({ example: 3 }),
    totalSpent: moneyOutput("What those orders total").meta({ example: "420.00" }),
    lastOrderAt: z.date().nullable().describe("When the newest of them was made; null when none"),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: "Client" });
export type Client = z.infer<typeof clientOutput>;
