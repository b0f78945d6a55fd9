import type { Schema } from "./types.js";

// Postman's sandbox checks `pm.response.to.have.jsonSchema(schema)` with Ajv 6 (draft-07). The
// document's schemas are OpenAPI 3.1 (2020-12) with references to its components; the keywords
// our schemas use mean the same in draft-07, so each check gets the schema self-contained, without
// the annotations (smaller scripts) and without formats Ajv 6 does not know (it refuses those).

const ANNOTATIONS = new Set(["description", "example", "examples", "title", "default", "deprecated"]);
const AJV6_FORMATS = new Set([
  "date",
  "time",
  "date-time",
  "uri",
  "uri-reference",
  "email",
  "hostname",
  "ipv4",
  "ipv6",
  "uuid",
]);
const SCHEMA_REF = "#/components/schemas/";

/** The success schema as a self-contained draft-07 schema for the collection's checks. */
export function responseCheckSchema(schema: Schema, schemas: Record<string, Schema>): Schema {
  return clean(schema, schemas, 0) as Schema;
}

function clean(node: unknown, schemas: Record<string, Schema>, depth: number): unknown {
  if (Array.isArray(node)) return node.map((item) => clean(item, schemas, depth));
  if (!node || typeof node !== "object") return node;
  const ref = (node as Schema).$ref;
  if (typeof ref === "string" && ref.startsWith(SCHEMA_REF)) {
    const target = schemas[ref.slice(SCHEMA_REF.length)];
    return target && depth < 16 ? clean(target, schemas, depth + 1) : {};
  }
  const out: Schema = {};
  for (const [key, value] of Object.entries(node)) {
    if (ANNOTATIONS.has(key) || (key === "format" && !AJV6_FORMATS.has(String(value)))) continue;
    // `properties` maps names to schemas: its keys are field names, never keywords.
    out[key] =
      key === "properties" && value && typeof value === "object"
        ? Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, clean(sub, schemas, depth)]))
        : clean(value, schemas, depth);
  }
  return out;
}
