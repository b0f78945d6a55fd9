import { DEMO_PASSWORD } from "@fotostudio/db";
import { createClient, errorCode } from "@fotostudio/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureDemoTenants, http, login, startServer, type TestServer } from "./support/server.js";

// Tenant isolation over every transport: a client created in `demo` must be invisible and
// unreachable from `norte`, whether asked by list, by id, or through a write.
let server: TestServer;
let secretId: number;
let demoToken: string;
let norteToken: string;
const marker = `Aislado ${Date.now()}`;
const demoClient = () => createClient({ url: server.url, tenant: "demo", token: demoToken });
const norteClient = () => createClient({ url: server.url, tenant: "norte", token: norteToken });

beforeAll(async () => {
  server = await startServer();
  await ensureDemoTenants(server.layer);
  demoToken = await login(server.url, "demo", "owner@demo.test", DEMO_PASSWORD);
  norteToken = await login(server.url, "norte", "owner@norte.test", DEMO_PASSWORD);
  const demo = demoClient();
  secretId = (await demo.clients.create.mutate({ name: marker, email: "aislado@demo.test" })).id;
});
afterAll(async () => {
  await demoClient()
    .clients.delete.mutate({ id: secretId })
    .catch(() => {});
  await server.close();
});

describe("demo's client, seen from norte", () => {
  it("is visible to demo over REST, tRPC and the SDK", async () => {
    const rest = await http(server.url, "GET", `/api/clients/${secretId}/`, { tenant: "demo", token: demoToken });
    expect(rest.body.name).toBe(marker);
    const sdk = demoClient();
    expect((await sdk.clients.byId.query({ id: secretId })).name).toBe(marker);
    const search = await sdk.clients.list.query({ search: marker });
    expect(search.results.map((c) => c.id)).toEqual([secretId]);
  });

  it("is not listed or found by search in norte (REST)", async () => {
    const list = await http(server.url, "GET", `/api/clients/?search=${encodeURIComponent(marker)}`, {
      tenant: "norte",
      token: norteToken,
    });
    expect(list.status).toBe(200);
    expect(list.body.count).toBe(0);
    const all = await http(server.url, "GET", "/api/clients/?pageSize=100", { tenant: "norte", token: norteToken });
    expect(all.body.results.some((c: { name: string }) => c.name === marker)).toBe(false);
  });

  it("is unreachable by id in norte over REST: read, replace, patch and delete all answer 404", async () => {
    const path = `/api/clients/${secretId}/`;
    const attempts = [
      await http(server.url, "GET", path, { tenant: "norte", token: norteToken }),
      await http(server.url, "PUT", path, { tenant: "norte", token: norteToken, body: { name: "hijacked" } }),
      await http(server.url, "PATCH", path, { tenant: "norte", token: norteToken, body: { name: "hijacked" } }),
      await http(server.url, "DELETE", path, { tenant: "norte", token: norteToken }),
    ];
    for (const res of attempts) {
      expect(res.status).toBe(404);
      expect(res.body.code).toBe("NOT_FOUND");
    }
  });

  it("is unreachable by id in norte over tRPC with the SDK", async () => {
    const norte = norteClient();
    const tries = [
      norte.clients.byId.query({ id: secretId }),
      norte.clients.patch.mutate({ id: secretId, name: "hijacked" }),
      norte.clients.delete.mutate({ id: secretId }),
    ];
    for (const attempt of tries) {
      const error = await attempt.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(errorCode(error)).toBe("NOT_FOUND");
    }
    const list = await norte.clients.list.query({ search: marker });
    expect(list.count).toBe(0);
  });

  it("was left untouched by norte's attempts", async () => {
    const demo = demoClient();
    const client = await demo.clients.byId.query({ id: secretId });
    expect(client.name).toBe(marker);
    expect(client.email).toBe("aislado@demo.test");
  });
});

describe("tRPC transport", () => {
  it("batches calls of one tick into a single HTTP request", async () => {
    let requests = 0;
    const counting: typeof fetch = (input, init) => {
      requests++;
      return fetch(input, init);
    };
    const demo = createClient({ url: server.url, tenant: "demo", token: demoToken, fetch: counting });
    const [a, b, c] = await Promise.all([
      demo.clients.list.query({}),
      demo.clients.schools.query({}),
      demo.clients.byId.query({ id: secretId }),
    ]);
    expect(requests).toBe(1);
    expect(a.page).toBe(1);
    expect(b.results.every((s) => s.kind === "school")).toBe(true);
    expect(c.createdAt).toBeInstanceOf(Date);
  });

  it("surfaces errors with their stable code", async () => {
    const ghost = createClient({ url: server.url, tenant: "no-such-studio" });
    expect(errorCode(await ghost.clients.list.query({}).catch((e: unknown) => e))).toBe("TENANT_NOT_FOUND");
    const demo = demoClient();
    // @ts-expect-error name must be a string: the server validates too
    const invalid = await demo.clients.create.mutate({ name: 42 }).catch((e: unknown) => e);
    expect(errorCode(invalid)).toBe("VALIDATION_ERROR");
  });
});
