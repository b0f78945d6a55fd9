import { type Access, appRouter, type Meta, PERMISSIONS } from "@fotostudio/api";
import { type DataLayer, type TenantRecord, tenants } from "@fotostudio/db";
import { errorCode, type FotoStudioClient } from "@fotostudio/sdk";
import { eq } from "drizzle-orm";
import type { OpenApiMeta } from "trpc-to-openapi";
import { describe, expect } from "vitest";
import { inputProblems, sampleInput } from "../support/samples.js";
import { type Studio, type StudioTenant, studioTest } from "../support/studio.js";

// Tenant isolation, data-driven like the permission walk beside it: every procedure of the router
// that takes an id (an `id` in its zod input, `{id}` in its REST path) is called from tenant B, as
// B's owner (who holds every permission), with the id of a row that exists in tenant A, over REST
// and over tRPC. It must answer 404 NOT_FOUND (never 200, 403 or 500) and change nothing in A; the
// same call from A's owner then succeeds, which proves the id was real. A procedure added later is
// walked without editing this file: its row is made by its collection's create (`POST /x` for
// `/x/{id}`) with an input read from the create's own schema (support/samples.ts).
//
// A's AUTO_INCREMENT counters start at FLOOR, so A's new rows have ids B has never handed out.

const FLOOR = 1_000_000;

type ProcedureMeta = OpenApiMeta<Meta>;
interface Procedure {
  name: string;
  type: "query" | "mutation";
  meta: ProcedureMeta | undefined;
  inputs: readonly unknown[];
  /** The top-level fields of its input object(s). */
  fields: string[];
}

/** The object schema inside optional/default/nullable/pipe wrappers, or undefined. */
function fieldsOf(schema: unknown): string[] {
  let def = (schema as { _zod?: { def?: Record<string, unknown> } })?._zod?.def;
  while (def && def.type !== "object") {
    const inner = (def.innerType ?? def.in) as { _zod?: { def?: Record<string, unknown> } } | undefined;
    def = inner?._zod?.def;
  }
  return def ? Object.keys(def.shape as object) : [];
}

const procedures: Procedure[] = Object.entries(
  appRouter._def.procedures as unknown as Record<
    string,
    { _def: { type: "query" | "mutation"; meta?: ProcedureMeta; inputs?: unknown[] } }
  >,
).map(([name, p]) => ({
  name,
  type: p._def.type,
  meta: p._def.meta,
  inputs: p._def.inputs ?? [],
  fields: (p._def.inputs ?? []).flatMap(fieldsOf),
}));

const restPath = (p: Procedure) => p.meta?.openapi?.path ?? "";
const takesId = (p: Procedure) => p.fields.includes("id") || restPath(p).includes("{id}");
/** Tenant data (a tenant permission or any logged-in user) or platform-wide (operators). */
function scopeOf(permission: Access | string | undefined): "public" | "tenant" | "platform" {
  if (permission === "public") return "public";
  if (permission === "authenticated" || (PERMISSIONS as readonly string[]).includes(permission ?? "")) return "tenant";
  return "platform";
}

/**
 * Collections whose rows no `POST` creates: how a row comes to exist in A. Each answers nothing;
 * the row is then the newest one the collection's `GET` lists.
 */
const PRODUCERS: Record<string, (a: StudioTenant) => Promise<unknown>> = {
  // A session is opened by logging in; GET /auth/sessions lists the user's own.
  "/auth/sessions": (a) => a.owner.login(),
};

/**
 * Fields derived from the clock (days left until a contract ends, an order running late): the
 * studio's midnight may fall between two reads. The tables' checksums prove nothing was written.
 */
const CLOCK_FIELDS = new Set(["daysLeft", "expired", "late"]);
function unclocked(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(unclocked);
  if (!value || typeof value !== "object" || value instanceof Date) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !CLOCK_FIELDS.has(key))
      .map(([key, field]) => [key, unclocked(field)]),
  );
}

