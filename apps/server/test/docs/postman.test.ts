import { createOperator, operators } from "@fotostudio/db";
import { createTestTenant, dropTenant, TEST_PASSWORD, uniqueSlug } from "@fotostudio/db/testing";
import { eq } from "drizzle-orm";
import newman, { type NewmanRunSummary } from "newman";
import type { OpenAPIV3_1 } from "openapi-types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PostmanCollection, PostmanFolder, PostmanRequestItem } from "../../src/postman/types.js";
import { startServer, type TestServer } from "../support/server.js";

// CI runs /postman.json with newman, as an integrator would run it in Postman: against the real
// server, in a fresh studio as its owner and as a platform operator made for the run. Every
// request's own test script checks the documented status and the response against its schema;
// the run must end with no failure.

let server: TestServer;
let tenant: string;
const operator = { email: `${uniqueSlug("op")}@platform.test`, password: "operator-password-123" };
const newTenantSlug = uniqueSlug("pm");

beforeAll(async () => {
  server = await startServer();
  tenant = (await createTestTenant(server.layer)).slug;
  await createOperator(server.layer.control, {
    email: operator.email,
    name: "Postman Operator",
    password: operator.password,
  });
});

afterAll(async () => {
  if (!server) return;
  await dropTenant(server.layer, newTenantSlug);
  if (tenant) await dropTenant(server.layer, tenant);
  await server.layer.control.delete(operators).where(eq(operators.email, operator.email));
  await server.close();
});

const requestsOf = (items: (PostmanFolder | PostmanRequestItem)[]): PostmanRequestItem[] =>
  items.flatMap((item) => ("item" in item ? requestsOf(item.item) : [item]));

function run(collection: PostmanCollection, env: Record<string, string>) {
  return new Promise<NewmanRunSummary>((resolve, reject) => {
    newman.run(
      {
        collection: collection as never,
        envVar: Object.entries(env).map(([key, value]) => ({ key, value })),
        reporters: [],
        timeoutRequest: 10_000,
      },
      (error, summary) => (error ? reject(error) : resolve(summary)),
    );
  });
}

describe("/postman.json", () => {
  it("is a v2.1 collection that logs in first and names the studio and the token on every studio request", async () => {
    const res = await fetch(`${server.url}/postman.json`);
    expect(res.status).toBe(200);
    const collection = (await res.json()) as PostmanCollection;
    expect(collection.info.schema).toBe("https://schema.getpostman.com/json/collection/v2.1.0/collection.json");
    const variables = Object.fromEntries(collection.variable.map((v) => [v.key, v.value]));
    expect(variables).toMatchObject({ baseUrl: server.url, tenant: "demo", email: "owner@demo.test", token: "" });
    const requests = requestsOf(collection.item);
    expect(requests[0]?.request.url.raw).toBe("{{baseUrl}}/api/auth/login/");
    expect(requests[0]?.event?.flatMap((e) => e.script.exec).join("\n")).toContain('set("token", answer.access)');
    // Each request against the operation it was made from: studio header and token as documented.
    const doc = (await (await fetch(`${server.url}/openapi.json`)).json()) as OpenAPIV3_1.Document;
    // A documented path as the collection fills it: `{id}` a stored id variable, others a value.
    const segment = (seg: string) => (seg === "{id}" ? "\\{\\{\\w+Id\\}\\}" : seg.startsWith("{") ? "[^/]+" : seg);
    const templates = Object.keys(doc.paths ?? {}).map((path) => ({
      path,
      pattern: new RegExp(`^${path.split("/").map(segment).join("/")}$`),
    }));
    for (const { name, request } of requests) {
      const filled = `/${request.url.path.slice(1, -1).join("/")}`;
      const path =
        templates.find((t) => t.pattern.test(filled) && doc.paths?.[t.path]?.[request.method.toLowerCase() as "get"])
          ?.path ?? filled;
      const op = doc.paths?.[path]?.[request.method.toLowerCase() as "get"];
      expect(op, `${request.method} ${path}`).toBeDefined();
      const headers = Object.fromEntries(request.header.map((h) => [h.key, h.value]));
      const params = (op?.parameters ?? []) as OpenAPIV3_1.ParameterObject[];
      const tenantOp = params.some((p) => p.name === "x-tenant-id");
      expect(headers["X-Tenant-ID"], name).toBe(tenantOp ? "{{tenant}}" : undefined);
      const token = tenantOp ? "Bearer {{token}}" : "Bearer {{operatorToken}}";
      expect(headers.Authorization, name).toBe(op?.security?.length ? token : undefined);
    }
  });

  it("runs with newman against the server with no failure", async () => {
    const collection = (await (await fetch(`${server.url}/postman.json`)).json()) as PostmanCollection;
    const summary = await run(collection, {
      baseUrl: server.url,
      tenant,
      email: `owner@${tenant}.test`,
      password: TEST_PASSWORD,
      operatorEmail: operator.email,
      operatorPassword: operator.password,
      newTenantSlug,
    });
    const failures = summary.run.failures.map(
      (f) => `${(f.source as { name?: string } | undefined)?.name ?? "?"}: ${f.error?.test ?? ""} ${f.error?.message}`,
    );
    expect(failures, failures.join("\n")).toEqual([]);
    // A pre-request's own call (pm.sendRequest, e.g. starting a production order before its
    // registration) is listed as another execution of its item: count the items that ran.
    const executed = [...new Set(summary.run.executions.map((e) => e.item.id))];
    expect(executed).toHaveLength(requestsOf(collection.item).length);
    expect(summary.run.stats.assertions.total).toBeGreaterThanOrEqual(2 * executed.length - 4);
    expect(summary.run.stats.assertions.failed).toBe(0);
  });

  it("fails a request whose answer does not match its schema (the checks really run)", async () => {
    const collection = (await (await fetch(`${server.url}/postman.json`)).json()) as PostmanCollection;
    const [login] = requestsOf(collection.item);
    if (!login?.event) throw new Error("no login request");
    const test = login.event.find((e) => e.listen === "test");
    if (!test) throw new Error("no test script");
    test.script.exec = test.script.exec.map((line) =>
      line.startsWith("const schema =")
        ? 'const schema = { "type": "object", "required": ["nothing-answers-this"] };'
        : line,
    );
    const summary = await run(
      { ...collection, item: [login] },
      { baseUrl: server.url, tenant, email: `owner@${tenant}.test`, password: TEST_PASSWORD },
    );
    expect(summary.run.failures.map((f) => f.error?.test)).toEqual(["the answer matches the documented schema"]);
  });
});
