import { type ApiDeps, type AppError, type AppRouter, ERROR_CODES, errorBody, toAppError } from "@fotostudio/api";
import { type FastifyTRPCPluginOptions, fastifyTRPCPlugin } from "@trpc/server/adapters/fastify";
import { TRPC_ERROR_CODES_BY_KEY } from "@trpc/server/rpc";
import type { FastifyError, FastifyInstance, FastifyRequest } from "fastify";
import superjson from "superjson";
import { contextFromRequest } from "../context.js";
import type { Env } from "../env.js";
import { fromFastifyError, sendError } from "./errors.js";

export interface TrpcServing {
  router: AppRouter;
  deps: ApiDeps;
  env: Env;
  prefix: string;
}

/** tRPC for TypeScript frontends (the SDK) through the stock Fastify plugin: superjson, batching. */
export async function registerTrpc(app: FastifyInstance, opts: TrpcServing) {
  await app.register(async (scope) => {
    answerEarlyErrorsAsTrpc(scope);
    await scope.register(fastifyTRPCPlugin, {
      prefix: opts.prefix,
      trpcOptions: trpcOptions(opts),
    } satisfies FastifyTRPCPluginOptions<AppRouter>);
  });
}

/** The handler options both tRPC paths share (the fast path falls back to the stock handler with them). */
export function trpcOptions(opts: TrpcServing) {
  return {
    router: opts.router,
    allowBatching: true,
    // Queries may come by POST too: the SDK posts those whose input can outgrow a URL (quotes).
    allowMethodOverride: true,
    createContext: ({ req, res }: { req: FastifyRequest; res: Parameters<typeof contextFromRequest>[1] }) =>
      contextFromRequest(req, res, opts.deps, opts.env),
    responseMeta: ({ errors }: { errors: unknown[] }) => retryAfterMeta(errors),
  } satisfies FastifyTRPCPluginOptions<AppRouter>["trpcOptions"];
}

/** A 429 says when to come back, as over REST: the procedure's AppError carries the seconds. */
export function retryAfterMeta(errors: readonly unknown[]): { headers?: Record<string, string> } {
  const wait = Math.max(0, ...errors.map((e) => (e === undefined ? 0 : (toAppError(e).retryAfter ?? 0))));
  return wait > 0 ? { headers: { "retry-after": String(wait) } } : {};
}

/**
 * Errors raised before tRPC runs (the general rate limit, a body over the limit) leave in the
 * envelope tRPC clients parse, so the SDK still sees their code; the REST shape would not parse.
 */
export function answerEarlyErrorsAsTrpc(scope: FastifyInstance) {
  scope.setErrorHandler((error: FastifyError, request, reply) =>
    sendError(request, reply, fromFastifyError(error), (e) => trpcErrorBody(request, e)),
  );
}

/** What the API's errorFormatter would have answered, once per procedure of a batch. */
function trpcErrorBody(request: FastifyRequest, error: AppError) {
  const url = new URL(request.url, "http://localhost");
  const paths = decodeURIComponent(url.pathname.slice(url.pathname.lastIndexOf("/") + 1)).split(",");
  const one = (path: string | undefined) => ({
    error: superjson.serialize({
      message: error.message,
      code: TRPC_ERROR_CODES_BY_KEY[ERROR_CODES[error.appCode].trpc],
      data: { ...errorBody(error), httpStatus: error.status, path },
    }),
  });
  return url.searchParams.get("batch") === "1" ? paths.map(one) : one(paths[0]);
}
