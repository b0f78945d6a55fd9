import { freshCopy, variablesIn } from "./bodies.js";
import { idVariable, postmanRequest, type RequestOptions } from "./requests.js";
import type { Endpoint, OpenApiDocument, PostmanCollection, PostmanFolder, PostmanRequestItem } from "./types.js";

const METHODS = ["get", "post", "put", "patch", "delete"];
const V2_1 = "https://schema.getpostman.com/json/collection/v2.1.0/collection.json";

/** Operations that end sessions run in the last folder, after everything that needs them. */
const SESSION_ENDERS = ["auth-changePassword", "auth-logout", "auth-logoutAll"];
/** Bodies that are files, not JSON: not in the collection (try them from /docs). */
const SKIPPED = new Set(["auth-uploadAvatar", "auth-uploadAvatarPost", "config-uploadLogo", "config-uploadLogoPost"]);

export interface CollectionOptions {
  /** The server's origin, `http://127.0.0.1:3000`: the `baseUrl` variable's default. */
  baseUrl: string;
  /** The studio and user the collection logs in as by default (the demo owner on development servers). */
  login: { tenant: string; email: string; password: string };
}

/**
 * The Postman Collection (v2.1) of the document: a login first, then one folder per module of the
 * studio operations, the platform operators' folder, and the session-ending requests last. Every
 * request sends its example body and checks the documented status and response schema; creates
 * keep the new id for the requests that need one, so the whole collection runs in order (newman,
 * or Postman's runner) against a live server. See README, "The API documents".
 */
export function buildPostmanCollection(doc: OpenApiDocument, opts: CollectionOptions): PostmanCollection {
  const schemas = doc.components?.schemas ?? {};
  const prefix = (doc as { servers?: { url: string }[] }).servers?.[0]?.url ?? "";
  const endpoints = endpointsOf(doc).filter((e) => !SKIPPED.has(e.id));
  const byId = new Map(endpoints.map((e) => [e.id, e]));
  const paths = new Set(endpoints.map((e) => e.path));
  const created = new Set(endpoints.filter((e) => e.status === 201).map((e) => e.path));
  // Creates keep their id; a list keeps one when its module has no create (sessions).
  const storesId = (e: Endpoint) =>
    (e.status === 201 || (e.method === "get" && !created.has(e.path))) && paths.has(`${e.path}/{id}`)
      ? idVariable(e.path)
      : undefined;
  /** What each request stores, for the run order. */
  const stores = new Map<PostmanRequestItem, string>();
  const request = (e: Endpoint, name?: string, extra: Partial<RequestOptions> = {}): PostmanRequestItem => {
    const opts = { prefix, storesId: storesId(e), ...(name ? { name } : {}), ...extra };
    const item = postmanRequest(e, schemas, opts);
    if (opts.storesId) stores.set(item, opts.storesId);
    return item;
  };
  const creates = new Map(endpoints.filter((e) => e.method === "post" && e.status === 201).map((e) => [e.path, e]));
  /**
   * A delete removes a second row made just before it, never the one the rest of the run points
   * at (an order, a contract or a booking names it, or it has moved on from where a delete is allowed).
   */
  const withDeletes = (e: Endpoint): PostmanRequestItem[] => {
    const collection = e.method === "delete" && e.path.endsWith("/{id}") ? e.path.slice(0, -"/{id}".length) : "";
    const create = creates.get(collection);
    if (!create) return [request(e)];
    const variable = `${idVariable(collection)?.replace(/Id$/, "")}DeleteId`;
    return [
      request(create, `${create.op.summary ?? create.id} (a second one, to delete)`, {
        storesId: variable,
        body: freshCopy,
      }),
      request(e, undefined, { idFrom: variable }),
    ];
  };
  const need = (id: string) => {
    const found = byId.get(id);
    if (!found) throw new Error(`postman: the document has no operation ${id}`);
    return found;
  };

  const studio = endpoints.filter((e) => e.tenant && !SESSION_ENDERS.includes(e.id));
  const platform = endpoints.filter((e) => !e.tenant && e.id !== "platform-login" && e.id !== "platform-logout");
  const folders = dependenciesFirst(
    (doc.tags ?? [])
      .map((tag) => ({
        name: tag.name,
        description: tag.description ?? "",
        item: providersFirst(
          inRunOrder(studio.filter((e) => e.op.tags?.[0] === tag.name)).flatMap(withDeletes),
          stores,
        ),
      }))
      .filter((folder) => folder.item.length > 0),
    stores,
  );
  const operators: PostmanFolder = {
    name: "platform operators",
    description:
      "Platform operations, as an operator: set `operatorEmail` and `operatorPassword` (an operator made with `npm run tenants -- operator create`), or skip this folder. Creates, suspends and resumes a tenant named `newTenantSlug` (a fresh one each run unless the environment names it).",
    item: [
      request(need("platform-login")),
      ...inRunOrder(platform).map((e) => request(e)),
      request(need("platform-logout")),
    ],
  };
  const last: PostmanFolder = {
    name: "sessions end",
    description: "Run last: they end sessions (the password is changed to itself).",
    item: [
      request(need("auth-changePassword")),
      request(need("auth-logout")),
      request(need("auth-login"), "Log in again"),
      request(need("auth-logoutAll")),
    ],
  };
  return {
    info: {
      name: doc.info.title,
      version: doc.info.version,
      schema: V2_1,
      description: [
        "Generated from the server's /openapi.json: the same operations, with their examples.",
        "Set `baseUrl`, `tenant`, `email` and `password`, then run the collection in order: the first request logs in and keeps the access token in `token`; every studio request sends `X-Tenant-ID: {{tenant}}` and `Authorization: Bearer {{token}}`, checks the documented status and response schema, and creates keep their new ids for the requests after them. The avatar and logo uploads (file bodies) are left out: try them from /docs.",
      ].join("\n\n"),
    },
    variable: [
      { key: "baseUrl", value: opts.baseUrl, description: "The server, without /api" },
      { key: "tenant", value: opts.login.tenant, description: "The studio's slug (X-Tenant-ID)" },
      { key: "email", value: opts.login.email, description: "A user of that studio" },
      { key: "password", value: opts.login.password, description: "Their password" },
      { key: "token", value: "", description: "Set by the login: the access token" },
      { key: "refresh", value: "", description: "Set by the login: the refresh token" },
      { key: "operatorEmail", value: "", description: "A platform operator (the platform folder)" },
      { key: "operatorPassword", value: "", description: "Their password" },
      { key: "operatorToken", value: "", description: "Set by the operator login" },
      { key: "operatorRefresh", value: "", description: "Set by the operator login" },
      { key: "newTenantSlug", value: "", description: "The tenant the platform folder creates" },
    ],
    item: [request(need("auth-login"), "Log in (keeps the token)"), ...folders, operators, last],
  };
}

