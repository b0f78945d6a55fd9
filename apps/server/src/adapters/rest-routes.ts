import type { AnyTRPCProcedure } from "@trpc/server";
import {
  forEachOpenApiProcedure,
  getInputOutputParsers,
  getPathRegExp,
  instanceofZodTypeLikeVoid,
  instanceofZodTypeObject,
  instanceofZodTypeOptional,
  normalizePath,
  type OpenApiMethod,
  type OpenApiProcedureRecord,
  unwrapZodType,
  zodSupportsCoerce,
} from "trpc-to-openapi";
import { ZodArray, type ZodObject } from "zod/v4";

/**
 * One REST operation, resolved at boot from a procedure's `meta.openapi`: what trpc-to-openapi
 * 3.3.0 works out per request (adapters/node-http/core and procedures), worked out once.
 */
export interface RestOperation {
  method: OpenApiMethod;
  /** The procedure's dotted tRPC path (`orders.list`). */
  procedurePath: string;
  type: "query" | "mutation";
  /** `/orders/{id}`, normalized as trpc-to-openapi does. */
  openapiPath: string;
  /** `/orders/:id`: the Fastify form, under the prefix; null when a segment is more than one `{param}`. */
  fastifyPath: string | null;
  /** trpc-to-openapi's own matcher: its groups are the path input, undecoded, as it gives them. */
  pattern: RegExp;
  /**
   * The matchers of operations of the same method declared before this one that could take a
   * path this one takes (trpc-to-openapi answers the first match in declaration order, Fastify the
   * most static one, and only trpc-to-openapi ignores case): when one matches, the stock handler answers.
   */
  shadowedBy: RegExp[];
  /** 201 instead of 200 (`meta.created`). */
  created: boolean;
  /** The input schema is void-like: the procedure is called with `undefined`. */
  voidInput: boolean;
  /** The object input schema trpc-to-openapi switches to coercion (null when the input is no object). */
  coercible: ZodObject | null;
  /** Keys of array fields: a lone query value is wrapped in an array (GET and DELETE only). */
  arrayKeys: string[];
}

/** Every operation trpc-to-openapi serves, in its declaration order. */
export function restOperations(procedures: Record<string, AnyTRPCProcedure>, prefix: string): RestOperation[] {
  const operations: RestOperation[] = [];
  forEachOpenApiProcedure(procedures as unknown as OpenApiProcedureRecord, ({ path, type, procedure, meta }) => {
    // trpc-to-openapi skips subscriptions (createProcedureCache): the wildcard keeps answering them.
    if (type === "subscription") return;
    const openapiPath = normalizePath(meta.openapi.path);
    const { inputParser } = getInputOutputParsers(procedure);
    const unwrapped = unwrapZodType(inputParser, true);
    const object = instanceofZodTypeObject(unwrapped) ? (unwrapped as unknown as ZodObject) : null;
    const pattern = getPathRegExp(openapiPath);
    const method = meta.openapi.method;
    operations.push({
      method,
      procedurePath: path,
      type,
      openapiPath,
      fastifyPath: fastifyPathOf(prefix, openapiPath),
      pattern,
      shadowedBy: operations
        .filter((earlier) => earlier.method === method && mayOverlap(earlier.openapiPath, openapiPath))
        .map((earlier) => earlier.pattern),
      created: (meta as { created?: boolean }).created === true,
      voidInput: instanceofZodTypeLikeVoid(unwrapped),
      coercible: object,
      arrayKeys:
        object && zodSupportsCoerce ? Object.keys(object.shape).filter((key) => isArrayField(object.shape[key])) : [],
    });
  });
  return operations;
}

/** Whether some path matches both templates (`{x}` takes any one segment; statics compare without case). */
function mayOverlap(a: string, b: string): boolean {
  const as = a.split("/");
  const bs = b.split("/");
  if (as.length !== bs.length) return false;
  return as.every((segment, i) => {
    const other = bs[i] as string;
    return isParam(segment) || isParam(other) || segment.toLowerCase() === other.toLowerCase();
  });
}

/** Only whole-segment parameters with plain names: anything fancier stays with the stock handler. */
function fastifyPathOf(prefix: string, openapiPath: string): string | null {
  const segments = openapiPath.split("/").map((segment) => {
    if (/^[A-Za-z0-9._~-]*$/.test(segment)) return segment;
    const param = /^\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(segment)?.[1];
    return param ? `:${param}` : null;
  });
  return segments.includes(null) ? null : prefix + segments.join("/");
}

const isParam = (segment: string) => /\{.+?\}/.test(segment);

// As trpc-to-openapi's own test (core: `shape instanceof ZodArray`, or an optional one).
function isArrayField(shape: unknown): boolean {
  if (shape instanceof ZodArray) return true;
  const field = shape as Parameters<typeof instanceofZodTypeOptional>[0];
  return instanceofZodTypeOptional(field) && field.unwrap() instanceof ZodArray;
}
