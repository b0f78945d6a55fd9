import type { TRPCResponse } from "@trpc/server/rpc";
import superjson, { type SuperJSONResult } from "superjson";

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
    const seen = new Set<object>();
    const annotations: Annotations = {};
    const json = walk(value, seen, annotations, "");
    for (const _ in annotations) return { json, meta: { values: annotations, v: 1 } } as SuperJSONResult;
    return { json } as SuperJSONResult;
  } catch (error) {
    if (error !== UNUSUAL) throw error;
    return superjson.serialize(value);
  }
}

const UNUSUAL = Symbol("unusual value: superjson's own walker handles it");
const RESERVED = new Set(["__proto__", "constructor", "prototype"]);
type Annotations = Record<string, [string]>;

/**
 * Walks `value` and writes the annotations of its descendants into `into`, the parent's
 * annotation object, under `prefix` — as superjson merges them: each object and array collects
 * its children's annotations in an object of its own (so integer-like keys, such as an array's
 * "1", come first, as JavaScript orders them), which its parent then flattens under its key.
 */
function walk(value: unknown, seen: Set<object>, into: Annotations, prefix: string): unknown {
  switch (typeof value) {
    case "string":
    case "boolean":
      return value;
    case "number":
      if (!Number.isFinite(value) || Object.is(value, -0)) throw UNUSUAL;
      return value;
    case "object": {
      if (value === null) return null;
      if (seen.has(value)) throw UNUSUAL;
      seen.add(value);
      const proto = Object.getPrototypeOf(value);
      if (proto === Date.prototype) throw UNUSUAL; // handled by the parent, which owns the key
      const inner: Annotations = {};
      let out: unknown;
      if (proto === Array.prototype) {
        const items = value as unknown[];
        const array: unknown[] = new Array(items.length);
        for (let i = 0; i < items.length; i++) {
          if (!(i in items)) throw UNUSUAL;
          array[i] = child(items[i], String(i), seen, inner);
        }
        out = array;
      } else {
        if (proto !== Object.prototype && proto !== null) throw UNUSUAL;
        const record: Record<string, unknown> = {};
        for (const key in value) {
          if (!Object.hasOwn(value, key)) continue;
          if (RESERVED.has(key) || key.includes(".") || key.includes("\\")) throw UNUSUAL;
          record[key] = child((value as Record<string, unknown>)[key], key, seen, inner);
        }
        out = record;
      }
      for (const key in inner) into[prefix + key] = inner[key] as [string];
      return out;
    }
    default:
      throw UNUSUAL;
  }
}

/** One child of an object or array: a Date is annotated under its key, containers merge theirs. */
function child(value: unknown, key: string, seen: Set<object>, inner: Annotations): unknown {
  if (value instanceof Date && Object.getPrototypeOf(value) === Date.prototype) {
    if (seen.has(value) || Number.isNaN(value.getTime())) throw UNUSUAL;
    seen.add(value);
    inner[key] = ["Date"];
    return value.toISOString();
  }
  // A container merges its own annotations (in its own key order) into ours under `key.`.
  return walk(value, seen, inner, `${key}.`);
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
