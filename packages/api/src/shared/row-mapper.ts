import { Column, getTableName, is, SQL, Subquery } from "drizzle-orm";
import { MySqlDateTime } from "drizzle-orm/mysql-core";

/**
 * Drizzle's row mapping (`mapResultRow` in drizzle-orm/utils), resolved once per statement
 * instead of per cell: for every cell of every row Drizzle checks what the field is (two or three
 * `is()` walks), iterates its path and tracks left-joined tables by name. On a 31-column orders
 * page that was a quarter of the page's CPU in the app (README "Fast serving path"). The result is
 * the same object, key for key: row-mapper.test.ts holds it to Drizzle's own mapping.
 *
 * Installed on a prepared select as its `customResultMapper`, the hook Drizzle's mysql2 session
 * already calls with the raw rows (arrays, in the order of its `fields`). Both are internals of
 * drizzle-orm, pinned exactly (pnpm-workspace.yaml): a statement whose internals do not look as
 * expected keeps Drizzle's own mapping.
 */
export function withCompiledRows<S>(statement: S): S {
  const internals = statement as unknown as PreparedInternals;
  if (!Array.isArray(internals.fields) || "customResultMapper" in internals === false) return statement;
  if (internals.customResultMapper !== undefined) return statement;
  const mapper = compileRowMapper(internals.fields, internals.joinsNotNullableMap);
  if (!mapper) return statement;
  internals.customResultMapper = mapper;
  // Drizzle's typeCast only keeps DATE, DATETIME and TIMESTAMP as their text (its decoders parse
  // it); mysql2's dateStrings reads the same text without a callback and a closure per cell.
  const query = internals.query;
  if (query?.rowsAsArray === true && typeof query.typeCast === "function") {
    internals.query = { sql: query.sql, rowsAsArray: true, dateStrings: ["DATE", "DATETIME", "TIMESTAMP"] };
  }
  return statement;
}

interface OrderedField {
  path: string[];
  field: unknown;
}

interface PreparedInternals {
  fields?: OrderedField[];
  customResultMapper?: (rows: unknown[][]) => unknown;
  joinsNotNullableMap?: Record<string, boolean>;
  /** The options Drizzle sends mysql2 for a mapped select. */
  query?: { sql: string; rowsAsArray?: boolean; typeCast?: unknown; dateStrings?: string[] };
}

interface Decoder {
  mapFromDriverValue(value: unknown): unknown;
}

/** One value of the row: its index in the raw row and how it is decoded. */
interface Cell {
  index: number;
  key: string;
  decoder: Decoder;
  /** The column's decoder is Column's own (identity): no call needed. */
  identity: boolean;
}

/** A top-level key of the mapped row: a value, or an object of values (a table or a nested selection). */
type Slot =
  | { kind: "value"; cell: Cell }
  | {
      kind: "object";
      key: string;
      cells: Cell[];
      /** Drizzle's rule for a left-joined table: the object is null when its first column is. */
      nullWhen?: string;
    };

const identityDecode = Column.prototype.mapFromDriverValue;

/** The mapper for Drizzle's ordered `fields`, or undefined where this shape is not covered. */
export function compileRowMapper(
  fields: OrderedField[],
  joinsNotNullableMap: Record<string, boolean> | undefined,
): ((rows: unknown[][]) => Record<string, unknown>[]) | undefined {
  const slots: Slot[] = [];
  const objects = new Map<string, Extract<Slot, { kind: "object" }>>();
  // Per object: its first column's key and table, and whether a later column comes from another table.
  const tables = new Map<string, { key: string; table: string; mixed: boolean }>();
  for (const [index, { path, field }] of fields.entries()) {
    const decoder = decoderOf(field);
    if (!decoder) return undefined;
    // Keys found on Object.prototype make Drizzle's `in` checks behave oddly; keep its own mapping.
    if (path.length === 0 || path.length > 2 || path.some((key) => key in Object.prototype)) return undefined;
    const key = path[path.length - 1] as string;
    const cell: Cell = { index, key, decoder, identity: decoder.mapFromDriverValue === identityDecode };
    if (path.length === 1) {
      slots.push({ kind: "value", cell });
      continue;
    }
    const parent = path[0] as string;
    let slot = objects.get(parent);
    if (!slot) {
      slot = { kind: "object", key: parent, cells: [] };
      objects.set(parent, slot);
      slots.push(slot);
    }
    slot.cells.push(cell);
    if (joinsNotNullableMap && is(field, Column)) {
      // As Drizzle: the first column decides, unless a later one comes from another table.
      const table = getTableName(field.table);
      const seen = tables.get(parent);
      if (!seen) tables.set(parent, { key, table, mixed: false });
      else if (seen.table !== table) seen.mixed = true;
    }
  }
  for (const [parent, { key, table, mixed }] of tables) {
    const slot = objects.get(parent);
    if (slot && !mixed && !joinsNotNullableMap?.[table]) slot.nullWhen = key;
  }
  return (rows) => {
    const out = new Array<Record<string, unknown>>(rows.length);
    for (let r = 0; r < rows.length; r++) out[r] = mapRow(rows[r] as unknown[], slots);
    return out;
  };
}

