import { describe, expect } from "vitest";
import { type HttpOptions, http, startServer } from "../support/server.js";
import { studioTest } from "../support/studio.js";

// The fast tRPC route (adapters/trpc-fast.ts) against the stock plugin, request for request: the
// same status, the headers a client reads and the same body, over one studio and one database.
const it = studioTest({ env: { FAST_PATH: "on" } });

const input = (value: unknown) => encodeURIComponent(JSON.stringify(value));
const q = (value: unknown) => input({ json: value });

/** Answers that differ only in what two servers cannot share (new ids, instants, request ids) compare equal. */
function comparable(body: unknown): unknown {
  return JSON.parse(JSON.stringify(body), (key, value) =>
    ["id", "createdAt", "updatedAt", "requestId"].includes(key) ? "<varies>" : value,
  );
}

describe("the fast tRPC path", () => {
  it("answers every kind of call exactly as the stock adapter", async ({ studio }) => {
    await using stock = await startServer({ FAST_PATH: "off" }, studio.layer);
    const { id } = await studio.owner.sdk.clients.create.mutate({ name: "Rápida", phone: "+51 987 654 321" });
    const ok = { tenant: studio.slug, token: studio.owner.token };
    const json = (body: unknown) => ({ ...ok, rawBody: JSON.stringify(body) });

    const cases: [string, string, string, HttpOptions][] = [
      ["a query", "GET", `/trpc/clients.list?input=${q({})}`, ok],
      ["a query without input", "GET", "/trpc/clients.list", ok],
      [
        "a batch of three",
        "GET",
        `/trpc/clients.list,clients.schools,clients.byId?batch=1&input=${input({ 0: { json: {} }, 1: { json: {} }, 2: { json: { id } } })}`,
        ok,
      ],
      ["an unknown id", "GET", `/trpc/clients.byId?input=${q({ id: 999_999 })}`, ok],
      [
        "a batch half failing (207)",
        "GET",
        `/trpc/clients.byId,clients.byId?batch=1&input=${input({ 0: { json: { id } }, 1: { json: { id: 999_999 } } })}`,
        ok,
      ],
      ["no token", "GET", `/trpc/clients.list?input=${q({})}`, { tenant: studio.slug }],
      ["no studio", "GET", `/trpc/clients.list?input=${q({})}`, { token: studio.owner.token }],
      ["invalid input", "GET", `/trpc/clients.list?input=${q({ pageSize: 0 })}`, ok],
      ["malformed input JSON", "GET", "/trpc/clients.list?input=%7Bnope", ok],
      ["a batch input that is no object", "GET", `/trpc/clients.list?batch=1&input=${input([1])}`, ok],
      ["a mutation by GET (405)", "GET", `/trpc/clients.create?input=${q({ name: "x" })}`, ok],
      ["an unknown procedure", "GET", "/trpc/clients.nothing", ok],
      ["a mixed batch", "GET", "/trpc/clients.list,clients.create?batch=1", ok],
      ["another method", "PUT", "/trpc/clients.list", json({ json: {} })],
      ["a query by POST", "POST", "/trpc/clients.list", json({ json: { pageSize: 5 } })],
      ["an invalid mutation", "POST", "/trpc/clients.create", json({ json: { name: 42 } })],
      ["a mutation", "POST", "/trpc/clients.create", json({ json: { name: "Dos veces", phone: "+51 987 654 322" } })],
      ["a batched mutation", "POST", "/trpc/clients.update?batch=1", json({ 0: { json: { id, notes: "x" } } })],
      ["a malformed body", "POST", "/trpc/clients.create", { ...ok, rawBody: "{nope" }],
      [
        "an empty JSON body",
        "POST",
        "/trpc/clients.create",
        { ...ok, rawBody: "", headers: { "content-type": "application/json" } },
      ],
      ["no content type", "POST", "/trpc/clients.create", { ...ok, rawBody: "{}", headers: { "content-type": "" } }],
      [
        "a text body (415)",
        "POST",
        "/trpc/clients.create",
        { ...ok, rawBody: "hi", headers: { "content-type": "text/plain" } },
      ],
      [
        "a streaming client",
        "GET",
        `/trpc/clients.list?batch=1&input=${input({ 0: { json: {} } })}`,
        { ...ok, headers: { "trpc-accept": "application/jsonl" } },
      ],
    ];

    for (const [name, method, path, opts] of cases) {
      const [fast, slow] = await Promise.all([
        http(studio.url, method, path, opts),
        http(stock.url, method, path, opts),
      ]);
      const seen = (r: typeof fast) => ({
        status: r.status,
        contentType: r.headers.get("content-type"),
        vary: r.headers.get("vary"),
        allow: r.headers.get("allow"),
        body: comparable(r.body),
      });
      expect(seen(fast), name).toEqual(seen(slow));
    }
  });

  it("tells a locked-out login when to come back, as the stock adapter does", async ({ studio }) => {
    await using stock = await startServer({ FAST_PATH: "off" }, studio.layer);
    const attempt = (base: string) =>
      http(base, "POST", "/trpc/auth.login", {
        tenant: studio.slug,
        rawBody: JSON.stringify({ json: { email: "intruder@example.com", password: "wrong-password-1" } }),
      });
    let fast: Awaited<ReturnType<typeof attempt>> | undefined;
    let slow: typeof fast;
    for (let i = 0; i < 8; i++) [fast, slow] = await Promise.all([attempt(studio.url), attempt(stock.url)]);
    expect(fast?.status).toBe(429);
    expect(fast?.status).toBe(slow?.status);
    expect(fast?.body.error.json.data.code).toBe("RATE_LIMITED");
    expect(Number(fast?.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(slow?.headers.get("retry-after")).not.toBeNull();
  });
});
