import type { TRPCResponse } from "@trpc/server/rpc";
import superjson, { type SuperJSONResult } from "superjson";
import { isoString } from "./iso-string.js";

/**
 * `superjson.serialize`, byte for byte, for what procedures return: plain objects and arrays of
 * strings, finite numbers, booleans, null and valid Dates, each object reached once. That is about
 * a sixth of a tRPC list's CPU through superjson's general walker (identity maps, path arrays per
 * value), a few percent here. Anything else — undefined, Map, Set, BigInt, class instances, NaN,
 * -0, a shared reference, a key superjson would escape — is handed to superjson itself, untouched.
 */
export function serializeOutput(value: unknown): SuperJSONResult {
  try {
    if (value instanceof Date) throw UNUSUAL; // superjson annotates a root value differently
    const state: State = { seen: new Set(), values: {}, count: 0 };
    const json = walk(value, state, "");
    return (state.count ? { json, meta: { values: state.values, v: 1 } } : { json }) as SuperJSONResult;
  } catch (error) {
    if (error !== UNUSUAL) throw error;
    return superjson.serialize(value);
  }
}

const UNUSUAL = Symbol("unusual value: superjson's own walker handles it");

interface State {
  seen: Set<object>;
  /** The annotations, keyed by full path ("results.0.createdAt"), in superjson's order. */
  values: Record<string, [string]>;
  count: number;
}

/**
 * Superjson merges annotations per container: each object and array collects its children's in an
 * object of its own, which its parent flattens under its key. So they come in walk order, except
 * that JavaScript puts integer-like keys first in that object: a Date at an index (or at a key
 * such as "1") whose container already holds a deeper annotation would move ahead of it. That one
 * case goes to superjson; everything else is written once, under its full path.
 */
function walk(value: unknown, state: State, prefix: string): unknown {
  switch (typeof value) {
    case "string":
    case "boolean":
      return value;
    case "number":
      if (!Number.isFinite(value) || Object.is(value, -0)) throw UNUSUAL;
      return value;
    case "object":
      return value === null ? null : container(value, state, prefix);
    default:
      throw UNUSUAL;
  }
}

function container(value: object, state: State, prefix: string): unknown {
  const { seen } = state;
  if (seen.has(value)) throw UNUSUAL;
  seen.add(value);
  const proto = Object.getPrototypeOf(value);
  if (proto === Date.prototype) throw UNUSUAL; // a Date is its parent's to annotate, under its key
  const before = state.count;
  let direct = 0; // this container's own Date annotations (the rest since `before` are deeper ones)
  if (proto === Array.prototype) {
    const items = value as unknown[];
    const array: unknown[] = new Array(items.length);
    for (let i = 0; i < items.length; i++) {
      if (!(i in items)) throw UNUSUAL;
      const item = items[i];
      if (typeof item !== "object" || item === null) array[i] = walk(item, state, "");
      else if (item instanceof Date) {
        if (state.count - before > direct) throw UNUSUAL; // superjson would put this index first
        array[i] = date(item, state, `${prefix}${i}`);
        direct++;
      } else array[i] = container(item, state, `${prefix}${i}.`);
    }
    return array;
  }
  if (proto !== Object.prototype && proto !== null) throw UNUSUAL;
  // A spread copies the own enumerable values in their order at a fraction of the cost of adding
  // them one by one; only the values that change (Dates, containers) are written again.
  const record: Record<string, unknown> = { ...value };
  for (const key in record) {
    if (!Object.hasOwn(record, key)) continue;
    if (key === "__proto__" || key === "constructor" || key === "prototype") throw UNUSUAL; // superjson throws
    const item = record[key];
    if (typeof item !== "object" || item === null) {
      if (typeof item !== "string" && typeof item !== "boolean" && item !== null) walk(item, state, "");
    } else if (item instanceof Date) {
      if (state.count - before > direct && isIndex(key)) throw UNUSUAL;
      record[key] = date(item, state, pathKey(prefix, key));
      direct++;
    } else record[key] = container(item, state, `${pathKey(prefix, key)}.`);
  }
  return record;
}

/** A key in an annotation's path; superjson escapes "." and "\\" there: those go to superjson. */
function pathKey(prefix: string, key: string): string {
  if (key.includes(".") || key.includes("\\")) throw UNUSUAL;
  return prefix + key;
}

function date(value: Date, state: State, path: string): string {
  if (Object.getPrototypeOf(value) !== Date.prototype || state.seen.has(value)) throw UNUSUAL;
  const time = value.getTime();
  if (Number.isNaN(time)) throw UNUSUAL;
  state.seen.add(value);
  state.values[path] = ["Date"];
  state.count++;
  return isoString(value, time);
}

/** A key JavaScript orders before the others in an object (an array index). */
function isIndex(key: string): boolean {
  return /^(0|[1-9]\d*)$/.test(key) && Number(key) < 4294967295;
}

/**
 * tRPC's `transformTRPCResponse` for a superjson router: results through `serializeOutput`,
 * error shapes through superjson as before (they are small and rare).
 */
export function serializeResponse(items: TRPCResponse | TRPCResponse[]): unknown {
  const one = (item: TRPCResponse) =>
    "error" in item
      ? { ...item, error: superjson.serialize(item.error) }
      : { ...item, result: { ...item.result, data: serializeOutput(item.result.data) } };
  return Array.isArray(items) ? items.map(one) : one(items);
}
