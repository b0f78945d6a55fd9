import { type ApiDeps, type AppRouter, toAppError } from "@fotostudio/api";
import { type AnyTRPCProcedure, callTRPCProcedure, TRPCError } from "@trpc/server";
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from "fastify";
import { coerceSchema, zodSupportsCoerce } from "trpc-to-openapi";
import { contextFromRequest } from "../context.js";
import type { Env } from "../env.js";
import { sendError } from "./errors.js";
import { jsonText } from "./json-text.js";
import { registerRest } from "./rest.js";
import { restInput } from "./rest-input.js";
import { type RestOperation, restOperations } from "./rest-routes.js";

type Serving = { router: AppRouter; deps: ApiDeps; env: Env; prefix: string };

const JSON_TYPE = "application/json; charset=utf-8";

/**
 * REST from a route table built at boot: one Fastify route per operation, which assembles the
 * input, calls the procedure through tRPC's public server API and answers as the stock handler
 * (adapters/rest.ts, trpc-to-openapi 3.3.0) does, without its per-request scan of every
 * operation's pattern or the Fetch-API Request it builds for a signal no procedure reads.
 *
 * The stock wildcard stays, registered after the table: it answers what the table has no route
 * for (unknown paths, other methods, HEAD, other letter case, paths that are more than one
 * `{param}` a segment), and every request a table route hands back to it (rest-input.ts: escapes
 * and odd characters, a path an earlier-declared operation also matches, a body that is not
 * JSON), so those keep their answers, messages and statuses exactly.
 */
export function registerFastRest(app: FastifyInstance, opts: Serving) {
  const stock = stockRestRoute(opts);
  const procedures = opts.router._def.procedures as unknown as Record<string, AnyTRPCProcedure>;
  const stockHandler = (request: FastifyRequest, reply: FastifyReply) => stock.handler.call(app, request, reply);

  const taken = new Set<string>();
  for (const operation of restOperations(procedures, opts.prefix)) {
    const url = operation.fastifyPath;
    if (!url) continue;
    // Two operations of one shape (`/x/{id}`, `/x/{key}`): trpc-to-openapi always answers the first.
    const shape = `${operation.method} ${url.replace(/:[^/]+/g, ":")}`;
    if (taken.has(shape)) continue;
    taken.add(shape);
    const handler = operationHandler(operation, opts, stockHandler);
    // trpc-to-openapi strips one trailing slash: `/api/clients/` and `/api/clients` are the same.
    // No HEAD route of our own: the wildcard's answers HEAD as it does today.
    for (const path of [url, `${url}/`])
      app.route({ method: operation.method, url: path, exposeHeadRoute: false, handler });
  }
  app.route(stock);
}

function operationHandler(
  operation: RestOperation,
  opts: Serving,
  stock: (request: FastifyRequest, reply: FastifyReply) => unknown,
) {
  const { router, deps, env, prefix } = opts;
  const status = operation.created ? 201 : 200;
  // trpc-to-openapi switches an object input's number/boolean/date fields to coercion on the
  // schema itself, on the first request that reaches the operation: so do we, at the same moment.
  let coerced = !(zodSupportsCoerce && operation.coercible);

  return async function restOperation(request: FastifyRequest, reply: FastifyReply) {
    const planned = restInput(operation, request, prefix);
    if (!planned) return stock(request, reply);
    if (!coerced && operation.coercible) {
      coerceSchema(operation.coercible);
      coerced = true;
    }
    let data: unknown;
    try {
      const ctx = contextFromRequest(request, reply, deps, env);
      data = await callTRPCProcedure({
        router,
        path: operation.procedurePath,
        type: operation.type,
        ctx,
        getRawInput: async () => planned.input,
        // The stock handler builds one from the request; no procedure reads it.
        signal: undefined,
        batchIndex: 0,
      });
    } catch (cause) {
      return sendError(request, reply, toAppError(asTrpcError(cause)));
    }
    // An undefined output is an empty body, as the stock handler's `res.end(JSON.stringify(undefined))`.
    // JSON.stringify's text with the Dates formatted first (json-text.ts). Not fast-json-stringify
    // compiled from the output schema: on the orders page (20 rows, 12 kB) it took 72-78 µs against
    // JSON.stringify's 77-84 µs — both spent it on the Dates' toISOString.
    return reply
      .code(status)
      .type(JSON_TYPE)
      .send(jsonText(data) ?? "");
  };
}

/** trpc-to-openapi's getErrorFromUnknown: anything but a TRPCError becomes an INTERNAL_SERVER_ERROR around it. */
function asTrpcError(cause: unknown): TRPCError {
  if (cause instanceof Error && cause.name === "TRPCError") return cause as TRPCError;
  const error = new TRPCError({
    message: "Internal server error",
    code: "INTERNAL_SERVER_ERROR",
    cause: cause instanceof Error ? cause : undefined,
  });
  if (cause instanceof Error && cause.stack) error.stack = cause.stack;
  return error;
}

/**
 * The stock wildcard route (adapters/rest.ts), taken from registerRest instead of registered by
 * it, so the table's routes can hand it a request: registerRest adds exactly one route.
 */
function stockRestRoute(opts: Serving): RouteOptions {
  let route: RouteOptions | undefined;
  const capture = {
    route(options: RouteOptions) {
      if (route) throw new Error("registerRest added more than one route: registerFastRest expects one");
      route = options;
      return capture;
    },
  };
  registerRest(capture as unknown as FastifyInstance, opts);
  if (!route) throw new Error("registerRest added no route");
  return route;
}