function mapRow(row: unknown[], slots: Slot[]): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (let s = 0; s < slots.length; s++) {
    const slot = slots[s] as Slot;
    if (slot.kind === "value") {
      result[slot.cell.key] = decode(row, slot.cell);
      continue;
    }
    const object: Record<string, unknown> = {};
    const cells = slot.cells;
    for (let c = 0; c < cells.length; c++) {
      const cell = cells[c] as Cell;
      object[cell.key] = decode(row, cell);
    }
    result[slot.key] = slot.nullWhen !== undefined && object[slot.nullWhen] === null ? null : object;
  }
  return result;
}

function decode(row: unknown[], cell: Cell): unknown {
  const raw = row[cell.index];
  if (raw === null) return null;
  return cell.identity ? raw : cell.decoder.mapFromDriverValue(raw);
}

/** What decodes the field's values, resolved as mapResultRow resolves it per cell. */
function decoderOf(field: unknown): Decoder | undefined {
  const decoder = drizzleDecoderOf(field);
  return is(decoder, MySqlDateTime) && decoder.mapFromDriverValue === drizzleDateTime ? dateTimeDecoder : decoder;
}

function drizzleDecoderOf(field: unknown): Decoder | undefined {
  if (is(field, Column)) return field;
  // `decoder` is internal to drizzle's SQL type (mapWith sets it); mapResultRow reads it as here.
  if (is(field, SQL)) return (field as unknown as { decoder: Decoder }).decoder;
  if (is(field, Subquery)) return (field._.sql as unknown as { decoder: Decoder }).decoder;
  const aliased = field as { sql?: { decoder?: Decoder } };
  return aliased.sql?.decoder;
}

const drizzleDateTime = MySqlDateTime.prototype.mapFromDriverValue;
const dateTimeDecoder: Decoder = { mapFromDriverValue: (text) => dateTimeOf(text as string) };
const dayStarts = new Map<string, number>();

/**
 * MySqlDateTime's decoder — `new Date(text.replace(" ", "T") + "Z")` — without building and
 * parsing a new string per cell (half of the time of the ~100 Dates of an orders page): the day's
 * UTC midnight is parsed once per day and kept, the time of day read digit by digit. Anything but
 * MariaDB's `YYYY-MM-DD HH:MM:SS[.fraction]` goes to Drizzle's decoder.
 */
export function dateTimeOf(text: string): Date {
  const length = text.length;
  if (length < 19 || length > 26 || text.charCodeAt(10) !== 32 || text.charCodeAt(13) !== 58) {
    return drizzleDateTime.call(null, text);
  }
  const hours = twoDigits(text, 11);
  const minutes = twoDigits(text, 14);
  const seconds = twoDigits(text, 17);
  const day = text.slice(0, 10);
  let midnight = dayStarts.get(day);
  if (midnight === undefined) {
    // Only "YYYY-MM-DD" (the Date parser's strict format, as Drizzle's whole text then is); a day
    // that fails it is NaN here, never kept.
    const digits = twoDigits(text, 0) + twoDigits(text, 2) + twoDigits(text, 5) + twoDigits(text, 8);
    if (!(digits >= 0) || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) {
      return drizzleDateTime.call(null, text);
    }
    midnight = new Date(`${day}T00:00:00Z`).getTime();
    if (dayStarts.size >= 4096) dayStarts.clear();
    dayStarts.set(day, midnight);
  }
  let millis = 0;
  let finer = 0;
  if (length > 19) {
    if (length === 20 || text.charCodeAt(19) !== 46) return drizzleDateTime.call(null, text);
    // Date parsing keeps milliseconds and drops finer digits; so does this.
    for (let i = 20; i < 23; i++) millis = millis * 10 + (i < length ? digit(text, i) : 0);
    for (let i = 23; i < length; i++) finer += digit(text, i);
  }
  // Written so that a NaN (a character that is not a digit) fails it.
  const valid = hours <= 23 && minutes <= 59 && seconds <= 59 && millis >= 0 && finer >= 0 && midnight >= -8.64e15;
  if (!valid || text.charCodeAt(16) !== 58) return drizzleDateTime.call(null, text);
  return new Date(midnight + ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis);
}

/** The digit at `i`, or NaN (which fails the checks of dateTimeOf). */
function digit(text: string, i: number): number {
  const d = text.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : Number.NaN;
}

const twoDigits = (text: string, i: number) => digit(text, i) * 10 + digit(text, i + 1);
