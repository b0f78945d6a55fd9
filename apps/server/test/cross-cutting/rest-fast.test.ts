import { request } from "node:http";
import { appRouter } from "@fotostudio/api";
import type { AnyTRPCProcedure } from "@trpc/server";
import { describe, expect } from "vitest";
import { restOperations } from "../../src/adapters/rest-routes.js";
import { frame, print, shop } from "../support/orders.js";
import { type HttpOptions, http, startServer } from "../support/server.js";
import { studioTest } from "../support/studio.js";

// The REST route table (adapters/rest-fast.ts) against the stock trpc-to-openapi handler, request
// for request: the same status, content type and body, over one studio and one database.
const it = studioTest({ env: { FAST_PATH: "on" } });

/** Answers that differ only in what two servers cannot share (new ids, instants, request ids) compare equal. */
function comparable(body: unknown): unknown {
  if (typeof body !== "object" || body === null) return body;
  return JSON.parse(JSON.stringify(body), (key, value) =>
    ["id", "createdAt", "updatedAt", "requestId", "number"].includes(key) ? "<varies>" : value,
  );
}

/** A GET of exactly this path (no client-side normalization), with the tenant and token. */
function raw(base: string, path: string, opts: { tenant: string; token: string }) {
  return new Promise<{ status: number; contentType: string | undefined; body: unknown }>((resolve, reject) => {
    const headers = { "x-tenant-id": opts.tenant, authorization: `Bearer ${opts.token}` };
    const req = request(`${base}/`, { path, headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => {
        text += chunk;
      });
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          contentType: res.headers["content-type"],
          body: text && JSON.parse(text),
        }),
      );
    });
    req.on("error", reject);
    req.end();
  });
}

