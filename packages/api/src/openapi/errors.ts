import { type AppErrorCode, ERROR_CODES } from "../errors.js";
import { JSON_TYPE, type Response, type Schema } from "./document.js";

export const ERROR_SCHEMA: Schema = {
  type: "object",
  required: ["code", "message", "requestId"],
  properties: {
    code: { type: "string", enum: Object.keys(ERROR_CODES), description: "Stable error code" },
    message: { type: "string", description: "Human-readable explanation" },
    issues: {
      type: "array",
      description: "Field problems (VALIDATION_ERROR)",
      items: {
        type: "object",
        required: ["path", "message", "code"],
        properties: {
          path: { type: "string", description: "Dotted path of the field (`email`, `lines.0.qty`)", example: "email" },
          message: { type: "string", example: "Invalid email address" },
          code: { type: "string", example: "invalid_format" },
        },
      },
    },
    details: {
      type: "object",
      description: "Facts to act on (INSUFFICIENT_STOCK: materialId, requested, available)",
      additionalProperties: true,
    },
    requestId: { type: "string", description: "Echoed in the X-Request-Id header; quote it to support" },
  },
};

/** What the docs say of each code (`when`) and the message its example carries. */
const ERROR_TEXT: Record<AppErrorCode, { when: string; message: string }> = {
  BAD_REQUEST: { when: "the request cannot be processed", message: "A value does not fit its field" },
  VALIDATION_ERROR: { when: "the input is invalid, field by field in `issues`", message: "Input validation failed" },
  MALFORMED_JSON: { when: "the body is not valid JSON", message: "The request body is not valid JSON" },
  TENANT_REQUIRED: {
    when: "no studio is named (no X-Tenant-ID, no subdomain)",
    message: "Name the studio with the X-Tenant-ID header or its subdomain",
  },
  UNAUTHORIZED: { when: "no valid session", message: "The session is invalid or has expired" },
  FORBIDDEN: {
    when: "a permission is missing, or a cookie session's Origin is not trusted",
    message: "Missing permission",
  },
  TENANT_SUSPENDED: { when: "the studio is suspended", message: "This studio is suspended" },
  NOT_FOUND: { when: "no such record", message: "Not found" },
  TENANT_NOT_FOUND: { when: "no studio answers to this name", message: "No studio answers to this name" },
  METHOD_NOT_ALLOWED: { when: "the path does not take this method", message: "Method not allowed" },
  CONFLICT: { when: "it clashes with an existing record", message: "A record with these values already exists" },
  ILLEGAL_TRANSITION: { when: "the record's state does not allow it", message: "This change of state is not allowed" },
  LAST_OWNER: {
    when: "it would leave the studio without an active owner",
    message: "This is the studio's last active owner; make another user owner first",
  },
  APPOINTMENT_OVERLAP: {
    when: "the resource is already booked (requested or confirmed) at an overlapping time",
    message: "The resource is already booked from 10:00 to 11:00",
  },
  PAYLOAD_TOO_LARGE: {
    when: "the body (an image, a CSV) is too large",
    message: "The image is larger than 2097152 bytes",
  },
  UNSUPPORTED_MEDIA_TYPE: { when: "the content type is not accepted", message: "The file must be PNG, JPEG or WebP" },
  BUSINESS_RULE: { when: "a business rule refuses it", message: "A business rule refuses this change" },
  BALANCE_DUE: {
    when: "the order cannot be delivered while a balance is due",
    message: "The order has a balance of 120.00 due",
  },
  CONTRACT_NOT_ACTIVE: {
    when: "the contract is not active, or the order falls outside its validity",
    message: "Contract 3 is not active",
  },
  OVERPAYMENT: { when: "the payment would take what was paid above the total", message: "The balance is 120.00" },
  REFUND_EXCEEDS_PAID: { when: "the refund is larger than what was paid", message: "Only 80.00 was paid" },
  IMPORT_REJECTED: {
    when: "rows of the import are invalid (each listed in `issues` by row); nothing was saved",
    message: "2 rows are invalid; nothing was imported",
  },
  INSUFFICIENT_STOCK: {
    when: "stock is short: `details` names the material, the quantity requested and the quantity available; nothing was saved",
    message: "Material 3: 2.500 requested, 1.200 available",
  },
  RATE_LIMITED: {
    when: "too many requests or failed logins; retry after `Retry-After` seconds",
    message: "Too many failed attempts; try again in 840 s",
  },
  INTERNAL: { when: "an unexpected error (quote the requestId)", message: "Internal server error" },
  DATABASE_UNAVAILABLE: {
    when: "the database is unavailable",
    message: "The database is unavailable; try again shortly",
  },
};

export const REQUEST_ID_EXAMPLE = "3f2c8a1e-6b4d-4f0a-9c7e-1d2b3a4c5e6f";

