import { appRouter, type Meta, PERMISSIONS } from "@fotostudio/api";
import type { OpenApiMeta } from "trpc-to-openapi";
import { describe, expect } from "vitest";
import { sampleInput } from "../support/samples.js";
import { studioTest } from "../support/studio.js";

// Bad input on every REST operation of the studio, data-driven like the walks beside it, so an
// operation added later is covered without editing this file (SPEC 7): a body whose every field
// has the wrong type, and a body that is not JSON at all, answer 400 with the stable code and the
// fields at fault — never 2xx, never 500; a list's page that is no number is a 400 on `page`.
// Path ids are ones no studio has: validation comes before any lookup.

type ProcedureMeta = OpenApiMeta<Meta>;
interface Procedure {
  name: string;
  meta: ProcedureMeta | undefined;
  inputs: readonly unknown[];
}

const procedures: Procedure[] = Object.entries(
  appRouter._def.procedures as unknown as Record<string, { _def: { meta?: ProcedureMeta; inputs?: unknown[] } }>,
).map(([name, p]) => ({ name, meta: p._def.meta, inputs: p._def.inputs ?? [] }));

/** Studio operations (a tenant permission) served by the generated REST routes. */
const studioRest = procedures.filter(
  (p) =>
    p.meta?.openapi &&
    p.meta.openapi.enabled !== false &&
    (PERMISSIONS as readonly string[]).includes(p.meta.permission ?? ""),
);
const withBody = studioRest.filter((p) => ["POST", "PUT", "PATCH"].includes(p.meta?.openapi?.method ?? ""));
const lists = studioRest.filter((p) => {
  const fields = Object.keys(sampleInput(p.inputs[0], { every: true }));
  return p.meta?.openapi?.method === "GET" && fields.includes("page");
});

/** The REST path: `{id}` one no studio has (validation comes first), another parameter a valid value. */
const pathOf = (p: Procedure) => {
  const sample = sampleInput(p.inputs[0]);
  const path = (p.meta?.openapi?.path ?? "").replace(/\{(\w+)\}/g, (_, key: string) =>
    key === "id" ? "999999999" : encodeURIComponent(String(sample[key])),
  );
  return `/api${path}/`;
};
const pathParams = (p: Procedure) => [...(p.meta?.openapi?.path ?? "").matchAll(/\{(\w+)\}/g)].map((m) => m[1]);

/** A value of another JSON type than `value`: what a confused client sends. */
const wrongTyped = (value: unknown) =>
  typeof value === "string" || typeof value === "number" ? { nested: [true] } : "not-the-right-type";

const it = studioTest();

describe("bad input on every studio REST operation", () => {
  it("finds the operations (the walk sees the real router)", () => {
    expect(withBody.map((p) => p.name)).toEqual(
      expect.arrayContaining(["clients.create", "orders.create", "orders.addPayment", "contracts.importStudents"]),
    );
    expect(lists.map((p) => p.name)).toEqual(expect.arrayContaining(["clients.list", "orders.list"]));
  });

  it.for(withBody.map((p) => [p.name, p] as const))(
    "%s: wrong-typed fields and a body that is not JSON answer 400 naming what is wrong",
    async ([name, procedure], { studio }) => {
      const { method } = procedure.meta?.openapi ?? { method: "POST" };
      const params = pathParams(procedure);
      const sample = Object.entries(sampleInput(procedure.inputs[0], { every: true })).filter(
        ([key]) => !params.includes(key),
      );
      if (sample.length > 0) {
        const body = Object.fromEntries(sample.map(([key, value]) => [key, wrongTyped(value)]));
        const res = await studio.owner.http(method, pathOf(procedure), { body });
        expect(res.status, `${name} with ${JSON.stringify(body)}: ${JSON.stringify(res.body)}`).toBe(400);
        expect(res.body.code).toBe("VALIDATION_ERROR");
        const paths = (res.body.issues as { path: string }[]).map((i) => i.path.split(".")[0]);
        expect(paths.length, name).toBeGreaterThan(0);
        for (const path of paths) expect(Object.keys(body), `${name}: issue on ${path}`).toContain(path);
      }
      const malformed = await studio.owner.http(method, pathOf(procedure), { rawBody: '{"truncated": ' });
      expect(malformed.status, `${name} with a broken body: ${JSON.stringify(malformed.body)}`).toBe(400);
      expect(malformed.body.code).toBe("MALFORMED_JSON");
    },
  );

  it.for(lists.map((p) => [p.name, p] as const))(
    "%s: a page that is no number answers 400 on page",
    async ([name, procedure], { studio }) => {
      // The other required parameters (a search's `q`) valid: only the page is wrong.
      const params = pathParams(procedure);
      const required = Object.entries(sampleInput(procedure.inputs[0])).filter(
        ([key]) => !params.includes(key) && key !== "page" && key !== "pageSize",
      );
      const query = new URLSearchParams({
        ...Object.fromEntries(required.map(([k, v]) => [k, String(v)])),
        page: "first",
        pageSize: "-3",
      });
      const res = await studio.owner.http("GET", `${pathOf(procedure)}?${query}`);
      expect(res.status, `${name}: ${JSON.stringify(res.body)}`).toBe(400);
      expect(res.body.code).toBe("VALIDATION_ERROR");
      expect((res.body.issues as { path: string }[]).map((i) => i.path).sort()).toEqual(["page", "pageSize"]);
    },
  );
});