describe("the fast REST path", () => {
  it("answers every kind of request exactly as the stock handler", async ({ studio }) => {
    await using stock = await startServer({ FAST_PATH: "off" }, studio.layer);
    const ok = { tenant: studio.slug, token: studio.owner.token };
    const shopping = await shop(studio, "fast");
    const client = shopping.clientId;
    const order = await studio.owner.http("POST", "/api/orders/", {
      body: { clientId: client, lines: [frame(shopping.mouldingId), print()] },
    });
    expect(order.status).toBe(201);
    const orderId = order.body.id as number;
    const json = (body: unknown): HttpOptions => ({ ...ok, body });

    const cases: [string, string, string, HttpOptions][] = [
      ["the orders page", "GET", "/api/orders/?page=1&pageSize=20", ok],
      ["a list without the slash", "GET", "/api/orders", ok],
      ["a list filtered (coerced number, flag)", "GET", `/api/orders/?clientId=${client}&late=false`, ok],
      ["a bad flag", "GET", "/api/orders/?late=yes", ok],
      ["a repeated query key", "GET", "/api/orders/?page=1&page=2", ok],
      ["a number that is no number", "GET", "/api/orders/?page=abc", ok],
      ["an unknown query key", "GET", "/api/clients/?nothing=1", ok],
      ["a query key of Object.prototype", "GET", "/api/clients/?constructor=1", ok],
      ["an escaped query", "GET", `/api/orders/search/?q=${encodeURIComponent("Luis Mamani")}`, ok],
      ["a plus in the query", "GET", "/api/orders/search/?q=Luis+Mamani", ok],
      ["a static path before {id}", "GET", "/api/orders/search/?q=P", ok],
      ["a static path in other letters", "GET", "/api/orders/SEARCH/?q=P", ok],
      ["a path in other letters", "GET", "/api/Orders/", ok],
      ["a static segment against {id}", "GET", "/api/orders/status/confirmed/payments/", ok],
      ["a byId", "GET", `/api/orders/${orderId}/`, ok],
      ["a byId without the slash", "GET", `/api/orders/${orderId}`, ok],
      ["a nested read", "GET", `/api/orders/${orderId}/payments/`, ok],
      ["a read under another module", "GET", `/api/clients/${client}/orders/`, ok],
      ["an unknown id", "GET", "/api/orders/999999/", ok],
      ["an id that is no number", "GET", "/api/orders/abc/", ok],
      ["an escaped id", "GET", "/api/orders/%31/", ok],
      ["an empty segment", "GET", "/api/orders//payments/", ok],
      ["two trailing slashes", "GET", "/api/orders//", ok],
      ["a long id", "GET", `/api/orders/${"9".repeat(6000)}/`, ok],
      ["an id in the query too", "GET", `/api/orders/${orderId}/?id=1`, ok],
      ["a path that is no operation", "GET", "/api/nothing/", ok],
      ["the prefix alone", "GET", "/api/", ok],
      ["another method on a known path", "PUT", "/api/orders/", json({})],
      ["DELETE on a list", "DELETE", "/api/clients/", ok],
      ["HEAD on a list", "HEAD", "/api/orders/", ok],
      ["HEAD on an unknown path", "HEAD", "/api/nothing/", ok],
      ["no token", "GET", "/api/orders/", { tenant: studio.slug }],
      ["no studio", "GET", "/api/orders/", { token: studio.owner.token }],
      ["a void-input read", "GET", "/api/auth/profile/?x=1", ok],
      ["a create (201)", "POST", "/api/clients/", json({ name: "Rápida", phone: "+51 987 654 321" })],
      ["a create without the slash", "POST", "/api/clients", json({ name: "Rápida 2", phone: "+51 987 654 322" })],
      ["an invalid create", "POST", "/api/clients/", json({ email: "not-an-email", kind: "alien" })],
      ["a body that is an array", "POST", "/api/clients/", json(["x"])],
      ["a body that is a string", "POST", "/api/clients/", json("Ana")],
      ["a body that is null", "POST", "/api/clients/", json(null)],
      ["a PATCH", "PATCH", `/api/clients/${client}/`, json({ notes: "fast" })],
      ["a PATCH whose body names another id", "PATCH", `/api/clients/${client}/`, json({ id: 1, notes: "id" })],
      ["a PUT on an unknown id", "PUT", "/api/clients/999999/", json({ name: "Nadie" })],
      ["a query by POST", "POST", "/api/orders/quote/", json({ lines: [print()] })],
      ["a transition refused", "POST", `/api/orders/${orderId}/transition/`, json({ to: "delivered" })],
      ["a malformed body", "POST", "/api/clients/", { ...ok, rawBody: '{"name": "Ana"' }],
      [
        "a text body (415)",
        "POST",
        "/api/clients/",
        { ...ok, rawBody: "name=Ana", headers: { "content-type": "text/plain" } },
      ],
      [
        "a JSON type in capitals",
        "POST",
        "/api/clients/",
        { ...ok, rawBody: "{}", headers: { "content-type": "Application/JSON" } },
      ],
      [
        "a JSON type with a charset",
        "POST",
        "/api/clients/",
        {
          ...ok,
          rawBody: '{"name":"Cs","phone":"+51 987 654 329"}',
          headers: { "content-type": "application/json; charset=utf-8" },
        },
      ],
      [
        "an empty JSON POST",
        "POST",
        "/api/clients/",
        { ...ok, rawBody: "", headers: { "content-type": "application/json" } },
      ],
      ["a DELETE of an unknown id", "DELETE", "/api/clients/999999/", ok],
      [
        "a login refused",
        "POST",
        "/api/auth/login/",
        { tenant: studio.slug, body: { email: "x@example.com", password: "wrong-password-1" } },
      ],
    ];

    for (const [name, method, path, opts] of cases) {
      const slow = await http(stock.url, method, path, opts);
      const fast = await http(studio.url, method, path, opts);
      const seen = (r: typeof fast) => ({
        status: r.status,
        contentType: r.headers.get("content-type"),
        retryAfter: r.headers.get("retry-after"),
        body: comparable(r.body),
      });
      expect(seen(fast), name).toEqual(seen(slow));
    }

    // Paths fetch() would normalize before sending: as the client wrote them, through node:http.
    for (const path of [
      `/api/orders/x/../${orderId}/`,
      `/api/orders/./${orderId}/`,
      "/api/orders/1\\/",
      "/api/orders/#x",
    ]) {
      const [fast, slow] = [await raw(studio.url, path, ok), await raw(stock.url, path, ok)];
      expect({ ...fast, body: comparable(fast.body) }, path).toEqual({ ...slow, body: comparable(slow.body) });
    }

    // A POST with no body at all is an empty input: one session logged out on each server.
    const [mine, theirs] = [await studio.owner.login(), await studio.owner.login()];
    const logout = (base: string, token: string) =>
      http(base, "POST", "/api/auth/logout/", { tenant: studio.slug, token });
    const [fast, slow] = [await logout(studio.url, mine), await logout(stock.url, theirs)];
    expect(fast.status).toBe(slow.status);
    expect(fast.body).toEqual(slow.body);
    expect(fast.headers.get("set-cookie")).toBe(slow.headers.get("set-cookie"));
  });

  it("has a route of its own for every operation, and knows the earlier ones a path may also match", ({ studio }) => {
    const procedures = appRouter._def.procedures as unknown as Record<string, AnyTRPCProcedure>;
    const operations = restOperations(procedures, "/api");
    expect(operations.length).toBeGreaterThan(100);
    for (const op of operations) {
      expect(op.fastifyPath, op.procedurePath).not.toBeNull();
      for (const url of [op.fastifyPath ?? "", `${op.fastifyPath}/`]) {
        expect(studio.server.app.hasRoute({ method: op.method, url }), `${op.method} ${url}`).toBe(true);
      }
    }
    const earlier = (path: string) =>
      operations.find((op) => op.procedurePath === path)?.shadowedBy.map((re) => re.source.replaceAll("\\/", "/"));
    expect(earlier("orders.byId")).toEqual(["^/orders/search$"]);
    expect(earlier("orders.payments")).toEqual(["^/orders/status/(?<status>[^/]+)$"]);
    expect(earlier("config.byId")).toEqual(
      ["business", "system", "alerts", "security", "backup", "services"].map((p) => `^/config/${p}$`),
    );
    expect(earlier("orders.list")).toEqual([]);
  });
});
