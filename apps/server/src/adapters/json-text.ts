import { isoString } from "./iso-string.js";

/**
 * `JSON.stringify(value)`, the same text, for what procedures return. JSON.stringify leaves its
 * fast path for every Date it meets (it calls the Date's toJSON, then toISOString): a 20-row page
 * with 80 Dates took ~140 µs to stringify against ~15 µs for the same page holding strings. So the
 * plain objects and arrays on the way to a Date are copied with the Date as isoString's text (the
 * rest is shared, never copied), and JSON.stringify writes strings. Anything it would treat
 * specially — a class instance, an object with its own toJSON, a Date subclass, a cycle — makes the whole value go to JSON.stringify untouched.
 */
export function jsonText(value: unknown): string | undefined {
  let prepared: unknown;
  try {
    prepared = datesAsText(value, 0);
  } catch (error) {
    if (error !== UNUSUAL) throw error;
    return JSON.stringify(value);
  }
  return JSON.stringify(prepared);
}

const UNUSUAL = Symbol("unusual value: JSON.stringify takes it as it is");
/** Deeper than any answer: a cycle (JSON.stringify throws its own TypeError for it). */
const MAX_DEPTH = 64;

/** The value, or a copy of it whose Dates are text; unchanged parts are the original's. */
function datesAsText(value: unknown, depth: number): unknown {
  if (typeof value !== "object" || value === null) return value;
  if (depth > MAX_DEPTH) throw UNUSUAL;
  const proto = Object.getPrototypeOf(value);
  if (proto === Date.prototype) {
    if (Object.hasOwn(value, "toJSON")) throw UNUSUAL;
    const time = (value as Date).getTime();
    // Date's toJSON: null for an invalid date.
    return Number.isNaN(time) ? null : isoString(value as Date, time);
  }
  if (proto === Array.prototype) {
    const items = value as unknown[];
    let copy: unknown[] | undefined;
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (typeof item !== "object" || item === null) continue;
      const text = datesAsText(item, depth + 1);
      if (text !== item) {
        copy ??= items.slice();
        copy[i] = text;
      }
    }
    return copy ?? items;
  }
  if ((proto !== Object.prototype && proto !== null) || typeof (value as { toJSON?: unknown }).toJSON === "function") {
    throw UNUSUAL;
  }
  const record = value as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  for (const key in record) {
    if (!Object.hasOwn(record, key)) continue;
    const item = record[key];
    if (typeof item !== "object" || item === null) continue;
    const text = datesAsText(item, depth + 1);
    if (text !== item) {
      // The spread gives the copy an own "__proto__" when the record has one, so even that key is
      // set as a property here, never as the copy's prototype.
      copy ??= { ...record };
      copy[key] = text;
    }
  }
  return copy ?? record;
}
