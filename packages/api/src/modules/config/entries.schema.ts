import { configEntries } from "@fotostudio/db";
import { z } from "zod";
import { id, optionalText } from "../../shared/fields.js";
import { pageInput, sortable } from "../../shared/list.js";

// Free key/value entries for integrators (the seed's /config/ routes): a key unique in the
// studio, any JSON value up to 16 KB serialized.

export const ENTRY_VALUE_MAX_BYTES = 16 * 1024;

const key = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_.:-]+$/, "letters, digits and _ . : - only")
  .describe("Key, unique in the studio: letters, digits and _ . : -")
  .meta({ example: "integrations.erp.lastSync" });

/** Plain JSON all the way down (the SDK could send a Date, a Map or NaN, which JSON cannot keep). */
function isJson(value: unknown): boolean {
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isJson);
  if (typeof value !== "object") return false;
  const proto = Object.getPrototypeOf(value);
  return (proto === Object.prototype || proto === null) && Object.values(value).every(isJson);
}

/**
 * Any JSON value: one level spelled out (the docs show the six JSON types), the rest checked by
 * isJson. Not z.json(): a recursive schema the document's example walker cannot follow.
 */
export const jsonValue = z.union([
  z.record(z.string(), z.unknown()),
  z.array(z.unknown()),
  z.string(),
  z.number(),
  z.boolean(),
  z.null(),
]);
export type JsonValue = z.infer<typeof jsonValue>;

const value = jsonValue
  .refine(isJson, "only JSON values (objects, arrays, strings, finite numbers, booleans, null)")
  .refine(
    (v) => new TextEncoder().encode(JSON.stringify(v)).length <= ENTRY_VALUE_MAX_BYTES,
    `at most ${ENTRY_VALUE_MAX_BYTES} bytes as JSON`,
  )
  .describe(
    `Any JSON value (object, array, string, number, boolean or null), at most ${ENTRY_VALUE_MAX_BYTES} bytes serialized`,
  )
  .meta({ example: { cursor: "2026-03-01T00:00:00Z", enabled: true } });

const description = optionalText(500, "What the entry is for").meta({ example: "Where the ERP sync left off" });

export const createEntryInput = z.object({ key, value, description });
export type CreateEntryInput = z.infer<typeof createEntryInput>;

/** PUT: the whole entry; an omitted description becomes empty. */
export const replaceEntryInput = createEntryInput.extend({ id: id("Config entry") });

/** PATCH: only the fields sent change. */
export const patchEntryInput = z.object({
  id: id("Config entry"),
  key: key.optional(),
  value: value.optional(),
  description: description.optional(),
});
export type PatchEntryInput = z.infer<typeof patchEntryInput>;

export const entrySort = sortable(
  {
    key: configEntries.key,
    createdAt: configEntries.createdAt,
    updatedAt: configEntries.updatedAt,
    id: configEntries.id,
  },
  "key",
);

export const listEntriesInput = pageInput.extend({
  key: z.string().trim().max(100).describe("Only the entry with exactly this key").optional(),
  ordering: entrySort.ordering,
});
export type ListEntriesInput = z.infer<typeof listEntriesInput>;

export const entryOutput = z
  .object({
    id: z.number().int(),
    key: z.string(),
    value: jsonValue.describe("The stored JSON value"),
    description: z.string().nullable(),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: "ConfigEntry" });
export type Entry = z.infer<typeof entryOutput>;