function endpointsOf(doc: OpenApiDocument): Endpoint[] {
  return Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    METHODS.flatMap((method) => {
      const op = item?.[method];
      if (!op) return [];
      const status = Object.keys(op.responses ?? {}).find((s) => s.startsWith("2")) ?? "200";
      return [
        {
          path,
          method,
          op,
          id: op.operationId ?? `${method} ${path}`,
          tenant: op.parameters?.some((p) => p.in === "header" && p.name.toLowerCase() === "x-tenant-id") ?? false,
          protected: (op.security?.length ?? 0) > 0,
          status: Number(status),
          schema: op.responses?.[status]?.content?.["application/json"]?.schema,
        },
      ];
    }),
  );
}

/**
 * Within a module: logins first, creates (which keep their id), reads, replaces, patches, other
 * actions, deletes last, each in document order.
 */
function inRunOrder(endpoints: Endpoint[]): Endpoint[] {
  const rank = (e: Endpoint) => {
    if (e.id.endsWith("-login")) return 0;
    if (e.status === 201) return 1;
    if (e.method === "get") return e.path.includes("{") ? 3 : 2;
    return { put: 4, patch: 5, post: 6, delete: 7 }[e.method] ?? 6;
  };
  return endpoints
    .map((e, i) => ({ e, i }))
    .sort((a, b) => rank(a.e) - rank(b.e) || a.i - b.i)
    .map(({ e }) => e);
}

/** The variables a request reads (path and body), other than the collection's own settings. */
function needs(item: PostmanRequestItem): string[] {
  return variablesIn(`${item.request.url.raw} ${item.request.body?.raw ?? ""}`).filter((v) => v.endsWith("Id"));
}

/** Within a folder: a request that reads an id another one stores runs after it (stable otherwise). */
function providersFirst(items: PostmanRequestItem[], stores: Map<PostmanRequestItem, string>): PostmanRequestItem[] {
  const placed: PostmanRequestItem[] = [];
  const pending = [...items];
  while (pending.length > 0) {
    const ready = pending.findIndex((item) =>
      needs(item).every(
        (v) => placed.some((p) => stores.get(p) === v) || !pending.some((p) => p !== item && stores.get(p) === v),
      ),
    );
    const [next] = pending.splice(Math.max(0, ready), 1);
    if (next) placed.push(next);
  }
  return placed;
}

/** Folders whose creates store ids other folders read (clients before orders) go first; else the tags' order. */
function dependenciesFirst(folders: PostmanFolder[], stores: Map<PostmanRequestItem, string>): PostmanFolder[] {
  const storedBy = (folder: PostmanFolder) => new Set(folder.item.map((i) => stores.get(i)).filter(Boolean));
  const placed: PostmanFolder[] = [];
  const pending = [...folders];
  while (pending.length > 0) {
    const ready = pending.findIndex((folder) => {
      const own = storedBy(folder);
      const wanted = folder.item.flatMap(needs).filter((v) => !own.has(v));
      return wanted.every((v) => !pending.some((other) => other !== folder && storedBy(other).has(v)));
    });
    const [next] = pending.splice(Math.max(0, ready), 1);
    if (next) placed.push(next);
  }
  return placed;
}
