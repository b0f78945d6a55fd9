import { errorCode } from "@fotostudio/sdk";
import { describe, expect } from "vitest";
import { issuePaths } from "../support/server.js";
import { studioTest } from "../support/studio.js";

// The seed's free key/value entries (config/, config/{id}/) for integrators: any JSON value kept
// exactly, keys unique in the studio, values up to 16 KB; read by the staff, written by the owner.
const it = studioTest();

let counter = 0;
const key = (name = "entry") => `${name}.${++counter}`;
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: unknown) => e,
  );

const JSON_VALUES: [string, unknown][] = [
  ["object", { cursor: "2026-03-01T00:00:00Z", nested: { list: [1, "two", null, false] } }],
  ["array", [1, 2.5, "x", { a: null }]],
  ["string", 'just text, with "quotes" and ñ'],
  ["JSON-looking string", '{"not":"parsed"}'],
  ["number", 1234.5678],
  ["negative integer", -42],
  ["true", true],
  ["false", false],
  ["null", null],
  ["empty object", {}],
];

describe("REST key/value entries", () => {
  it.for(JSON_VALUES)(
    "keeps a %s value exactly, through create, read, list and replace",
    async ([, value], { studio }) => {
      const call = studio.owner.http;
      const k = key("kind");
      const created = await call("POST", "/api/config/", { body: { key: k, value } });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      expect(created.body).toMatchObject({ key: k, value, description: null });
      const got = await call("GET", `/api/config/${created.body.id}/`);
      expect(got.body).toEqual(created.body);
      const listed = await call("GET", `/api/config/?key=${encodeURIComponent(k)}`);
      expect(listed.body.results).toEqual([created.body]);
      const replaced = await call("PUT", `/api/config/${created.body.id}/`, { body: { key: k, value } });
      expect(replaced.body.value).toEqual(value);
    },
  );

  it("PUT replaces, PATCH changes what it sends, DELETE removes; a missing id is 404", async ({ studio }) => {
    const call = studio.owner.http;
    const k = key();
    const { body: entry } = await call("POST", "/api/config", {
      body: { key: k, value: { a: 1 }, description: "keep" },
    });
    const patched = await call("PATCH", `/api/config/${entry.id}/`, { body: { value: [1, 2] } });
    expect(patched.body).toMatchObject({ key: k, value: [1, 2], description: "keep" });
    const nulled = await call("PATCH", `/api/config/${entry.id}/`, { body: { value: null } });
    expect(nulled.body.value).toBeNull();
    const replaced = await call("PUT", `/api/config/${entry.id}/`, { body: { key: `${k}.renamed`, value: "v" } });
    expect(replaced.body).toMatchObject({ key: `${k}.renamed`, value: "v", description: null });

    expect(await call("DELETE", `/api/config/${entry.id}/`)).toMatchObject({
      status: 200,
      body: { id: entry.id, deleted: true },
    });
    for (const res of [
      await call("GET", `/api/config/${entry.id}/`),
      await call("PUT", `/api/config/${entry.id}/`, { body: { key: k, value: 1 } }),
      await call("DELETE", `/api/config/${entry.id}/`),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body.code).toBe("NOT_FOUND");
    }
  });

  it("keeps keys unique in the studio: 409 CONFLICT on `key` by create, replace and patch", async ({ studio }) => {
    const call = studio.owner.http;
    const k = key("unique");
    const first = await call("POST", "/api/config/", { body: { key: k, value: 1 } });
    const again = await call("POST", "/api/config/", { body: { key: k, value: 2 } });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe("CONFLICT");
    expect(issuePaths(again.body)).toEqual(["key"]);
    const { body: second } = await call("POST", "/api/config/", { body: { key: key("unique"), value: 3 } });
    expect((await call("PATCH", `/api/config/${second.id}/`, { body: { key: k } })).status).toBe(409);
    expect((await call("PUT", `/api/config/${second.id}/`, { body: { key: k, value: 3 } })).status).toBe(409);
    expect((await call("PUT", `/api/config/${first.body.id}/`, { body: { key: k, value: 9 } })).status).toBe(200);
  });

  it("refuses a value over 16 KB as JSON (400 on `value`), takes one just under", async ({ studio }) => {
    const call = studio.owner.http;
    // 16384 bytes serialized: the quotes count.
    const fits = "x".repeat(16 * 1024 - 2);
    expect((await call("POST", "/api/config/", { body: { key: key("size"), value: fits } })).status).toBe(201);
    const tooBig = await call("POST", "/api/config/", { body: { key: key("size"), value: `${fits}x` } });
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.code).toBe("VALIDATION_ERROR");
    expect(issuePaths(tooBig.body)).toEqual(["value"]);
    // Multi-byte characters count as bytes.
    const accents = await call("POST", "/api/config/", { body: { key: key("size"), value: "ñ".repeat(9000) } });
    expect(accents.status).toBe(400);
  });

  it("refuses bad bodies with 400 naming the field, and writes nothing", async ({ studio }) => {
    const call = studio.owner.http;
    const before = (await call("GET", "/api/config/")).body.count;
    const cases: [Record<string, unknown>, string][] = [
      [{ value: 1 }, "key"],
      [{ key: "", value: 1 }, "key"],
      [{ key: "has spaces", value: 1 }, "key"],
      [{ key: "k".repeat(101), value: 1 }, "key"],
      [{ key: "no.value" }, "value"],
    ];
    for (const [body, path] of cases) {
      const res = await call("POST", "/api/config/", { body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(issuePaths(res.body)).toContain(path);
    }
    expect((await call("GET", "/api/config/")).body.count).toBe(before);
  });

  it("lists with search and ordering; the staff reads, only the owner writes", async ({ studio }) => {
    const call = studio.owner.http;
    await call("POST", "/api/config/", { body: { key: "zz.list.b", value: 1, description: "Beta sync" } });
    await call("POST", "/api/config/", { body: { key: "zz.list.a", value: 2 } });
    const list = await studio.users.viewer.http("GET", "/api/config/?search=zz.list&ordering=-key");
    expect(list.status).toBe(200);
    expect(list.body.results.map((e: { key: string }) => e.key)).toEqual(["zz.list.b", "zz.list.a"]);
    expect((await call("GET", "/api/config/?search=beta")).body.count).toBe(1);
    const id = list.body.results[0].id;
    for (const role of ["manager", "sales", "viewer"] as const) {
      const user = studio.users[role];
      expect((await user.http("GET", `/api/config/${id}/`)).status).toBe(200);
      expect((await user.http("POST", "/api/config/", { body: { key: key(role), value: 1 } })).status).toBe(403);
      expect((await user.http("PUT", `/api/config/${id}/`, { body: { key: "x", value: 1 } })).status).toBe(403);
      expect((await user.http("DELETE", `/api/config/${id}/`)).status).toBe(403);
    }
  });

  it("does not take the typed groups' or the catalog's paths for ids", async ({ studio }) => {
    const call = studio.owner.http;
    expect((await call("GET", "/api/config/system/")).body).toHaveProperty("currency");
    expect((await call("GET", "/api/config/services/")).body.count).toBeGreaterThan(0);
    const notAnId = await call("GET", "/api/config/nothing/");
    expect(notAnId.status).toBeGreaterThanOrEqual(400);
    expect(notAnId.status).toBeLessThan(500);
  });
});

describe("SDK key/value entries", () => {
  it("the same procedures, typed; another studio's entry is not found", async ({ studio, other }) => {
    const sdk = studio.owner.sdk;
    const created = await sdk.config.create.mutate({ key: key("sdk"), value: { deep: [{ ok: true }] } });
    expect(created.value).toEqual({ deep: [{ ok: true }] });
    expect(created.createdAt).toBeInstanceOf(Date);
    expect((await sdk.config.patch.mutate({ id: created.id, description: "d" })).description).toBe("d");
    expect((await sdk.config.byId.query({ id: created.id })).value).toEqual({ deep: [{ ok: true }] });
    expect(errorCode(await failure(sdk.config.create.mutate({ key: created.key, value: 1 })))).toBe("CONFLICT");
    // JSON only: a Date is not a JSON value.
    expect(errorCode(await failure(sdk.config.create.mutate({ key: key("sdk"), value: { when: new Date() } })))).toBe(
      "VALIDATION_ERROR",
    );
    expect(errorCode(await failure(other.owner.sdk.config.byId.query({ id: created.id })))).toBe("NOT_FOUND");
    expect((await other.owner.http("DELETE", `/api/config/${created.id}/`)).status).toBe(404);
    await sdk.config.delete.mutate({ id: created.id });
    expect(errorCode(await failure(sdk.config.byId.query({ id: created.id })))).toBe("NOT_FOUND");
  });
});
