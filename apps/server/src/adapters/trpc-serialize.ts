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
  const values: Record<string, [string]> = {};
  try {
    if (value instanceof Date) throw UNUSUAL; // superjson annotates a root value differently
    const json = walk(value, [], new Set(), values);
    for (const _ in values) return { json, meta: { values, v: 1 } } as SuperJSONResult;
    return { json } as SuperJSONResult;
  } catch (error) {
    if (error !== UNUSUAL) throw error;
    return superjson.serialize(value);
  }
}

const UNUSUAL = Symbol("unusual value: superjson's own walker handles it");
const RESERVED = new Set(["__proto__", "constructor", "prototype"]);

/** `path` is the keys down to `value`, joined only where a Date needs its annotation. */
function walk(value: unknown, path: string[], seen: Set<object>, values: Record<string, [string]>): unknown {
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
      if (proto === Date.prototype) {
        const date = value as Date;
        if (Number.isNaN(date.getTime())) throw UNUSUAL;
        values[path.join(".")] = ["Date"];
        return date.toISOString();
      }
      if (proto === Array.prototype) {
        const items = value as unknown[];
        const out: unknown[] = new Array(items.length);
        for (let i = 0; i < items.length; i++) {
          if (!(i in items)) throw UNUSUAL;
          path.push(String(i));
          out[i] = walk(items[i], path, seen, values);
          path.pop();
        }
        return out;
      }
      if (proto !== Object.prototype && proto !== null) throw UNUSUAL;
      const out: Record<string, unknown> = {};
      for (const key in value) {
        if (!Object.hasOwn(value, key)) continue;
        if (RESERVED.has(key) || key.includes(".") || key.includes("\\")) throw UNUSUAL;
        path.push(key);
        out[key] = walk((value as Record<string, unknown>)[key], path, seen, values);
        path.pop();
      }
      return out;
    }
    default:
      throw UNUSUAL;
  }
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
