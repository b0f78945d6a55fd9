import { driverErrorCode } from "@fotostudio/db";
import { TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import type { ZodError } from "zod";

/**
 * Every error a client can see, with its HTTP status. One table for tRPC and REST: the tRPC code
 * is what the tRPC adapter turns into a status; the REST adapter uses `status`.
 */
export const ERROR_CODES = {
  BAD_REQUEST: { status: 400, trpc: "BAD_REQUEST" },
  VALIDATION_ERROR: { status: 400, trpc: "BAD_REQUEST" },
  MALFORMED_JSON: { status: 400, trpc: "PARSE_ERROR" },
  TENANT_REQUIRED: { status: 400, trpc: "BAD_REQUEST" },
  UNAUTHORIZED: { status: 401, trpc: "UNAUTHORIZED" },
  FORBIDDEN: { status: 403, trpc: "FORBIDDEN" },
  TENANT_SUSPENDED: { status: 403, trpc: "FORBIDDEN" },
  NOT_FOUND: { status: 404, trpc: "NOT_FOUND" },
  TENANT_NOT_FOUND: { status: 404, trpc: "NOT_FOUND" },
  METHOD_NOT_ALLOWED: { status: 405, trpc: "METHOD_NOT_SUPPORTED" },
  CONFLICT: { status: 409, trpc: "CONFLICT" },
  ILLEGAL_TRANSITION: { status: 409, trpc: "CONFLICT" },
  LAST_OWNER: { status: 409, trpc: "CONFLICT" },
  APPOINTMENT_OVERLAP: { status: 409, trpc: "CONFLICT" },
  PAYLOAD_TOO_LARGE: { status: 413, trpc: "PAYLOAD_TOO_LARGE" },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, trpc: "UNSUPPORTED_MEDIA_TYPE" },
  BUSINESS_RULE: { status: 422, trpc: "UNPROCESSABLE_CONTENT" },
  BALANCE_DUE: { status: 422, trpc: "UNPROCESSABLE_CONTENT" },
  CONTRACT_NOT_ACTIVE: { status: 422, trpc: "UNPROCESSABLE_CONTENT" },
  OVERPAYMENT: { status: 422, trpc: "UNPROCESSABLE_CONTENT" },
  REFUND_EXCEEDS_PAID: { status: 422, trpc: "UNPROCESSABLE_CONTENT" },
  IMPORT_REJECTED: { status: 422, trpc: "UNPROCESSABLE_CONTENT" },
  INSUFFICIENT_STOCK: { status: 422, trpc: "UNPROCESSABLE_CONTENT" },
  RATE_LIMITED: { status: 429, trpc: "TOO_MANY_REQUESTS" },
  INTERNAL: { status: 500, trpc: "INTERNAL_SERVER_ERROR" },
  DATABASE_UNAVAILABLE: { status: 503, trpc: "SERVICE_UNAVAILABLE" },
} as const satisfies Record<string, { status: number; trpc: TRPC_ERROR_CODE_KEY }>;

export type AppErrorCode = keyof typeof ERROR_CODES;

export interface Issue {
  /** Dotted path of the offending field (`email`, `lines.0.qty`); empty for the whole input. */
  path: string;
  message: string;
  code: string;
}

/** The one error type services throw. */
export class AppError extends TRPCError {
  readonly appCode: AppErrorCode;
  readonly issues: Issue[] | undefined;
  /** RATE_LIMITED: seconds until the caller may try again (sent as `Retry-After`). */
  readonly retryAfter: number | undefined;
  /** Facts a client acts on (INSUFFICIENT_STOCK: the material, what was asked, what is available). */
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: AppErrorCode,
    message: string,
    opts: { issues?: Issue[]; cause?: unknown; retryAfter?: number; details?: Record<string, unknown> } = {},
  ) {
    super({ code: ERROR_CODES[code].trpc, message, cause: opts.cause });
    this.name = "AppError";
    this.appCode = code;
    this.issues = opts.issues;
    this.retryAfter = opts.retryAfter;
    this.details = opts.details;
  }

  get status(): number {
    return ERROR_CODES[this.appCode].status;
  }
}

/** What every error response carries, over REST and inside tRPC's `error.data`. */
export interface ErrorBody {
  code: AppErrorCode;
  message: string;
  issues?: Issue[];
  details?: Record<string, unknown>;
}

export function zodIssues(error: ZodError): Issue[] {
  return error.issues.map((i) => ({ path: i.path.join("."), message: i.message, code: i.code }));
}

// Connection-level failures: the database is away, not the request's fault.
const UNAVAILABLE = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "PROTOCOL_CONNECTION_LOST",
  "PROTOCOL_SEQUENCE_TIMEOUT",
  "ER_CON_COUNT_ERROR",
  "ER_SERVER_SHUTDOWN",
]);

/** Maps anything thrown below a procedure to an AppError a client may see (no internals leak). */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof TRPCError) {
    // A middleware may rethrow an AppError that tRPC wrapped on its way up.
    if (error.cause instanceof AppError) return error.cause;
    const cause = error.cause as (Error & { issues?: unknown }) | undefined;
    if (error.code === "BAD_REQUEST" && cause?.name === "ZodError") {
      return new AppError("VALIDATION_ERROR", "Input validation failed", {
        issues: zodIssues(cause as unknown as ZodError),
        cause,
      });
    }
    if (error.code === "INTERNAL_SERVER_ERROR") return toAppError(error.cause ?? new Error(error.message));
    const code = (Object.keys(ERROR_CODES) as AppErrorCode[]).find(
      (k) => k === error.code || (ERROR_CODES[k].trpc === error.code && k !== "VALIDATION_ERROR"),
    );
    if (error.code === "PARSE_ERROR") return new AppError("MALFORMED_JSON", "The request body is not valid JSON");
    return new AppError(code ?? "INTERNAL", code ? error.message : "Internal server error", { cause: error });
  }
  const sqlCode = driverErrorCode(error);
  if (sqlCode && UNAVAILABLE.has(sqlCode)) {
    return new AppError("DATABASE_UNAVAILABLE", "The database is unavailable; try again shortly", { cause: error });
  }
  if (sqlCode === "ER_DUP_ENTRY") return new AppError("CONFLICT", "A record with these values already exists");
  if (sqlCode === "ER_DATA_TOO_LONG" || sqlCode === "ER_TRUNCATED_WRONG_VALUE") {
    return new AppError("BAD_REQUEST", "A value does not fit its field");
  }
  return new AppError("INTERNAL", "Internal server error", { cause: error });
}

export function errorBody(error: AppError): ErrorBody {
  return {
    code: error.appCode,
    message: error.message,
    ...(error.issues ? { issues: error.issues } : {}),
    ...(error.details ? { details: error.details } : {}),
  };
}
