import { sample } from "openapi-sampler";
import { type Operation, refName, type Schema } from "./document.js";

// Examples are made when the document is built, from the schemas, so a new module gets them by
// itself. Redocly's openapi-sampler (what Redoc renders its samples with) walks each schema:
// a field's own `.meta({ example })` first, then const, enum, default, format and type. Before
// it runs, each output field without an example of its own borrows the one its module's inputs
// give the same field (`name`, `owner.email`: path from the nearest object that is a component or
// an array item), instants (`…At`, the house naming) get one, and integers lose the ±2^53 bounds
// zod gives them (the sampler would pick the lower one).

/** An instant every example shares. */
export const EXAMPLE_INSTANT = "2026-11-24T15:30:00.000Z";
const SAFE = Number.MAX_SAFE_INTEGER;

/** Field examples by path (`name`, `owner.email`), as the inputs declare them. */
export type Hints = Map<string, unknown>;

const isObject = (value: unknown): value is Schema => Boolean(value) && typeof value === "object";
const ownExample = (s: Schema) =>
  s.example !== undefined ||
  s.examples !== undefined ||
  s.const !== undefined ||
  s.enum !== undefined ||
  s.default !== undefined;

/** Collects the examples (or defaults) an input schema gives its fields. */
export function collectHints(schema: unknown, schemas: Record<string, Schema>, hints: Hints, prefix = ""): void {
  if (!isObject(schema)) return;
  const name = refName(schema);
  if (name) {
    collectHints(schemas[name], schemas, hints, "");
    return;
  }
  for (const option of [schema.anyOf, schema.oneOf, schema.allOf].flat()) collectHints(option, schemas, hints, prefix);
  if (isObject(schema.items)) collectHints(schema.items, schemas, hints, "");
  if (!isObject(schema.properties)) return;
  for (const [field, sub] of Object.entries(schema.properties)) {
    if (!isObject(sub)) continue;
    const value = sub.example ?? sub.default;
    if (value !== undefined && !hints.has(prefix + field)) hints.set(prefix + field, value);
    collectHints(sub, schemas, hints, `${prefix}${field}.`);
  }
}

/** The examples of an operation's parameters and JSON body: its module's hints. */
export function hintsOf(op: Operation, schemas: Record<string, Schema>, hints: Hints = new Map()): Hints {
  for (const p of op.parameters ?? []) {
    const value = p.example ?? p.schema?.example ?? p.schema?.default;
    if (value !== undefined && !hints.has(p.name)) hints.set(p.name, value);
  }
  collectHints(op.requestBody?.content?.["application/json"]?.schema, schemas, hints);
  return hints;
}

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

/** Whether `value` has a type (and enum value) the schema allows: a borrowed example must still fit. */
function fits(value: unknown, s: Schema): boolean {
  if (Array.isArray(s.enum)) return s.enum.includes(value);
  const options = (s.anyOf ?? s.oneOf) as Schema[] | undefined;
  if (options) return options.some((option) => fits(value, option));
  const types = [s.type].flat().filter(Boolean);
  const actual = typeOf(value);
  return types.length === 0 || types.some((t) => t === actual || (t === "number" && actual === "integer"));
}

const isInteger = (s: Schema) => [s.type].flat().includes("integer");
const allowsString = (s: Schema): boolean =>
  [s.type].flat().includes("string") || ((s.anyOf ?? s.oneOf) as Schema[] | undefined)?.some(allowsString) === true;

interface Scope {
  schemas: Record<string, Schema>;
  hints: Hints;
  depth: number;
}

/** A copy of the schema ready for the sampler, components inlined (see the top of this file). */
function prepare(node: unknown, scope: Scope, prefix: string): unknown {
  if (Array.isArray(node)) return node.map((item) => prepare(item, scope, prefix));
  if (!isObject(node)) return node;
  const name = refName(node);
  if (name) {
    const target = scope.schemas[name];
    return target && scope.depth < 16 ? prepare(target, { ...scope, depth: scope.depth + 1 }, "") : {};
  }
  const { hints } = scope;
  const s: Schema = { ...node };
  if (s.minimum === -SAFE) delete s.minimum;
  if (s.maximum === SAFE) delete s.maximum;
  for (const key of ["anyOf", "oneOf", "allOf"]) if (s[key]) s[key] = prepare(s[key], scope, prefix);
  if (isObject(s.items)) s.items = prepare(s.items, scope, "");
  if (isObject(s.properties)) {
    s.properties = Object.fromEntries(
      Object.entries(s.properties).map(([field, sub]) => {
        const ready = prepare(sub, scope, `${prefix}${field}.`) as Schema;
        const hint = hints.get(prefix + field);
        if (ownExample(ready)) return [field, ready];
        if (hint !== undefined && fits(hint, ready)) ready.example = hint;
        else if (field.endsWith("At") && allowsString(ready)) ready.example = EXAMPLE_INSTANT;
        else if (isInteger(ready) && ready.minimum === undefined)
          ready.example = 1 + Number(ready.exclusiveMinimum ?? 0);
        return [field, ready];
      }),
    );
  }
  return s;
}

/** An example of `schema` (refs to the document's components allowed), filled from `hints`. */
export function exampleOf(schema: Schema, schemas: Record<string, Schema>, hints: Hints): unknown {
  const ready = prepare(schema, { schemas, hints, depth: 0 }, "") as Schema;
  return sample(ready as never, { quiet: true, enablePatterns: true });
}
