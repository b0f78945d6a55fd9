import { BODIES, type Body, referencing } from "./bodies.js";
import { responseCheckSchema } from "./schema.js";
import type { Endpoint, PostmanRequestItem, PostmanScript, Schema } from "./types.js";

/** Logins and refreshes keep the pair they answer: [access variable, refresh variable]. */
const TOKENS: Record<string, [string, string]> = {
  "auth-login": ["token", "refresh"],
  "auth-refresh": ["token", "refresh"],
  "platform-login": ["operatorToken", "operatorRefresh"],
  "platform-refresh": ["operatorToken", "operatorRefresh"],
};

const PRE_REQUEST: Record<string, string[]> = {
  "tenants-create": [
    "// A slug no run has used, unless the environment names one (CI does, to drop the tenant after).",
    'if (!pm.environment.has("newTenantSlug")) {',
    '  pm.collectionVariables.set("newTenantSlug", "postman-" + Date.now().toString(36));',
    "}",
  ],
  // Registering needs the production order in progress: the run confirmed it just before.
  "production-register": [
    "pm.sendRequest({",
    '  url: pm.variables.replaceIn("{{baseUrl}}/api/production/orders/{{productionOrdersId}}/transition/"),',
    '  method: "POST",',
    "  header: [",
    '    { key: "X-Tenant-ID", value: pm.variables.replaceIn("{{tenant}}") },',
    '    { key: "Authorization", value: pm.variables.replaceIn("Bearer {{token}}") },',
    '    { key: "Content-Type", value: "application/json" },',
    "  ],",
    '  body: { mode: "raw", raw: JSON.stringify({ to: "in_progress" }) },',
    "});",
  ],
};

/** Legacy paths with an action before the id (SPEC 5: `POST /products/sell/{id}`): the action segments. */
const ACTIONS_BEFORE_ID = new Set(["sell"]);

/** Collections whose last segment is another module's collection: `/production/orders` is not `/orders`. */
const NESTED_COLLECTIONS: Record<string, string> = { "production/orders": "productionOrders" };

/** The variable holding the id of the collection a path names: `/clients/{id}` → `clientsId`. */
export function idVariable(path: string): string | undefined {
  const segments = path.split("/").filter(Boolean);
  let at = segments.indexOf("{id}");
  if (at > 1 && ACTIONS_BEFORE_ID.has(segments[at - 1] ?? "")) at -= 1;
  const end = at > 0 ? at : segments.length;
  const nested = end > 1 ? NESTED_COLLECTIONS[segments.slice(end - 2, end).join("/")] : undefined;
  const owner = nested ?? (at > 0 ? segments[at - 1] : segments.at(-1));
  return owner ? `${owner.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())}Id` : undefined;
}

export interface RequestOptions {
  /** The server URL the document names (`/api`), appended to `{{baseUrl}}`. */
  prefix: string;
  /** Stores the id this request answers in this variable (creates, and lists feeding byId). */
  storesId?: string | undefined;
  /** Another name than the operation's summary (the repeated logins). */
  name?: string;
  /** The variable `{id}` reads, when not its collection's (a fresh row made to be deleted). */
  idFrom?: string;
  /** Changes the body after the document's example and BODIES (the fresh row's create). */
  body?: (body: Body) => Body;
}

