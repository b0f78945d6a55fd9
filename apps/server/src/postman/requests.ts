import { responseCheckSchema } from "./schema.js";
import type { Endpoint, PostmanRequestItem, PostmanScript, Schema } from "./types.js";

type Body = Record<string, unknown>;

/**
 * Bodies that cannot be the document's example when the collection runs against a real server:
 * the credentials and tokens come from the collection's variables, a new tenant needs a slug no
 * run has used (set by its pre-request script) and the server's default database server.
 */
const BODIES: Record<string, (example: Body) => Body> = {
  "auth-login": () => ({ email: "{{email}}", password: "{{password}}" }),
  "auth-refresh": () => ({ refresh: "{{refresh}}" }),
  // The same password again: the run must leave the account as it found it.
  "auth-changePassword": () => ({ currentPassword: "{{password}}", newPassword: "{{password}}" }),
  "platform-login": () => ({ email: "{{operatorEmail}}", password: "{{operatorPassword}}" }),
  "platform-refresh": () => ({ refresh: "{{operatorRefresh}}" }),
  "tenants-create": ({ server: _server, ...example }) => ({ ...example, slug: "{{newTenantSlug}}" }),
};

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
};

/** The variable holding the id of the collection a path names: `/clients/{id}` → `clientsId`. */
export function idVariable(path: string): string | undefined {
  const segments = path.split("/").filter(Boolean);
  const at = segments.indexOf("{id}");
  const owner = at > 0 ? segments[at - 1] : segments.at(-1);
  return owner ? `${owner.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())}Id` : undefined;
}

export interface RequestOptions {
  /** The server URL the document names (`/api`), appended to `{{baseUrl}}`. */
  prefix: string;
  /** Stores the id this request answers in this variable (creates, and lists feeding byId). */
  storesId?: string | undefined;
  /** Another name than the operation's summary (the repeated logins). */
  name?: string;
}

/** One Postman request for an operation: headers, example body, and the checks of its answer. */
export function postmanRequest(endpoint: Endpoint, schemas: Record<string, Schema>, opts: RequestOptions) {
  const { op, id } = endpoint;
  const segments = endpoint.path.split("/").filter(Boolean).map(segmentValue);
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
    const body = BODIES[id]?.(example as Body) ?? example;
    header.push({ key: "Content-Type", value: "application/json" });
    item.request.body = { mode: "raw", raw: JSON.stringify(body, null, 2), options: { raw: { language: "json" } } };
  }
  const pre = PRE_REQUEST[id];
  if (pre) item.event?.unshift({ listen: "prerequest", script: script(pre) });
  return item;
}

const script = (exec: string[]): PostmanScript["script"] => ({ type: "text/javascript", exec });

/** `{id}` becomes the variable its collection's create (or list) stored. */
function segmentValue(segment: string, index: number, all: string[]): string {
  if (!segment.startsWith("{")) return segment;
  return `{{${idVariable(`/${all.slice(0, index + 1).join("/")}`)}}}`;
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
