import type { OpenAPIObject } from "trpc-to-openapi";
import { generateOpenApiDocument } from "trpc-to-openapi";
import { ERROR_CODES } from "./errors.js";
import { appRouter } from "./root.js";

type SchemaObject = NonNullable<NonNullable<OpenAPIObject["components"]>["schemas"]>[string];

const ERROR_SCHEMA: SchemaObject = {
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
          path: { type: "string", example: "email" },
          message: { type: "string" },
          code: { type: "string" },
        },
      },
    },
    requestId: { type: "string", description: "Echoed in the X-Request-Id header; quote it to support" },
  },
};

/**
 * The OpenAPI 3.1 document of the REST API. trpc-to-openapi generates the operations; we then
 * point every error response at our single Error schema, add the tenant errors every tenant
 * operation can answer, and turn creates into 201.
 */
export function buildOpenApiDocument(opts: { baseUrl: string; version?: string }): OpenAPIObject {
  const doc = generateOpenApiDocument(appRouter, {
    title: "FotoStudio Cloud API",
    description:
      "REST API of FotoStudio Cloud, generated from the same procedures as the tRPC API. Every tenant operation needs the studio: the `X-Tenant-ID` header or the studio's subdomain. Errors share one shape: `{ code, message, issues?, requestId }`.",
    version: opts.version ?? "0.1.0",
    baseUrl: opts.baseUrl,
    tags: ["auth", "clients"],
  });
  doc.components ??= {};
  doc.components.schemas = { ...doc.components.schemas, Error: ERROR_SCHEMA };
  const procedures = appRouter._def.procedures as unknown as Record<string, { _def: { meta?: unknown } }>;
  const createdPaths = new Set(
    Object.values(procedures)
      .map((p) => p._def.meta as { created?: boolean; openapi?: { method: string; path: string } } | undefined)
      .filter((m) => m?.created && m.openapi)
      .map((m) => `${m?.openapi?.method.toLowerCase()} ${m?.openapi?.path}`),
  );
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(item as Record<string, OperationLike>)) {
      if (!op?.responses) continue;
      for (const [status, response] of Object.entries(op.responses)) {
        if (Number(status) >= 400) op.responses[status] = errorResponse(response.description);
      }
      op.responses["404"] ??= errorResponse("Not found (or the studio is unknown: TENANT_NOT_FOUND)");
      op.responses["403"] ??= errorResponse("The studio is suspended (TENANT_SUSPENDED)");
      op.responses["503"] = errorResponse("The database is unavailable (DATABASE_UNAVAILABLE)");
      if (createdPaths.has(`${method} ${path}`) && op.responses["200"]) {
        op.responses["201"] = { ...op.responses["200"], description: "Created" };
        delete op.responses["200"];
      }
    }
  }
  return doc;
}

interface OperationLike {
  responses?: Record<string, { description?: string }>;
}

function errorResponse(description = "Error") {
  return { description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } };
}
