import type { OpenAPIObject } from "trpc-to-openapi";

/** A JSON Schema node of the document, as plain data. */
export type Schema = { [key: string]: unknown };

export interface MediaType {
  schema?: Schema;
  example?: unknown;
  examples?: Record<string, { summary?: string; value: unknown }>;
}

export interface Response {
  description?: string;
  content?: Record<string, MediaType>;
}

export interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: Schema;
  example?: unknown;
}

/** The parts of an operation the document's finishing steps read and write. */
export interface Operation {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, MediaType> };
  responses: Record<string, Response>;
}

export const METHODS = ["get", "post", "put", "patch", "delete"] as const;

export interface OperationEntry {
  path: string;
  method: (typeof METHODS)[number];
  op: Operation;
}

/** Every operation of the document, in document order. */
export function operationsOf(doc: OpenAPIObject): OperationEntry[] {
  return Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    METHODS.flatMap((method) => {
      const op = (item as Record<string, Operation | undefined> | undefined)?.[method];
      return op?.responses ? [{ path, method, op }] : [];
    }),
  );
}

export const JSON_TYPE = "application/json";

/** The success status an operation answers (200, or 201 for creates). */
export function successStatus(op: Operation): string | undefined {
  return Object.keys(op.responses).find((status) => status.startsWith("2"));
}

const SCHEMA_REF = "#/components/schemas/";

/** The component a `$ref` names, or undefined for any other node. */
export function refName(node: Schema): string | undefined {
  const ref = node.$ref;
  return typeof ref === "string" && ref.startsWith(SCHEMA_REF) ? ref.slice(SCHEMA_REF.length) : undefined;
}

/** Calls `visit` on every object inside `value` (depth first, the value itself included). */
export function eachNode(value: unknown, visit: (node: Schema) => void): void {
  if (Array.isArray(value)) for (const item of value) eachNode(item, visit);
  else if (value && typeof value === "object") {
    visit(value as Schema);
    for (const child of Object.values(value)) eachNode(child, visit);
  }
}

/** Drops the component schemas nothing refers to (the generator's per-status error schemas, replaced by Error). */
export function pruneUnusedSchemas(doc: OpenAPIObject): void {
  const schemas = doc.components?.schemas as Record<string, Schema> | undefined;
  if (!schemas) return;
  const used = new Set<string>();
  const follow = (value: unknown) =>
    eachNode(value, (node) => {
      const name = refName(node);
      if (name && !used.has(name)) {
        used.add(name);
        follow(schemas[name]);
      }
    });
  follow(doc.paths);
  for (const name of Object.keys(schemas)) if (!used.has(name)) delete schemas[name];
}

/**
 * A schema with every component reference replaced by the component itself: one self-contained
 * JSON Schema (the Postman collection's response checks, the example sampler). Components here
 * are not recursive; a cycle would be cut at `depth`.
 */
export function inlineRefs(node: unknown, schemas: Record<string, Schema>, depth = 0): unknown {
  if (Array.isArray(node)) return node.map((item) => inlineRefs(item, schemas, depth));
  if (!node || typeof node !== "object") return node;
  const name = refName(node as Schema);
  if (name) {
    if (depth > 16 || !schemas[name]) return {};
    return inlineRefs(schemas[name], schemas, depth + 1);
  }
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, inlineRefs(value, schemas, depth)]));
}
