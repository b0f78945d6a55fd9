import { errorCode } from "@fotostudio/sdk";
import { describe, expect } from "vitest";
import { studioTest } from "../support/studio.js";

const it = studioTest();

describe("REST metrics", () => {
  it("creates with 201 and reads it back, by id, in the list and by search", async ({ studio }) => {
    const call = studio.owner.http;
    const created = await call("POST", "/api/metrics/", { body: { name: "  Primero  ", kpi: "revenue", notes: "" } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "Primero", kpi: "revenue", notes: null });

    const got = await call("GET", `/api/metrics/${created.body.id}/`);
    expect(got.status).toBe(200);
    expect(got.body).toEqual(created.body);

    await call("POST", "/api/metrics/", { body: { name: "Segundo", kpi: "revenue" } });
    const list = await call("GET", "/api/metrics/?ordering=-name");
    expect(list.status).toBe(200);
    expect(list.body.results.map((r: { name: string }) => r.name)).toEqual(["Segundo", "Primero"]);
    const found = await call("GET", "/api/metrics/?search=prim");
    expect(found.body).toMatchObject({ count: 1, results: [{ id: created.body.id }] });
  });

  it("PUT replaces every field, PATCH changes only what it sends, DELETE removes it", async ({ studio }) => {
    const call = studio.owner.http;
    const { body: row } = await call("POST", "/api/metrics", {
      body: { name: "Tercero", kpi: "revenue", notes: "keep" },
    });
    const patched = await call("PATCH", `/api/metrics/${row.id}/`, { body: { name: "Tercero bis", kpi: "revenue" } });
    expect(patched.body).toMatchObject({ name: "Tercero bis", kpi: "revenue", notes: "keep" });
    const replaced = await call("PUT", `/api/metrics/${row.id}/`, { body: { name: "Tercero ter", kpi: "revenue" } });
    expect(replaced.body).toMatchObject({ name: "Tercero ter", kpi: "revenue", notes: null });

    expect(await call("DELETE", `/api/metrics/${row.id}/`)).toMatchObject({
      status: 200,
      body: { id: row.id, deleted: true },
    });
    expect((await call("GET", `/api/metrics/${row.id}/`)).body.code).toBe("NOT_FOUND");
  });

  it("refuses bad input with 400 naming the field, and writes nothing", async ({ studio }) => {
    const call = studio.owner.http;
    const before = (await call("GET", "/api/metrics/")).body.count;
    const res = await call("POST", "/api/metrics/", { body: { name: "", kpi: "revenue" } });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("VALIDATION_ERROR");
    expect(res.body.issues.map((i: { path: string }) => i.path)).toContain("name");
    expect((await call("GET", "/api/metrics/")).body.count).toBe(before);
  });
});

describe("SDK metrics", () => {
  it("the same procedures, typed; a missing id is NOT_FOUND", async ({ studio }) => {
    const sdk = studio.owner.sdk;
    const created = await sdk.metrics.create.mutate({ name: "Por SDK", kpi: "revenue" });
    expect(created.createdAt).toBeInstanceOf(Date);
    expect((await sdk.metrics.patch.mutate({ id: created.id, notes: "n" })).notes).toBe("n");
    await sdk.metrics.delete.mutate({ id: created.id });
    expect(errorCode(await sdk.metrics.byId.query({ id: created.id }).catch((e: unknown) => e))).toBe("NOT_FOUND");
  });
});
