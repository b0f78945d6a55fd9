// The generated module's end-to-end test: its behaviour over REST (the legacy contract) and the
// SDK against a fresh studio on the real server. The permission and isolation walks cover the new
// procedures by themselves.

/** @typedef {ReturnType<typeof import("./names.mjs").namesOf>} Names */

/** @param {Names} n */
export const testFile = (n) => `import { errorCode } from "@fotostudio/sdk";
import { describe, expect } from "vitest";
import { studioTest } from "../support/studio.js";

const it = studioTest();

describe("REST ${n.kebab}", () => {
  it("creates with 201 and reads it back, by id, in the list and by search", async ({ studio }) => {
    const call = studio.owner.http;
    const created = await call("POST", "/api/${n.kebab}/", { body: { name: "  Primero  ", notes: "" } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "Primero", notes: null });

    const got = await call("GET", \`/api/${n.kebab}/\${created.body.id}/\`);
    expect(got.status).toBe(200);
    expect(got.body).toEqual(created.body);

    await call("POST", "/api/${n.kebab}/", { body: { name: "Segundo" } });
    const list = await call("GET", "/api/${n.kebab}/?ordering=-name");
    expect(list.status).toBe(200);
    expect(list.body.results.map((r: { name: string }) => r.name)).toEqual(["Segundo", "Primero"]);
    const found = await call("GET", "/api/${n.kebab}/?search=prim");
    expect(found.body).toMatchObject({ count: 1, results: [{ id: created.body.id }] });
  });

  it("PUT replaces every field, PATCH changes only what it sends, DELETE removes it", async ({ studio }) => {
    const call = studio.owner.http;
    const { body: row } = await call("POST", "/api/${n.kebab}", { body: { name: "Tercero", notes: "keep" } });
    const patched = await call("PATCH", \`/api/${n.kebab}/\${row.id}/\`, { body: { name: "Tercero bis" } });
    expect(patched.body).toMatchObject({ name: "Tercero bis", notes: "keep" });
    const replaced = await call("PUT", \`/api/${n.kebab}/\${row.id}/\`, { body: { name: "Tercero ter" } });
    expect(replaced.body).toMatchObject({ name: "Tercero ter", notes: null });

    expect(await call("DELETE", \`/api/${n.kebab}/\${row.id}/\`)).toMatchObject({
      status: 200,
      body: { id: row.id, deleted: true },
    });
    expect((await call("GET", \`/api/${n.kebab}/\${row.id}/\`)).body.code).toBe("NOT_FOUND");
  });

  it("refuses bad input with 400 naming the field, and writes nothing", async ({ studio }) => {
    const call = studio.owner.http;
    const before = (await call("GET", "/api/${n.kebab}/")).body.count;
    const res = await call("POST", "/api/${n.kebab}/", { body: { name: "" } });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("VALIDATION_ERROR");
    expect(res.body.issues.map((i: { path: string }) => i.path)).toContain("name");
    expect((await call("GET", "/api/${n.kebab}/")).body.count).toBe(before);
  });
});

describe("SDK ${n.key}", () => {
  it("the same procedures, typed; a missing id is NOT_FOUND", async ({ studio }) => {
    const sdk = studio.owner.sdk;
    const created = await sdk.${n.key}.create.mutate({ name: "Por SDK" });
    expect(created.createdAt).toBeInstanceOf(Date);
    expect((await sdk.${n.key}.patch.mutate({ id: created.id, notes: "n" })).notes).toBe("n");
    await sdk.${n.key}.delete.mutate({ id: created.id });
    expect(errorCode(await sdk.${n.key}.byId.query({ id: created.id }).catch((e: unknown) => e))).toBe("NOT_FOUND");
  });
});
`;
