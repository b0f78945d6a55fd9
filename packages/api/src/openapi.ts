import type { OpenAPIObject } from "trpc-to-openapi";
import { generateOpenApiDocument } from "trpc-to-openapi";
import { AVATAR_PATHS } from "./openapi/avatar.js";
import {
  JSON_TYPE,
  type Operation,
  type OperationEntry,
  operationsOf,
  pruneUnusedSchemas,
  type Schema,
  successStatus,
} from "./openapi/document.js";
import { DOWNLOAD_PATHS } from "./openapi/downloads.js";
import { ERROR_SCHEMA, type ErrorFacts, errorResponses, isExtraStatus } from "./openapi/errors.js";
import { exampleOf, type Hints, hintsOf } from "./openapi/examples.js";
import { API_CONTACT, API_DESCRIPTION, API_LICENSE, API_TITLE } from "./openapi/info.js";
import { type DocumentedMeta, documentedRouter, metaByOperation } from "./openapi/router.js";
import { TAG_DESCRIPTIONS } from "./openapi/tags.js";

/**
 * The OpenAPI 3.1 document of the REST API, built once at boot. trpc-to-openapi generates the
 * operations from the procedures; we then finish each one from what the procedure says of itself:
 * 201 for creates, `security: []` when public, its error responses in the one Error shape (each
 * status with an example per code it can answer), and examples of its body and its answer made
 * from the schemas (openapi/examples.ts). The result passes Redocly's `recommended` rules with no
 * error or warning (apps/server/test/docs/redocly.test.ts).
 */
export function buildOpenApiDocument(opts: { baseUrl: string; version?: string }): OpenAPIObject {
  const doc = generateOpenApiDocument(documentedRouter(), {
    title: API_TITLE,
    description: API_DESCRIPTION,
    version: opts.version ?? "0.1.0",
    contact: API_CONTACT,
    license: API_LICENSE,
    baseUrl: opts.baseUrl,
    paths: { ...AVATAR_PATHS, ...DOWNLOAD_PATHS },
  });
  doc.tags = Object.entries(TAG_DESCRIPTIONS).map(([name, description]) => ({ name, description }));
  doc.servers = [{ url: opts.baseUrl, description: "This server's REST API" }];
  doc.components ??= {};
  doc.components.schemas = { ...doc.components.schemas, Error: ERROR_SCHEMA as never };
  const schemas = doc.components.schemas as Record<string, Schema>;

  const operations = operationsOf(doc);
  const metas = metaByOperation();
  const metaOf = ({ method, path }: OperationEntry) => metas.get(`${method} ${path}`);
  // Each module's input examples, to fill the same fields of its outputs (openapi/examples.ts).
  const hints = new Map<string, Hints>();
  for (const { op } of operations) {
    const tag = op.tags?.[0] ?? "";
    hints.set(tag, hintsOf(op, schemas, hints.get(tag)));
  }
  const everywhere: Hints = new Map([...hints.values()].flatMap((h) => [...h]).reverse());

  for (const entry of operations) {
    const { op } = entry;
    const meta = metaOf(entry);
    if (meta?.created && op.responses["200"]) {
      op.responses["201"] = { ...op.responses["200"], description: "Created" };
      delete op.responses["200"];
    }
    op.security ??= [];
    const extra = Object.keys(op.responses).map(Number).filter(isExtraStatus);
    for (const status of Object.keys(op.responses)) if (Number(status) >= 400) delete op.responses[status];
    Object.assign(op.responses, errorResponses(errorFacts(entry, meta, extra)));

    const moduleHints = new Map([...everywhere, ...(hints.get(op.tags?.[0] ?? "") ?? [])]);
    const body = op.requestBody?.content?.[JSON_TYPE];
    if (body?.schema) body.example = exampleOf(body.schema, schemas, moduleHints);
    const success = successStatus(op);
    const answer = success ? op.responses[success]?.content?.[JSON_TYPE] : undefined;
    if (answer?.schema) answer.example = exampleOf(answer.schema, schemas, moduleHints);
  }
  pruneUnusedSchemas(doc);
  return doc;
}

function errorFacts({ method, op }: OperationEntry, meta: DocumentedMeta | undefined, extra: number[]): ErrorFacts {
  const idParam = op.parameters?.find((p) => p.in === "path");
  return {
    protected: (op.security?.length ?? 0) > 0,
    tenant: op.parameters?.some((p) => p.in === "header" && p.name === "x-tenant-id") ?? false,
    read: method === "get",
    body: op.requestBody?.content?.[JSON_TYPE] !== undefined,
    permission: meta?.permission,
    thing: idParam ? (idParam.description?.replace(/ id$/, "") ?? "Record") : undefined,
    field: fieldOf(op),
    extra,
    declared: meta?.errors ?? [],
  };
}

/** The input field a validation example names: the body's first required one, else a query or path parameter. */
function fieldOf(op: Operation): ErrorFacts["field"] {
  const body = Object.values(op.requestBody?.content ?? {})[0]?.schema;
  const required = (body?.required as string[] | undefined)?.[0];
  if (required) return { path: required, type: typeName((body?.properties as Record<string, Schema>)?.[required]) };
  const param = op.parameters?.find((p) => p.in === "query") ?? op.parameters?.find((p) => p.in === "path");
  return param ? { path: param.name, type: typeName(param.schema) } : { path: "", type: "object" };
}

const typeName = (schema: Schema | undefined): string => {
  const type = [schema?.type].flat().find((t) => typeof t === "string" && t !== "null");
  return typeof type === "string" ? type : "string";
};
