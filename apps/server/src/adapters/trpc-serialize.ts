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
  const fast = annotated(value);
  if (!fast) return superjson.serialize(value);
  const { json, paths } = fast;
  if (paths.length === 0) return { json } as SuperJSONResult;
  const values: Record<string, [string]> = {};
  for (const path of paths) values[path] = ["Date"];
  return { json, meta: { values, v: 1 } } as SuperJSONResult;
}

/** superjson's `json` and the paths of its Date annotations in its order, or undefined: superjson's case. */
function annotated(value: unknown): { json: unknown; paths: string[] } | undefined {
  try {
    if (value instanceof Date) throw UNUSUAL; // superjson annotates a root value differently
    const state: State = { seen: new Set(), paths: [] };
    return { json: walk(value, state, ""), paths: state.paths };
  } catch (error) {
    if (error !== UNUSUAL) throw error;
    return undefined;
  }
}

const UNUSUAL = Symbol("unusual value: superjson's own walker handles it");

interface State {
  seen: Set<object>;
  /** The Date annotations' full paths ("results.0.createdAt"), in superjson's order. */
  paths: string[];
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
  const before = state.paths.length;
  let direct = 0; // this container's own Date annotations (the rest since `before` are deeper ones)
  if (proto === Array.prototype) {
    const items = value as unknown[];
    const array: unknown[] = new Array(items.length);
    for (let i = 0; i < items.length; i++) {
      if (!(i in items)) throw UNUSUAL;
      const item = items[i];
      if (typeof item !== "object" || item === null) array[i] = walk(item, state, "");
      else if (item instanceof Date) {
        if (state.paths.length - before > direct) throw UNUSUAL; // superjson would put this index first
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
      if (state.paths.length - before > direct && isIndex(key)) throw UNUSUAL;
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
  state.paths.push(path);
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

/**
 * `JSON.stringify(serializeResponse(items))`, the same text, with the annotations written as text:
 * as keys of the `values` object every path ("0.results.12.createdAt", ~300 in a batch of three
 * pages) was a new string V8 hashes into its string table, which was most of the serializer's time
 * on a Date. A result of another shape, or a path JavaScript would order first in an object (an
 * integer-like one), takes the object's way.
 */
export function responseText(items: TRPCResponse | TRPCResponse[]): string {
  if (!Array.isArray(items)) return itemText(items);
  let text = "[";
  for (let i = 0; i < items.length; i++) text += (i ? "," : "") + itemText(items[i] as TRPCResponse);
  return `${text}]`;
}

function itemText(item: TRPCResponse): string {
  const fast = plainResult(item) ? annotated(item.result.data) : undefined;
  if (!fast || fast.paths.some(isIndex)) return JSON.stringify(serializeResponse(item));
  // walk() never gives undefined (superjson's walker takes that), so this is always text.
  let data = `{"json":${JSON.stringify(fast.json)}`;
  if (fast.paths.length > 0) {
    data += ',"meta":{"values":{';
    for (let i = 0; i < fast.paths.length; i++) data += `${i ? "," : ""}${JSON.stringify(fast.paths[i])}:["Date"]`;
    data += '},"v":1}';
  }
  return `{"result":{"data":${data}}}}`;
}

/** `{ result: { data } }` and nothing else: what the fast adapter answers for a call that succeeded. */
function plainResult(item: TRPCResponse): item is { result: { data: unknown } } {
  if (!("result" in item) || Object.keys(item).length !== 1) return false;
  const result = item.result as object;
  return Object.getPrototypeOf(result) === Object.prototype && Object.keys(result).join() === "data";
}
