import type { FastifyRequest } from "fastify";
import { normalizePath } from "trpc-to-openapi";
import type { RestOperation } from "./rest-routes.js";

// Paths and queries the WHATWG URL parser (which trpc-to-openapi runs on every request) leaves as
// they are: no percent-escapes, dot segments, backslashes, fragments or non-ASCII. Anything else is
// rare and goes to the stock handler, which parses it as it always did.
const PLAIN_PATH = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/]*$/;
const DOT_SEGMENT = /(^|\/)\.\.?(\/|$)/;
const PLAIN_QUERY = /^[!"$-~]*$/;

/** The input trpc-to-openapi would hand the procedure, or null: the stock handler answers this one. */
export function restInput(
  operation: RestOperation,
  request: FastifyRequest,
  prefix: string,
): { input: unknown } | null {
  const rest = request.url.slice(prefix.length);
  const mark = rest.indexOf("?");
  const rawPath = mark === -1 ? rest : rest.slice(0, mark);
  const rawQuery = mark === -1 ? "" : rest.slice(mark + 1);
  if (!PLAIN_PATH.test(rawPath) || DOT_SEGMENT.test(rawPath) || !PLAIN_QUERY.test(rawQuery)) return null;

  // trpc-to-openapi answers the first operation of the method whose pattern matches, in declaration order.
  const path = normalizePath(rawPath);
  const match = operation.pattern.exec(path);
  if (!match) return null;
  for (const earlier of operation.shadowedBy) if (earlier.test(path)) return null;
  const pathInput = match.groups ?? {};

  if (acceptsBody(request.method)) {
    // Its content-type rule (415 otherwise), on the header as sent; an empty POST counts as JSON (rest.ts).
    const given = request.headers["content-type"];
    const contentType = request.body === undefined && !given ? "application/json" : given;
    if (!contentType?.startsWith("application/json")) return null;
    if (operation.voidInput) return { input: undefined };
    // Spread as it does: whatever JSON came (an array, a string…) becomes the object zod then judges.
    return { input: { ...((request.body ?? {}) as object), ...pathInput } };
  }

  if (operation.voidInput) return { input: undefined };
  const query = queryInput(rawQuery);
  if (!query) return null;
  const input: Record<string, unknown> = Object.assign(query, pathInput);
  for (const key of operation.arrayKeys) {
    const value = input[key];
    if (value !== undefined && !Array.isArray(value)) input[key] = [value];
  }
  return { input };
}

const acceptsBody = (method: string) => method !== "GET" && method !== "DELETE";

/**
 * The query as trpc-to-openapi reads it (URLSearchParams; a repeated key gives an array, a lone
 * one its string), or null for a key that names an Object.prototype member: it keeps values in a
 * plain object and fails on those (a 500), so the stock handler answers them as it does.
 */
function queryInput(rawQuery: string): Record<string, string | string[]> | null {
  const query: Record<string, string | string[]> = {};
  if (!rawQuery) return query;
  for (const [key, value] of new URLSearchParams(rawQuery)) {
    if (key in Object.prototype) return null;
    const seen = query[key];
    if (seen === undefined) query[key] = value;
    else if (Array.isArray(seen)) seen.push(value);
    else query[key] = [seen, value];
  }
  return query;
}