/** One Postman request for an operation: headers, example body, and the checks of its answer. */
export function postmanRequest(endpoint: Endpoint, schemas: Record<string, Schema>, opts: RequestOptions) {
  const { op, id } = endpoint;
  const segments = endpoint.path
    .split("/")
    .filter(Boolean)
    .map((segment, i, all) => segmentValue(endpoint, segment, i, all, opts.idFrom));
  const path = [...opts.prefix.split("/").filter(Boolean), ...segments, ""];
  const header = [
    ...(endpoint.tenant ? [{ key: "X-Tenant-ID", value: "{{tenant}}" }] : []),
    ...(endpoint.protected
      ? [{ key: "Authorization", value: `Bearer {{${endpoint.tenant ? "token" : "operatorToken"}}}` }]
      : []),
  ];
  const item: PostmanRequestItem = {
    name: opts.name ?? op.summary ?? id,
    event: [{ listen: "test", script: script(testScript(endpoint, schemas, opts)) }],
    request: {
      method: endpoint.method.toUpperCase(),
      description: [op.summary, op.description].filter(Boolean).join("\n\n"),
      header,
      url: { raw: `{{baseUrl}}/${path.join("/")}`, host: ["{{baseUrl}}"], path, query: queryOf(endpoint) },
    },
  };
  const example = op.requestBody?.content?.["application/json"]?.example;
  if (example !== undefined) {
    const base = referencing(BODIES[id]?.(example as Body) ?? example) as Body;
    const body = opts.body ? opts.body(base) : base;
    header.push({ key: "Content-Type", value: "application/json" });
    // Ids are numbers: a reference's placeholder goes in unquoted (Postman substitutes the text).
    const raw = JSON.stringify(body, null, 2).replace(/"(\{\{\w+Id\}\})"/g, "$1");
    item.request.body = { mode: "raw", raw, options: { raw: { language: "json" } } };
  }
  const pre = PRE_REQUEST[id];
  if (pre) item.event?.unshift({ listen: "prerequest", script: script(pre) });
  return item;
}

const script = (exec: string[]): PostmanScript["script"] => ({ type: "text/javascript", exec });

/**
 * `{id}` becomes the variable its collection's create (or list) stored; another parameter
 * (`{status}`) its documented example or first value.
 */
function segmentValue({ op }: Endpoint, segment: string, index: number, all: string[], idFrom?: string): string {
  if (!segment.startsWith("{")) return segment;
  if (segment !== "{id}") {
    const schema = op.parameters?.find((p) => p.in === "path" && `{${p.name}}` === segment)?.schema ?? {};
    return String(schema.example ?? (schema.enum as unknown[] | undefined)?.[0] ?? segment);
  }
  return `{{${idFrom ?? idVariable(`/${all.slice(0, index + 1).join("/")}`)}}}`;
}

function queryOf({ op }: Endpoint): PostmanRequestItem["request"]["url"]["query"] {
  return (op.parameters ?? [])
    .filter((p) => p.in === "query")
    .map((p) => {
      const s = p.schema ?? {};
      const value = s.example ?? s.default ?? (s.enum as unknown[] | undefined)?.[0] ?? "";
      return { key: p.name, value: String(value), disabled: !p.required, description: p.description ?? "" };
    });
}

/** The answer's status and schema are the documented ones; then what later requests need is kept. */
function testScript(endpoint: Endpoint, schemas: Record<string, Schema>, opts: RequestOptions): string[] {
  const where = `${endpoint.method.toUpperCase()} ${endpoint.path}`;
  const lines = [
    `pm.test(${JSON.stringify(`${where} answers ${endpoint.status}`)}, function () {`,
    `  pm.response.to.have.status(${endpoint.status});`,
    "});",
  ];
  if (endpoint.schema) {
    lines.push(
      `const schema = ${JSON.stringify(responseCheckSchema(endpoint.schema, schemas))};`,
      'pm.test("the answer matches the documented schema", function () {',
      "  pm.response.to.have.jsonSchema(schema);",
      "});",
    );
  }
  const tokens = TOKENS[endpoint.id];
  if (tokens) {
    lines.push(
      "if (pm.response.code === 200) {",
      "  const answer = pm.response.json();",
      `  pm.collectionVariables.set(${JSON.stringify(tokens[0])}, answer.access);`,
      `  pm.collectionVariables.set(${JSON.stringify(tokens[1])}, answer.refresh);`,
      "}",
    );
  }
  if (opts.storesId) {
    lines.push(
      `if (pm.response.code === ${endpoint.status}) {`,
      "  const answer = pm.response.json();",
      "  // A list keeps the first row that is not the caller's own session (revoking that would log out).",
      "  const rows = Array.isArray(answer) ? answer : answer.results || [answer];",
      "  const row = rows.find(function (r) { return r.current !== true; });",
      `  if (row) pm.collectionVariables.set(${JSON.stringify(opts.storesId)}, row.id);`,
      "}",
    );
  }
  return lines;
}
