import { z } from "zod";

// A valid input for a procedure, read from its own zod input schema: the field examples the docs
// show (`.meta({ example })`), else a value the field's type, format and limits allow. What no
// schema can say (a role key must name a role that exists) comes from FIELD_VALUES. Walks use it
// so that a new procedure is called with a sensible input without anyone writing one.

/** Values the schema cannot describe, by field name; they win over examples. */
export const FIELD_VALUES: Record<string, unknown> = {
  // A role key must name an existing role: every tenant has the system roles.
  role: "viewer",
  // A period must run forward: the same sampled date twice would be a 400.
  validFrom: "2026-01-01",
  validTo: "2031-12-31",
  startsAt: "2031-01-06T15:00:00.000Z",
  endsAt: "2031-01-06T16:00:00.000Z",
};

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  example?: unknown;
  examples?: unknown[];
  default?: unknown;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  exclusiveMinimum?: number;
  minItems?: number;
}

let serial = 0;

function exampleOf(schema: JsonSchema): unknown {
  if (schema.example !== undefined) return schema.example;
  return schema.examples?.[0];
}

function sampleString(schema: JsonSchema, field: string): string {
  const n = ++serial;
  switch (schema.format) {
    case "email":
      return `walk-${n}@example.com`;
    case "date":
      return "2026-01-15";
    case "date-time":
      return new Date().toISOString();
    case "uri":
    case "url":
      return `https://example.com/walk-${n}`;
  }
  // Lower case, digits and dashes: what slug-like patterns accept; unique per call.
  const text = `walk-${field.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${n}`;
  return text.padEnd(schema.minLength ?? 0, "x").slice(0, schema.maxLength ?? text.length);
}

function sample(schema: JsonSchema, field: string, every: boolean): unknown {
  if (field in FIELD_VALUES) return FIELD_VALUES[field];
  const example = exampleOf(schema);
  if (example !== undefined) return example;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches?.length)
    return sample(branches.find((b) => b.type !== "null") ?? (branches[0] as JsonSchema), field, every);
  if (schema.allOf?.length) return sample(Object.assign({}, ...schema.allOf), field, every);
  if (schema.default !== undefined) return schema.default;
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  switch (type) {
    case "object":
      return sampleObject(schema, every);
    case "array":
      return Array.from({ length: schema.minItems ?? 0 }, () => sample(schema.items ?? {}, field, every));
    case "integer":
    case "number":
      return Math.max(1, schema.minimum ?? 1, (schema.exclusiveMinimum ?? 0) + 1);
    case "boolean":
      return false;
    case "string":
      return sampleString(schema, field);
    default:
      return undefined;
  }
}

/** Required fields; optional ones when they have an example (a realistic row), or all of them. */
function sampleObject(schema: JsonSchema, every: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, property] of Object.entries(schema.properties ?? {})) {
    const wanted = every || schema.required?.includes(key) || exampleOf(property) !== undefined || key in FIELD_VALUES;
    if (wanted) out[key] = sample(property, key, every);
  }
  return out;
}

/**
 * A sample object for a zod input schema (fresh strings on every call), not yet validated;
 * `every`: optional fields too, not only the required and exemplified ones.
 */
export function sampleInput(schema: unknown, { every = false } = {}): Record<string, unknown> {
  const json = z.toJSONSchema(schema as z.ZodType, { io: "input", unrepresentable: "any" }) as JsonSchema;
  const value = sample(json, "", every);
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** The problems zod finds in `value` for every input schema of a procedure (none: it is valid). */
export function inputProblems(schemas: readonly unknown[], value: unknown): string[] {
  return schemas.flatMap((schema) => {
    const result = (schema as z.ZodType).safeParse(value);
    return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".") || "(input)"}: ${i.message}`);
  });
}
