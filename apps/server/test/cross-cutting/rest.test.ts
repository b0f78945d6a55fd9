import { errorCode } from "@fotostudio/sdk";
import { describe, expect } from "vitest";
import { studioTest } from "../support/studio.js";

// What every /api route does whatever its module (trpc-to-openapi behind our wrapper): Django-style
// paths with or without the trailing slash, and one error shape for validation, bad JSON, unknown
// routes. The clients routes serve as the example.
const it = studioTest();

describe("REST paths", () => {
  it("answers the same with and without the trailing slash", async ({ studio }) => {
    const call = studio.owner.http;
    const created = await call("POST", "/api/clients", { body: { name: "Con y sin barra", phone: "+51 987 654 321" } });
    expect(created.status).toBe(201);
    for (const path of [`/api/clients/${created.body.id}/`, `/api/clients/${created.body.id}`]) {
      const got = await call("GET", path);
      expect(got.status).toBe(200);
      expect(got.body.id).toBe(created.body.id);
    }
    const withSlash = await call("GET", "/api/clients/");
    const without = await call("GET", "/api/clients");
    expect(withSlash.status).toBe(200);
    expect(without.body).toEqual(withSlash.body);
  });
});

describe("REST errors share one shape", () => {
  it("validation → 400 VALIDATION_ERROR listing each bad field", async ({ studio }) => {
    const res = await studio.owner.http("POST", "/api/clients/", { body: { email: "not-an-email", kind: "alien" } });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("VALIDATION_ERROR");
    expect(res.body.requestId).toBe(res.headers.get("x-request-id"));
    const paths = res.body.issues.map((i: { path: string }) => i.path).sort();
    expect(paths).toEqual(["email", "kind", "name"]);
  });

  it("bad query parameters → 400, not a 500", async ({ studio }) => {
    for (const query of ["page=0", "pageSize=1000", "ordering=password", "page=abc"]) {
      const res = await studio.owner.http("GET", `/api/clients/?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.code).toBe("VALIDATION_ERROR");
    }
    const badId = await studio.owner.http("GET", "/api/clients/abc/");
    expect(badId.status).toBe(400);
  });

  it("malformed JSON → 400 MALFORMED_JSON in the same shape", async ({ studio }) => {
    const res = await studio.owner.http("POST", "/api/clients/", { rawBody: '{"name": "Ana"' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ code: "MALFORMED_JSON", message: expect.any(String), requestId: expect.any(String) });
  });

  it("a body that is not JSON → 415", async ({ studio }) => {
    const res = await studio.owner.http("POST", "/api/clients/", {
      rawBody: "name=Ana",
      headers: { "content-type": "text/plain" },
    });
    expect(res.status).toBe(415);
    expect(res.body.code).toBe("UNSUPPORTED_MEDIA_TYPE");
  });

  it("unknown routes → 404 NOT_FOUND, inside and outside /api", async ({ studio }) => {
    for (const path of ["/api/nothing-here/", "/nothing-here"]) {
      const res = await studio.owner.http("GET", path);
      expect(res.status, path).toBe(404);
      expect(res.body.code).toBe("NOT_FOUND");
      expect(res.body.requestId).toEqual(expect.any(String));
    }
  });

  it('reads yes/no fields as sent: "false" is false and "yes" a 400, over REST and then over tRPC too', async ({
    studio,
  }) => {
    // trpc-to-openapi switches a procedure's top-level booleans to coercion (on the schema itself,
    // so tRPC calls too, once REST has served it): "false" would become true. Yes/no fields are
    // `flag`s, which take true/false and "true"/"false" and nothing else.
    const call = studio.owner.http;
    const base = { name: "Sí o no", phone: "+51 987 000 111" };
    const created = await call("POST", "/api/clients/", { body: { ...base, whatsappOptIn: "true" } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.whatsappOptIn).toBe(true);
    const off = await call("PATCH", `/api/clients/${created.body.id}/`, { body: { whatsappOptIn: "false" } });
    expect(off.body.whatsappOptIn).toBe(false);
    for (const value of ["yes", "", 1]) {
      const res = await call("PATCH", `/api/clients/${created.body.id}/`, { body: { whatsappOptIn: value } });
      expect(res.status, JSON.stringify(value)).toBe(400);
      expect(res.body.issues.map((i: { path: string }) => i.path)).toEqual(["whatsappOptIn"]);
    }
    const viaTrpc = await studio.owner.sdk.clients.patch
      .mutate({ id: created.body.id, whatsappOptIn: "yes" as never })
      .catch((e: unknown) => e);
    expect(errorCode(viaTrpc)).toBe("VALIDATION_ERROR");
    expect((await call("GET", `/api/clients/${created.body.id}/`)).body.whatsappOptIn).toBe(false);
  });

  it("echoes a caller's X-Request-Id", async ({ studio }) => {
    const res = await studio.owner.http("GET", "/api/clients/", { headers: { "x-request-id": "trace-abc-123" } });
    expect(res.headers.get("x-request-id")).toBe("trace-abc-123");
  });

  it("never leaks a stack trace", async ({ studio }) => {
    const res = await studio.owner.http("POST", "/api/clients/", { body: { name: "x".repeat(201) } });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).not.toMatch(/at \w+ \(|node_modules|\.ts:\d+/);
  });
});