/** A's new row made through A's own API: its id. */
async function created(a: Studio, path: string, body: Record<string, unknown>): Promise<number> {
  const res = await a.owner.http("POST", path, { body });
  if (res.status !== 201 || typeof res.body?.id !== "number")
    throw new Error(`isolation walk: POST ${path} answered ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

/**
 * Rows a body refers to (`clientId`, a frame line's `mouldingId`…), made in A once per field so
 * that A's own call can succeed. Any other `…Id` field holding a number is an optional link the
 * sample leaves out (`taxId` is a document, not a link).
 */
const REFERENCES: Record<string, (a: Studio) => Promise<number>> = {
  clientId: (a) => created(a, "/api/clients/", { kind: "person", name: "Walk Client", phone: "+51 987 654 321" }),
  schoolId: (a) =>
    created(a, "/api/clients/", {
      kind: "school",
      name: "I.E. Walk",
      contactName: "Walk Director",
      taxId: "20123456789",
      phone: "+51 1 555 0101",
    }),
  serviceId: (a) => created(a, "/api/config/services/", { name: "Walk service", basePrice: "10.00", estimatedDays: 1 }),
  resourceId: (a) => created(a, "/api/appointments/resources/", { name: "Walk room", kind: "room" }),
  // A stock movement's material (any material takes a receipt).
  materialId: (a) =>
    created(a, "/api/inventory/materials/", {
      category: "diseno",
      code: "WALK-MATERIAL",
      name: "Walk material",
      costPrice: "10.00",
    }),
  mouldingId: (a) =>
    created(a, "/api/inventory/materials/", {
      category: "varillas",
      code: "WALK-MOULDING",
      name: "Walk moulding",
      unit: "m",
      faceWidthMm: 30,
      costPrice: "10.00",
    }),
};

/** Legacy paths with an action before the id (`POST /products/sell/{id}`): the collection whose row it names. */
const ACTION_COLLECTIONS: Record<string, string> = { "/products/sell": "/products" };

/** Platform-wide collections: which of A's records their ids name. */
const PLATFORM_IDS: Record<string, (a: Studio) => number> = {
  "/tenants": (a) => a.record.id,
};

interface Plan {
  procedure: Procedure;
  collection: string;
  /** POST /collection, when there is one. */
  create: Procedure | undefined;
  /** GET /collection/{id}, else GET /collection: reads A's row back. */
  read: Procedure | undefined;
}

const byRoute = (method: string, path: string) =>
  procedures.find((p) => p.meta?.openapi?.method === method && restPath(p) === path);

/** Every id-taking procedure and how to get it an id; `problems` says what the walk cannot do. */
function planWalk() {
  const plans: Plan[] = [];
  const problems: string[] = [];
  for (const procedure of procedures.filter(takesId)) {
    const path = restPath(procedure);
    const match = /^(\/.*?)\/\{id\}(\/[^{}]*)?$/.exec(path);
    const scope = scopeOf(procedure.meta?.permission);
    if (!match?.[1]) {
      problems.push(`${procedure.name}: takes an id but its REST path "${path}" has no single /{id} segment`);
      continue;
    }
    if (!procedure.fields.includes("id")) problems.push(`${procedure.name}: {id} in the path but no id in the input`);
    if (scope === "public") problems.push(`${procedure.name}: a public procedure that takes an id`);
    const collection = ACTION_COLLECTIONS[match[1]] ?? match[1];
    const create = byRoute("POST", collection);
    const read = byRoute("GET", `${collection}/{id}`) ?? byRoute("GET", collection);
    if (scope === "platform" && !PLATFORM_IDS[collection])
      problems.push(`${procedure.name}: platform ids of ${collection} unknown: add it to PLATFORM_IDS`);
    if (scope === "tenant" && !create && !PRODUCERS[collection])
      problems.push(
        `${procedure.name}: nothing makes a row of ${collection} in A: no POST ${collection} and no entry in PRODUCERS`,
      );
    if (scope === "tenant" && !read) problems.push(`${procedure.name}: no GET ${collection}/{id} or GET ${collection}`);
    plans.push({ procedure, collection, create, read });
  }
  return { plans, problems };
}

const { plans, problems } = planWalk();
const tenantPlans = plans.filter((p) => scopeOf(p.procedure.meta?.permission) === "tenant");
const platformPlans = plans.filter((p) => scopeOf(p.procedure.meta?.permission) === "platform");
// The rows are shared per collection; a DELETE's proof (A deleting its own row) goes last.
const isDelete = (p: Plan) => p.procedure.meta?.openapi?.method === "DELETE";
const ordered = [...tenantPlans.filter((p) => !isDelete(p)), ...tenantPlans.filter(isDelete)];

/** `/api/...` with the path parameters filled in, the query string and the JSON body of a REST call. */
function restRequest(procedure: Procedure, input: Record<string, unknown>) {
  const openapi = procedure.meta?.openapi;
  if (!openapi) throw new Error(`${procedure.name}: no REST operation`);
  const params = [...openapi.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? "");
  const rest = Object.fromEntries(Object.entries(input).filter(([key]) => !params.includes(key)));
  const path = `/api${openapi.path.replace(/\{(\w+)\}/g, (_, key: string) => encodeURIComponent(String(input[key])))}/`;
  if (openapi.method === "GET" || openapi.method === "DELETE") {
    const query = new URLSearchParams(
      Object.entries(rest).map(([k, v]): [string, string] => [k, String(v)]),
    ).toString();
    return { method: openapi.method, path: query ? `${path}?${query}` : path, body: undefined };
  }
  return { method: openapi.method, path, body: rest };
}

/** Calls a procedure by its dotted name through an SDK client. */
function callTrpc(client: FotoStudioClient, procedure: Procedure, input: unknown) {
  const target = procedure.name
    .split(".")
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], client) as {
    query(input: unknown): Promise<unknown>;
    mutate(input: unknown): Promise<unknown>;
  };
  return procedure.type === "query" ? target.query(input) : target.mutate(input);
}

/**
 * Every row of every table of a tenant database (sorted here: some keys span columns): equal
 * before and after means nothing changed, and when something did, the diff names the row. (It was CHECKSUM
 * TABLE, whose one red CI run said only that some table changed.)
 */
async function fingerprint(layer: DataLayer, record: TenantRecord) {
  const admin = layer.pools.client(record.serverName, null);
  const [tables] = (await admin.query(
    "SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME",
    [record.databaseName],
  )) as [{ name: string }[]];
  const contents = await Promise.all(
    tables.map(async ({ name }) => {
      const [rows] = (await admin.query({
        sql: "SELECT * FROM ??.??",
        values: [record.databaseName, name],
        rowsAsArray: true,
      })) as [unknown[][]];
      return [name, rows.map((row) => JSON.stringify(row)).sort()] as const;
    }),
  );
  return Object.fromEntries(contents);
}

/** The next AUTO_INCREMENT value of every table of a tenant database. */
async function counters(layer: DataLayer, record: TenantRecord) {
  const [rows] = (await layer.pools
    .client(record.serverName, null)
    .query(
      "SELECT TABLE_NAME AS name, AUTO_INCREMENT AS next FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND AUTO_INCREMENT IS NOT NULL",
      [record.databaseName],
    )) as [{ name: string; next: number | string }[]];
  return rows.map((r) => ({ table: r.name, next: Number(r.next) }));
}

/** Tenant A (the studio, counters raised) and tenant B (`other`), and the rows made in A so far. */
class Walk {
  private readonly rows = new Map<string, Promise<number>>();
  constructor(
    readonly a: Studio,
    readonly b: StudioTenant,
  ) {}

  /** The id of a row of `plan.collection` in A (made once per collection). */
  idFor(plan: Plan): Promise<number> {
    let id = this.rows.get(plan.collection);
    if (!id) {
      id = this.make(plan);
      this.rows.set(plan.collection, id);
    }
    return id;
  }

  forget(plan: Plan) {
    this.rows.delete(plan.collection);
  }

  private readonly references = new Map<string, Promise<number>>();

  /** The sample with every reference a row of A (REFERENCES), and other `…Id` links left out. */
  async referencing<T>(value: T): Promise<T> {
    if (Array.isArray(value)) return (await Promise.all(value.map((v) => this.referencing(v)))) as T;
    if (!value || typeof value !== "object" || value instanceof Date) return value;
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value)) {
      const make = REFERENCES[key];
      if (make) {
        let id = this.references.get(key);
        if (!id) {
          id = make(this.a);
          this.references.set(key, id);
        }
        out[key] = await id;
      } else if (!(key !== "id" && key.endsWith("Id") && (typeof field === "number" || field === null)))
        out[key] = await this.referencing(field);
    }
    return out as T;
  }

  private async make({ collection, create, read }: Plan): Promise<number> {
    if (create) {
      const input = await this.referencing(sampleInput(create.inputs[0]));
      const invalid = inputProblems(create.inputs, input);
      if (invalid.length > 0)
        throw new Error(
          `isolation walk: no valid input for ${create.name} (${invalid.join("; ")}): give those fields an example (.meta({ example })) or a value in support/samples.ts FIELD_VALUES`,
        );
      const { method, path, body } = restRequest(create, input);
      const res = await this.a.owner.http(method, path, { body });
      if (res.status >= 300 || typeof res.body?.id !== "number")
        throw new Error(
          `isolation walk: ${create.name} with ${JSON.stringify(input)} answered ${res.status} ${JSON.stringify(res.body)}`,
        );
      return res.body.id;
    }
    await PRODUCERS[collection]?.(this.a);
    const rows = (await this.read({ read } as Plan)) as { id: number }[];
    const newest = Math.max(...rows.map((r) => r.id));
    if (!(newest >= FLOOR)) throw new Error(`isolation walk: no new row of ${collection} in A`);
    return newest;
  }

  /** A's row as A's owner reads it (GET /x/{id}), or every row of GET /x when there is no such route. */
  async read({ read }: Pick<Plan, "read">, id?: number): Promise<unknown> {
    if (!read) throw new Error("no reader");
    if (restPath(read).includes("{id}")) {
      const res = await this.a.owner.http("GET", restRequest(read, { id }).path);
      return { status: res.status, body: res.body };
    }
    const res = await this.a.owner.http("GET", restRequest(read, {}).path);
    const rows = (Array.isArray(res.body) ? res.body : res.body?.results) as { id: number }[];
    return id === undefined ? rows : rows.find((r) => r.id === id);
  }

  /**
   * The input the walk sends: fresh values for every field of the procedure's own schema (so a
   * write that got through would show), else for its required ones, else the create's input, else
   * the bare id; the first its schema accepts.
   */
  async inputFor(plan: Plan, id: number): Promise<Record<string, unknown>> {
    const { procedure, create } = plan;
    const own = procedure.inputs[0];
    const sampled = [
      sampleInput(own, { every: true }),
      sampleInput(own),
      ...(create ? [sampleInput(create.inputs[0])] : []),
    ];
    const candidates = [
      ...(await Promise.all(sampled.map((c) => this.referencing(c)))).map((c) => ({ ...c, id })),
      { id },
    ];
    const valid = candidates.find((c) => inputProblems(procedure.inputs, c).length === 0);
    if (!valid)
      throw new Error(
        `isolation walk: no valid input for ${procedure.name}: ${inputProblems(procedure.inputs, candidates[0]).join("; ")}`,
      );
    // Only the fields the procedure declares (zod would strip the others anyway).
    return Object.fromEntries(Object.entries(valid).filter(([key]) => procedure.fields.includes(key)));
  }

  /** The call over tRPC through the SDK: its error code and the HTTP status that carried it. */
  async trpc(tenant: StudioTenant, token: string, procedure: Procedure, input: unknown) {
    let status = 0;
    const client = tenant.sdk({
      token,
      fetch: async (url, init) => {
        const response = await fetch(url, init);
        status = response.status;
        return response;
      },
    });
    const code = await callTrpc(client, procedure, input).then(
      () => "OK",
      (error: unknown) => errorCode(error) ?? String(error),
    );
    return { status, code };
  }
}

const it = studioTest().extend<{ $file: { walk: Walk } }>({
  walk: [
    async ({ studio, other }, use) => {
      const admin = studio.layer.pools.client(studio.record.serverName, null);
      for (const { table } of await counters(studio.layer, studio.record))
        await admin.query("ALTER TABLE ??.?? AUTO_INCREMENT = ?", [studio.record.databaseName, table, FLOOR]);
      await use(new Walk(studio, other));
    },
    { scope: "file" },
  ],
});

describe("the isolation walk: every procedure that takes an id", () => {
  it("is found, and each has a way to get an id of tenant A", () => {
    expect(tenantPlans.map((p) => p.procedure.name)).toEqual(
      expect.arrayContaining([
        "auth.revokeSession",
        "clients.byId",
        "clients.update",
        "clients.patch",
        "clients.delete",
        "roles.byId",
        "users.delete",
      ]),
    );
    expect(problems).toEqual([]);
  });

  it("gets ids in A that B can never have had: A counts from FLOOR, B far below it", async ({ walk }) => {
    const a = await counters(walk.a.layer, walk.a.record);
    const b = await counters(walk.a.layer, walk.b.record);
    expect(a.length).toBeGreaterThan(0);
    expect(a.filter((c) => c.next < FLOOR)).toEqual([]);
    expect(b.filter((c) => c.next >= FLOOR)).toEqual([]);
  });

  it.for(ordered.map((plan) => [plan.procedure.name, plan] as const))(
    "%s: B gets 404 NOT_FOUND for A's id over REST and tRPC, and A is left as it was",
    async ([name, plan], { walk }) => {
      const { a, b } = walk;
      const { procedure } = plan;
      const id = await walk.idFor(plan);
      expect(id, `${name}: A's row id`).toBeGreaterThanOrEqual(FLOOR);
      const input = await walk.inputFor(plan, id);
      const before = unclocked(await walk.read(plan, id));
      expect(before, `${name}: the row exists in A`).toBeDefined();
      const sums = await fingerprint(a.layer, a.record);

      const overRest = procedure.meta?.openapi?.enabled !== false;
      if (overRest) {
        const { method, path, body } = restRequest(procedure, input);
        const res = await b.owner.http(method, path, { body });
        expect(res.status, `${method} ${path} as B's owner: ${JSON.stringify(res.body)}`).toBe(404);
        expect(res.body.code).toBe("NOT_FOUND");
      }
      expect(await walk.trpc(b, b.owner.token, procedure, input), `tRPC ${name} as B's owner`).toEqual({
        status: 404,
        code: "NOT_FOUND",
      });

      expect(await fingerprint(a.layer, a.record), "A's tables after B's calls").toEqual(sums);
      expect(unclocked(await walk.read(plan, id)), "A's row after B's calls").toEqual(before);

      // The same call from A's owner reaches the row: the id was real. It succeeds, or a business
      // rule of the row's own state answers (a sampled transition the state does not allow, a
      // sampled CSV with no valid row): never 404, never 400 or 500.
      const reached = (status: number, code: unknown) =>
        (status >= 200 && status < 300) || ((status === 409 || status === 422) && code !== "NOT_FOUND");
      if (overRest) {
        const { method, path, body } = restRequest(procedure, input);
        const own = await a.owner.http(method, path, { body });
        expect(
          reached(own.status, own.body?.code),
          `${method} ${path} as A's owner: ${own.status} ${JSON.stringify(own.body)}`,
        ).toBe(true);
      } else {
        const own = await walk.trpc(a, a.owner.token, procedure, input);
        expect(
          reached(own.status, own.code) || own.code === "OK",
          `tRPC ${name} as A's owner: ${JSON.stringify(own)}`,
        ).toBe(true);
      }
      if (isDelete(plan)) walk.forget(plan);
    },
  );
});

