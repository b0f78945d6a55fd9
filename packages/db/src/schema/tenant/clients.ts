import { boolean, index, mysqlEnum, mysqlTable, text, varchar } from "drizzle-orm/mysql-core";
import { id, timestamps } from "../columns.js";

export const clientKinds = ["person", "school", "company"] as const;
export type ClientKind = (typeof clientKinds)[number];

/**
 * A studio's customer: a person (particular), a school (colegio) that signs contracts, or a company
 * (empresa). `taxId` is the document: DNI for persons, RUC for schools and companies.
 */
export const clients = mysqlTable(
  "clients",
  {
    id: id(),
    kind: mysqlEnum(clientKinds).notNull().default("person"),
    name: varchar({ length: 200 }).notNull(),
    taxId: varchar({ length: 32 }),
    /** The person to talk to at a school or company. */
    contactName: varchar({ length: 200 }),
    email: varchar({ length: 254 }),
    phone: varchar({ length: 32 }),
    address: varchar({ length: 500 }),
    notes: text(),
    whatsappOptIn: boolean().notNull().default(false),
    ...timestamps,
  },
  (t) => [
    index("clients_kind_name_idx").on(t.kind, t.name),
    index("clients_name_idx").on(t.name),
    index("clients_email_idx").on(t.email),
    index("clients_tax_id_idx").on(t.taxId),
    index("clients_created_idx").on(t.createdAt),
  ],
);

export type ClientRow = typeof clients.$inferSelect;
export type NewClientRow = typeof clients.$inferInsert;
