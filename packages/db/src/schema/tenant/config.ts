import {
  boolean,
  decimal,
  index,
  int,
  json,
  mysqlEnum,
  mysqlTable,
  uniqueIndex,
  varchar,
} from "drizzle-orm/mysql-core";
import { id, instant, ref, timestamps } from "../columns.js";

/** The typed setting groups of a studio (their fields, defaults and rules live in @fotostudio/api config). */
export const settingGroups = ["business", "system", "alerts", "security", "backup"] as const;
export type SettingGroup = (typeof settingGroups)[number];

/**
 * One row per changed group: the group's values as JSON. A group never saved reads as its defaults,
 * so a field added by a later release needs no data migration.
 */
export const settings = mysqlTable("settings", {
  group: mysqlEnum(settingGroups).primaryKey(),
  value: json().$type<Record<string, unknown>>().notNull(),
  updatedBy: ref(),
  updatedAt: instant()
    .notNull()
    .$defaultFn(() => new Date())
    .$onUpdate(() => new Date()),
});
export type SettingsRow = typeof settings.$inferSelect;

/** The studio's service catalog (Impresión Minilab, Enmarcado…): what an order is for, with a base price. */
export const services = mysqlTable(
  "services",
  {
    id: id(),
    name: varchar({ length: 120 }).notNull(),
    description: varchar({ length: 500 }),
    basePrice: decimal({ precision: 14, scale: 2 }).notNull().default("0.00"),
    estimatedDays: int().notNull().default(0),
    active: boolean().notNull().default(true),
    ...timestamps,
  },
  (t) => [uniqueIndex("services_name_uq").on(t.name)],
);
export type ServiceRow = typeof services.$inferSelect;

/** Free key/value entries for integrators (the seed's `config/` routes). */
export const configEntries = mysqlTable(
  "config_entries",
  {
    id: id(),
    key: varchar({ length: 100 }).notNull(),
    value: json().$type<unknown>().notNull(),
    description: varchar({ length: 500 }),
    ...timestamps,
  },
  (t) => [uniqueIndex("config_entries_key_uq").on(t.key), index("config_entries_created_idx").on(t.createdAt)],
);
export type ConfigEntryRow = typeof configEntries.$inferSelect;