describe("platform procedures that take an id (operators only: ids of the control database, not of a tenant)", () => {
  // Not a tenant's rows, so no 404 to expect: what isolation means for them is that no tenant's
  // user reaches them. B's owner names A's tenant id and is refused (401), and A is left as it was.
  it.for(platformPlans.map((plan) => [plan.procedure.name, plan] as const))(
    "%s: refuses B's owner (401) for A's tenant id, over REST and tRPC",
    async ([name, plan], { walk }) => {
      const { a, b } = walk;
      const id = PLATFORM_IDS[plan.collection]?.(a);
      if (id === undefined) throw new Error(`no platform id for ${plan.collection}`);
      const record = async () => (await a.layer.control.select().from(tenants).where(eq(tenants.id, id)))[0];
      const before = await record();
      const input = await walk.inputFor(plan, id);
      const { method, path, body } = restRequest(plan.procedure, input);
      for (const tenant of [b.slug, undefined]) {
        const res = await b.owner.http(method, path, { tenant, body });
        expect(res.status, `${method} ${path} as B's owner, tenant ${tenant}`).toBe(401);
        expect(res.body.code).toBe("UNAUTHORIZED");
      }
      expect(await walk.trpc(b, b.owner.token, plan.procedure, input), `tRPC ${name}`).toEqual({
        status: 401,
        code: "UNAUTHORIZED",
      });
      expect(await record()).toEqual(before);
      expect((await a.owner.http("GET", "/api/tenants/current/")).status).toBe(200);
    },
  );
});
