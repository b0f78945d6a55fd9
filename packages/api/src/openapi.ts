import type { OpenAPIObject } from "trpc-to-openapi";
import { generateOpenApiDocument } from "trpc-to-openapi";
import { z } from "zod";
import type { ZodOpenApiOperationObject, ZodOpenApiPathsObject } from "zod-openapi";
import { ERROR_CODES } from "./errors.js";
import { profileOutput } from "./modules/auth/auth.schema.js";
import { appRouter } from "./root.js";
import type { Meta } from "./trpc.js";

/** Documents the tenant header on every tenant operation (the Host subdomain works too). */
export const tenantHeaders = z.object({
  "x-tenant-id": z.string().optional().describe("The studio's slug, e.g. `demo` (or use its subdomain)"),
});

type Procedure = { _def: { meta?: Meta & { openapi?: Record<string, unknown> } } };

/**
 * The router as the document generator sees it: each procedure's REST meta completed from the
 * procedure itself — its tag is its module's key, it needs a token unless it is `public`, and it
 * names a studio unless it is a platform procedure. Modules never repeat these.
 */
function documentedRouter(): typeof appRouter {
  const procedures = appRouter._def.procedures as unknown as Record<string, Procedure>;
  const documented = Object.fromEntries(
    Object.entries(procedures).map(([path, procedure]) => {
      const meta = procedure._def.meta;
      if (!meta?.openapi) return [path, procedure];
      const openapi = {
        ...meta.openapi,
        tags: [path.slice(0, path.indexOf("."))],
        protect: meta.permission !== "public",
        ...(meta.tenant === false ? {} : { requestHeaders: tenantHeaders }),
      };
      return [path, { ...procedure, _def: { ...procedure._def, meta: { ...meta, openapi } } }];
    }),
  );
  return { ...appRouter, _def: { ...appRouter._def, procedures: documented } } as unknown as typeof appRouter;
}

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
  const doc = generateOpenApiDocument(documentedRouter(), {
    title: "FotoStudio Cloud API",
    description:
      "REST API of FotoStudio Cloud, generated from the same procedures as the tRPC API. Every tenant operation needs the studio: the `X-Tenant-ID` header or the studio's subdomain. Errors share one shape: `{ code, message, issues?, requestId }`.",
    version: opts.version ?? "0.1.0",
    baseUrl: opts.baseUrl,
    paths: AVATAR_PATHS,
    tags: ["auth", "clients", "users", "roles", "tenants", "platform"],
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

// The avatar routes are plain Fastify routes (binary bodies), not generated from a procedure:
// apps/server/src/routes/avatar.ts. Their error responses get the Error schema in the loop above.
const avatarUpload: ZodOpenApiOperationObject = {
  summary: "Upload my avatar",
  description:
    "PUT or POST (the same operation). The image goes as multipart/form-data in the field `avatar`, or as the raw body with its image Content-Type. At most 2 MB; the type is read from the bytes, not the name or the declared type: PNG, JPEG or WebP. Replaces (and deletes) the previous avatar. The new image is served at the profile's `avatarUrl` (`/media/<key>`, no token needed: the key is random).",
  tags: ["auth"],
  security: [{ Authorization: [] }],
  requestParams: { header: tenantHeaders },
  requestBody: {
    required: true,
    content: {
      "multipart/form-data": {
        schema: {
          type: "object",
          required: ["avatar"],
          properties: { avatar: { type: "string", format: "binary", description: "PNG, JPEG or WebP, ≤ 2 MB" } },
        },
      },
      "image/png": { schema: { type: "string", format: "binary" } },
      "image/jpeg": { schema: { type: "string", format: "binary" } },
      "image/webp": { schema: { type: "string", format: "binary" } },
    },
  },
  responses: {
    "200": {
      description: "My profile, `avatarUrl` pointing at the new image",
      content: { "application/json": { schema: profileOutput } },
    },
    "400": { description: "The form has no file in the field `avatar` (VALIDATION_ERROR), or is malformed" },
    "401": { description: "No valid session (UNAUTHORIZED)" },
    "403": { description: "Cookie session from an untrusted Origin (FORBIDDEN), or the studio is suspended" },
    "413": { description: "The image is larger than 2 MB (PAYLOAD_TOO_LARGE)" },
    "415": { description: "Not a PNG, JPEG or WebP image (UNSUPPORTED_MEDIA_TYPE)" },
    "500": { description: "Internal error" },
  },
};

const AVATAR_PATHS: ZodOpenApiPathsObject = {
  "/auth/avatar": {
    put: { ...avatarUpload, operationId: "auth-uploadAvatar" },
    post: { ...avatarUpload, operationId: "auth-uploadAvatarPost" },
    delete: {
      operationId: "auth-removeAvatar",
      summary: "Remove my avatar",
      description: "Deletes the stored image; the profile's `avatarUrl` becomes null.",
      tags: ["auth"],
      security: [{ Authorization: [] }],
      requestParams: { header: tenantHeaders },
      responses: {
        "200": {
          description: "My profile, without avatar",
          content: { "application/json": { schema: profileOutput } },
        },
        "400": { description: "Bad request" },
        "401": { description: "No valid session (UNAUTHORIZED)" },
        "403": { description: "Cookie session from an untrusted Origin (FORBIDDEN), or the studio is suspended" },
        "500": { description: "Internal error" },
      },
    },
  },
};
