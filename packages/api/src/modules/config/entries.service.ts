import { type ConfigEntryRow, configEntries, type Executor } from "@fotostudio/db";
import { and, count, eq, getTableColumns, ne, sql } from "drizzle-orm";
import { AppError } from "../../errors.js";
import type { Change, Updated } from "../../shared/changes.js";
import { listPage, type Page } from "../../shared/list.js";
import {
  type CreateEntryInput,
  type Entry,
  entrySort,
  type ListEntriesInput,
  type PatchEntryInput,
} from "./entries.schema.js";

type EntryChanges = Omit<PatchEntryInput, "id">;

/**
 * The value read as its JSON text and parsed here: MariaDB keeps JSON as text (the driver hands
 * back a string) while MySQL's JSON type arrives parsed, and a JSON string value must not be
 * mistaken for either.
 */
const entryColumns = {
  ...getTableColumns(configEntries),
  value: sql<string>`cast(${configEntries.value} as char)`,
};
const toEntry = (row: Omit<ConfigEntryRow, "value"> & { value: string }): Entry => ({
  ...row,
  value: JSON.parse(row.value),
});
/** JSON null is a value like any other, not SQL NULL (which the column refuses). */
const asJson = (value: unknown) => sql`${JSON.stringify(value)}`;

export async function listEntries(db: Executor, input: ListEntriesInput): Promise<Page<Entry>> {
  const page = await listPage(
    {
      rows: db.select(entryColumns).from(configEntries).$dynamic(),
      count: db.select({ n: count() }).from(configEntries).$dynamic(),
    },
    input,
    {
      sort: entrySort,
      tiebreak: configEntries.id,
      search: [configEntries.key, configEntries.description],
      filters: [input.key && eq(configEntries.key, input.key)],
    },
  );
  return { ...page, results: page.results.map(toEntry) };
}

/** The entry, or 404; `lock` takes its row lock for the rest of the transaction. */
export async function getEntry(db: Executor, id: number, opts: { lock?: boolean } = {}): Promise<Entry> {
  const query = db.select(entryColumns).from(configEntries).where(eq(configEntries.id, id)).limit(1);
  const [row] = await (opts.lock ? query.for("update") : query);
  if (!row) throw new AppError("NOT_FOUND", `Config entry ${id} not found`);
  return toEntry(row);
}

/** Keys are unique in the studio (the unique index has the last word when two requests race). */
async function assertKeyFree(db: Executor, key: string, except?: number): Promise<void> {
  const [taken] = await db
    .select({ id: configEntries.id })
    .from(configEntries)
    .where(and(eq(configEntries.key, key), except === undefined ? undefined : ne(configEntries.id, except)))
    .limit(1);
  if (taken) {
    throw new AppError("CONFLICT", `An entry with the key "${key}" already exists`, {
      issues: [{ path: "key", message: "Taken", code: "taken" }],
    });
  }
}

export async function createEntry(db: Executor, input: CreateEntryInput): Promise<Updated<Entry>> {
  await assertKeyFree(db, input.key);
  const [result] = await db
    .insert(configEntries)
    .values({ ...input, value: asJson(input.value) })
    .$returningId();
  if (!result) throw new Error("insert returned no id");
  return { before: null, after: await getEntry(db, result.id) };
}

export async function updateEntry(db: Executor, id: number, changes: EntryChanges): Promise<Updated<Entry>> {
  const before = await getEntry(db, id, { lock: true });
  if (Object.keys(changes).length === 0) return { before, after: before };
  if (changes.key !== undefined) await assertKeyFree(db, changes.key, id);
  const { value, ...rest } = changes;
  await db
    .update(configEntries)
    .set({ ...rest, ...(value !== undefined && { value: asJson(value) }) })
    .where(eq(configEntries.id, id));
  return { before, after: await getEntry(db, id) };
}

export async function deleteEntry(db: Executor, id: number): Promise<Change<Entry>> {
  const before = await getEntry(db, id, { lock: true });
  await db.delete(configEntries).where(eq(configEntries.id, id));
  return { before, after: null };
}
