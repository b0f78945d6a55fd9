import { Column, getTableName, is, SQL, Subquery } from "drizzle-orm";

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
  if (is(field, Column)) return field;
  // `decoder` is internal to drizzle's SQL type (mapWith sets it); mapResultRow reads it as here.
  if (is(field, SQL)) return (field as unknown as { decoder: Decoder }).decoder;
  if (is(field, Subquery)) return (field._.sql as unknown as { decoder: Decoder }).decoder;
  const aliased = field as { sql?: { decoder?: Decoder } };
  return aliased.sql?.decoder;
}
