import { AppError, type AppErrorCode, errorBody, toAppError } from "@fotostudio/api";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

/** Fastify's own errors (raised before any procedure runs) mapped to our codes. */
const FASTIFY_CODES: Record<string, AppErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: "MALFORMED_JSON",
  FST_ERR_CTP_EMPTY_JSON_BODY: "MALFORMED_JSON",
  FST_ERR_CTP_BODY_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  FST_ERR_CTP_INVALID_MEDIA_TYPE: "UNSUPPORTED_MEDIA_TYPE",
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: "BAD_REQUEST",
  FST_ERR_VALIDATION: "VALIDATION_ERROR",
};

export function fromFastifyError(error: FastifyError): AppError {
  if (error instanceof AppError) return error;
  const mapped = error.code ? FASTIFY_CODES[error.code] : undefined;
  if (mapped === "MALFORMED_JSON") return new AppError(mapped, "The request body is not valid JSON");
  if (mapped) return new AppError(mapped, error.message);
  // JSON.parse failures raised by the body parser carry statusCode 400 without a FST code.
  if (error instanceof SyntaxError || (error.statusCode === 400 && /JSON/i.test(error.message))) {
    return new AppError("MALFORMED_JSON", "The request body is not valid JSON");
  }
  if (error.statusCode === 429) return new AppError("RATE_LIMITED", "Too many requests");
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return new AppError("BAD_REQUEST", error.message);
  }
  return toAppError(error);
}

/**
 * The one error shape of every non-tRPC response: `{ code, message, issues?, requestId }`. The tRPC
 * adapter passes its own `body` for errors raised before tRPC runs (see adapters/trpc.ts).
 */
export function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  error: AppError,
  body: (error: AppError) => unknown = (e) => ({ ...errorBody(e), requestId: request.id }),
) {
  if (error.status >= 500) request.log.error({ err: error.cause ?? error, code: error.appCode }, error.message);
  if (error.retryAfter) reply.header("Retry-After", String(error.retryAfter));
  return reply.code(error.status).type("application/json; charset=utf-8").send(body(error));
}

export function registerErrorHandlers(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => sendError(request, reply, fromFastifyError(error)));
  app.setNotFoundHandler((request, reply) =>
    sendError(request, reply, new AppError("NOT_FOUND", `No route ${request.method} ${request.url.split("?")[0]}`)),
  );
}
