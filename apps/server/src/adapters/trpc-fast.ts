import {
  type AnyTRPCProcedure,
  callTRPCProcedure,
  getTRPCErrorFromUnknown,
  getTRPCErrorShape,
  TRPCError,
  transformTRPCResponse,
} from "@trpc/server";
import { fastifyRequestHandler } from "@trpc/server/adapters/fastify";
import { getHTTPStatusCode } from "@trpc/server/http";
import type { TRPCResponse } from "@trpc/server/rpc";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import superjson from "superjson";
import { contextFromRequest } from "../context.js";
import { answerEarlyErrorsAsTrpc, retryAfterMeta, type TrpcServing, trpcOptions } from "./trpc.js";
import { responseText } from "./trpc-serialize.js";

/**
 * tRPC from our own Fastify route: the same answers as the stock plugin (adapters/trpc.ts) for
 * every call it takes, without the Fetch-API Request/Response the stock adapter builds around each
 * request (about a third of a small read's CPU: STACK-NOTES §9, README "Fast serving path").
 *
 * It takes well-formed JSON calls — GET queries, POST mutations and POSTed queries, single or
 * batched — whose procedures all exist and agree on their type. Everything else (streaming
 * `httpBatchStreamLink`, FormData, unknown procedures, a method the procedure refuses, mixed
 * batches, undecodable paths, other methods) goes to the stock handler, which answers it exactly
 * as before: the edge cases keep tRPC's own messages and statuses. Relies on @trpc/server's public
 * server API only (pinned exactly; the suite runs on both paths).
 */
export async function registerFastTrpc(app: FastifyInstance, opts: TrpcServing) {
  const router = opts.router;
  const config = router._def._config;
  const procedures = router._def.procedures as unknown as Record<string, AnyTRPCProcedure | undefined>;
  const stockOptions = trpcOptions(opts);
  // Our serializer is superjson's own output for the router's (default) superjson instance only.
  const responseBody =
    config.transformer.output === superjson
      ? responseText
      : (body: TRPCResponse | TRPCResponse[]) => JSON.stringify(transformTRPCResponse(config, body));

  const stock = (request: FastifyRequest<{ Params: { path: string } }>, reply: FastifyReply) =>
    fastifyRequestHandler({ ...stockOptions, req: request, res: reply, path: request.params.path });

  async function handler(request: FastifyRequest<{ Params: { path: string } }>, reply: FastifyReply) {
    const call = planOf(request, procedures);
    if (!call) return stock(request, reply);

    const ctx = contextFromRequest(request, reply, opts.deps, opts.env);
    const inputs = lazyInputs(request, call.isBatch, (raw) => config.transformer.input.deserialize(raw));
    const errors: (TRPCError | undefined)[] = [];
    const items: TRPCResponse[] = await Promise.all(
      call.paths.map(async (path, index): Promise<TRPCResponse> => {
        try {
          const data = await callTRPCProcedure({
            router,
            path,
            type: call.type,
            ctx,
            batchIndex: index,
            // No procedure reads it today; the stock adapter ties it to the request's end.
            signal: undefined,
            getRawInput: async () => (await inputs.read())[index],
          });
          return { result: { data } };
        } catch (cause) {
          const error = getTRPCErrorFromUnknown(cause);
          errors[index] = error;
          const input = inputs.parsed()?.[index];
          return { error: getTRPCErrorShape({ config, ctx, error, input, path, type: call.type }) };
        }
      }),
    );

    const body = call.isBatch ? items : (items[0] as TRPCResponse);
    const status = getHTTPStatusCode(items, errors as TRPCError[]);
    const meta = retryAfterMeta(errors);
    if (meta.headers) reply.headers(meta.headers);
    return (
      reply
        .code(status)
        .header("vary", "trpc-accept, accept")
        .header("content-type", "application/json")
        // Bytes, not a string: Fastify adds a charset to a string's JSON type; the stock adapter sends none.
        .send(Buffer.from(responseBody(body)))
    );
  }

  await app.register(async (scope) => {
    answerEarlyErrorsAsTrpc(scope);
    // As the stock plugin: tRPC parses the JSON body itself (once, lazily, with its own error),
    // and FormData reaches the stock handler as a stream.
    scope.removeContentTypeParser("application/json");
    scope.addContentTypeParser("application/json", { parseAs: "string" }, (_req, body, done) => done(null, body));
    scope.removeContentTypeParser("multipart/form-data");
    scope.addContentTypeParser("multipart/form-data", {}, (_req, body, done) => done(null, body));
    scope.all(`${opts.prefix}/:path`, handler);
  });
}

interface Plan {
  type: "query" | "mutation";
  isBatch: boolean;
  paths: string[];
}

/** The call the fast path answers, or null for the stock handler. */
function planOf(request: FastifyRequest, procedures: Record<string, AnyTRPCProcedure | undefined>): Plan | null {
  const method = request.method;
  if (method !== "GET" && method !== "POST") return null;
  const headers = request.headers;
  if (headers["trpc-accept"] !== undefined || headers.accept?.includes("application/jsonl")) return null;
  if (method === "POST" && mediaType(headers["content-type"]) !== "application/json") return null;
  let path: string;
  try {
    // The stock handler decodes the (already decoded) parameter once more: so do we.
    path = decodeURIComponent((request.params as { path: string }).path);
  } catch {
    return null;
  }
  const isBatch = first((request.query as Record<string, unknown>).batch) === "1";
  const paths = isBatch ? path.split(",") : [path];
  let type: Plan["type"] | undefined;
  for (const p of paths) {
    const procType = procedures[p]?._def.type;
    if (procType !== "query" && procType !== "mutation") return null;
    if (type !== undefined && procType !== type) return null;
    type = procType;
  }
  if (!type || (type === "mutation" && method !== "POST")) return null;
  return { type, isBatch, paths };
}

/** Inputs parsed on first use, as tRPC does: a malformed one fails the calls that read it, with tRPC's error. */
function lazyInputs(request: FastifyRequest, isBatch: boolean, deserialize: (raw: unknown) => unknown) {
  let parsed: Record<number, unknown> | undefined;
  const parse = (): Record<number, unknown> => {
    const text =
      request.method === "GET" ? first((request.query as Record<string, unknown>).input) : (request.body as unknown);
    const raw: unknown = typeof text === "string" && text ? JSON.parse(text) : undefined;
    if (raw === undefined) return {};
    if (!isBatch) return { 0: deserialize(raw) };
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
      throw new TRPCError({ code: "BAD_REQUEST", message: '"input" needs to be an object when doing a batch call' });
    }
    const out: Record<number, unknown> = {};
    for (const [key, value] of Object.entries(raw)) if (value !== undefined) out[Number(key)] = deserialize(value);
    return out;
  };
  let pending: Promise<Record<number, unknown>> | undefined;
  return {
    read: () => {
      pending ??= Promise.resolve()
        .then(() => {
          parsed = parse();
          return parsed;
        })
        .catch((cause: unknown) => {
          // tRPC's own rule (its memo in resolveResponse): what fails to parse is the caller's 400.
          if (cause instanceof TRPCError) throw cause;
          const message = cause instanceof Error ? cause.message : "Invalid input";
          throw new TRPCError({ code: "BAD_REQUEST", message, cause });
        });
      return pending;
    },
    parsed: () => parsed,
  };
}

const first = (value: unknown) => (Array.isArray(value) ? value[0] : value);

function mediaType(contentType: string | undefined): string | undefined {
  return contentType?.toLowerCase().split(";", 1)[0]?.trim();
}