/** What an operation's error responses follow from. */
export interface ErrorFacts {
  /** Needs a session (Bearer token). */
  protected: boolean;
  /** Names a studio. */
  tenant: boolean;
  /** A query (no side effects): no CSRF refusal. */
  read: boolean;
  /** Takes a JSON body. */
  body: boolean;
  /** The procedure's permission (`public`, `clients:read`…), when the operation is a procedure. */
  permission: string | undefined;
  /** What the path's id names (`Client`), when the path takes one. */
  thing: string | undefined;
  /** The field a validation example names (`""`: the whole input) and the JSON type it takes. */
  field: { path: string; type: string };
  /** Statuses the operation declares beyond the common ones (hand-written routes: 413, 415). */
  extra: number[];
  /** The business errors the procedure declares in its meta (`errors`). */
  declared: AppErrorCode[];
}

const COMMON = new Set([400, 401, 403, 404, 500, 503]);
export const isExtraStatus = (status: number) => status >= 400 && !COMMON.has(status);

/** The codes an operation can answer, in status order. */
export function errorCodesOf(f: ErrorFacts): AppErrorCode[] {
  const codes: AppErrorCode[] = ["VALIDATION_ERROR"];
  if (f.body) codes.push("MALFORMED_JSON");
  if (f.tenant) codes.push("TENANT_REQUIRED");
  if (f.protected || f.permission === "public") codes.push("UNAUTHORIZED");
  if (f.protected && f.tenant && (f.permission?.includes(":") || !f.read)) codes.push("FORBIDDEN");
  if (f.tenant) codes.push("TENANT_SUSPENDED");
  if (f.thing) codes.push("NOT_FOUND");
  if (f.tenant) codes.push("TENANT_NOT_FOUND");
  for (const status of f.extra) {
    codes.push(...(Object.keys(ERROR_CODES) as AppErrorCode[]).filter((code) => ERROR_CODES[code].status === status));
  }
  codes.push(...f.declared);
  if (f.permission === "public") codes.push("RATE_LIMITED");
  codes.push("INTERNAL", "DATABASE_UNAVAILABLE");
  return [...new Set(codes)].sort((a, b) => ERROR_CODES[a].status - ERROR_CODES[b].status);
}

function messageOf(code: AppErrorCode, f: ErrorFacts): string {
  if (code === "UNAUTHORIZED" && f.permission === "public") {
    return f.field.path === "refresh" ? "The refresh token is invalid or has expired" : "Wrong e-mail or password";
  }
  if (code === "FORBIDDEN" && f.permission?.includes(":")) return `Missing permission ${f.permission}`;
  if (code === "FORBIDDEN") return "Cross-site request refused: Origin is not trusted";
  if (code === "NOT_FOUND" && f.thing) return `${f.thing} 1 not found`;
  return ERROR_TEXT[code].message;
}

function whenOf(code: AppErrorCode, f: ErrorFacts): string {
  if (code === "UNAUTHORIZED" && f.permission === "public")
    return "wrong credentials, or a spent or expired refresh token";
  return ERROR_TEXT[code].when;
}

/** What zod says of a missing field (or of a path id that is not a number, or of a body that is not an object). */
function invalidMessage({ path, type }: ErrorFacts["field"]): string {
  const expected = type === "integer" ? "number" : type;
  const received = path === "" ? "array" : type === "integer" || type === "number" ? "NaN" : "undefined";
  return `Invalid input: expected ${expected}, received ${received}`;
}

/** The body an error answers, as an integrator would see it. */
export function errorExample(code: AppErrorCode, f: ErrorFacts) {
  return {
    code,
    message: messageOf(code, f),
    ...(code === "VALIDATION_ERROR"
      ? {
          issues: [{ path: f.field.path, message: invalidMessage(f.field), code: "invalid_type" }],
        }
      : {}),
    requestId: REQUEST_ID_EXAMPLE,
  };
}

/** The operation's error responses, each status with its description and one example per code. */
export function errorResponses(f: ErrorFacts): Record<string, Response> {
  const byStatus = new Map<number, AppErrorCode[]>();
  for (const code of errorCodesOf(f)) {
    const status = ERROR_CODES[code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return Object.fromEntries(
    [...byStatus].map(([status, codes]) => {
      const when = codes.map((code) => `${whenOf(code, f)} (\`${code}\`)`).join("; ");
      const examples = Object.fromEntries(
        codes.map((code) => [code, { summary: code, value: errorExample(code, f) }] as const),
      );
      const description = when.charAt(0).toUpperCase() + when.slice(1);
      return [
        String(status),
        { description, content: { [JSON_TYPE]: { schema: { $ref: "#/components/schemas/Error" }, examples } } },
      ];
    }),
  );
}
