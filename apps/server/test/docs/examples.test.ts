import { type AppErrorCode, buildOpenApiDocument, ERROR_CODES } from "@fotostudio/api";
import type { OpenAPIV3_1 } from "openapi-types";
import { describe, expect, it } from "vitest";

// Examples an integrator can paste, for every operation, made when the document is built: the
// body (where there is one), the success answer, and one error body per code each documented
// error status can carry. That the examples match their schemas is Redocly's
// no-invalid-media-type-examples rule (redocly.test.ts).

const document = buildOpenApiDocument({ baseUrl: "/api" }) as OpenAPIV3_1.Document;
const METHODS = ["get", "post", "put", "patch", "delete"] as const;
const operations = Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
  METHODS.flatMap((method) => {
    const op = item?.[method];
    return op ? [{ where: `${method.toUpperCase()} ${path}`, op }] : [];
  }),
);
const json = (content: Record<string, OpenAPIV3_1.MediaTypeObject> | undefined) => content?.["application/json"];
type ResponseObject = OpenAPIV3_1.ResponseObject;

describe("examples in /openapi.json", () => {
  it("covers every operation", () => {
    expect(operations.length).toBeGreaterThan(30);
  });

  it("gives every JSON request body an example", () => {
    const missing = operations.filter(({ op }) => {
      const body = json((op.requestBody as OpenAPIV3_1.RequestBodyObject | undefined)?.content);
      return body !== undefined && body.example === undefined;
    });
    expect(missing.map((o) => o.where)).toEqual([]);
  });

  it("gives every success response an example", () => {
    const missing = operations.filter(({ op }) => {
      const status = Object.keys(op.responses ?? {}).find((s) => s.startsWith("2"));
      const content = status ? (op.responses?.[status] as ResponseObject | undefined)?.content : undefined;
      // A download answers a file: no JSON to give an example of, but every type it offers must say binary.
      const download =
        content !== undefined &&
        json(content) === undefined &&
        Object.values(content).every((media) => (media.schema as { format?: string })?.format === "binary");
      return !download && json(content)?.example === undefined;
    });
    expect(missing.map((o) => o.where)).toEqual([]);
  });

  it("gives every error status an example per code, each a real code of that status in the one shape", () => {
    const problems: string[] = [];
    for (const { where, op } of operations) {
      const errors = Object.entries(op.responses ?? {}).filter(([status]) => Number(status) >= 400);
      expect(errors.length, where).toBeGreaterThan(0);
      for (const [status, response] of errors) {
        const examples = Object.entries(json((response as ResponseObject).content)?.examples ?? {});
        if (examples.length === 0) problems.push(`${where} ${status}: no example`);
        for (const [name, example] of examples) {
          const value = (example as OpenAPIV3_1.ExampleObject).value as Record<string, unknown>;
          const code = value?.code as AppErrorCode;
          if (name !== code) problems.push(`${where} ${status}: example ${name} carries ${code}`);
          if (!(code in ERROR_CODES)) problems.push(`${where} ${status}: ${code} is not in ERROR_CODES`);
          else if (ERROR_CODES[code].status !== Number(status))
            problems.push(`${where} ${status}: ${code} answers ${ERROR_CODES[code].status}`);
          if (typeof value.message !== "string" || typeof value.requestId !== "string")
            problems.push(`${where} ${status} ${code}: no message or requestId`);
          if ((code === "VALIDATION_ERROR") !== Array.isArray(value.issues))
            problems.push(`${where} ${status} ${code}: issues belong to VALIDATION_ERROR only`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("fills module fields from the module's own examples, not the sampler's placeholders", () => {
    const clients = document.paths?.["/clients"]?.get?.responses?.["200"] as ResponseObject;
    const page = json(clients.content)?.example as { results: Record<string, unknown>[]; pageSize: number };
    expect(page.pageSize).toBe(20);
    expect(page.results[0]).toMatchObject({ id: 1, name: "Ana Quispe Mamani", createdAt: expect.any(String) });
    expect(Number.isNaN(Date.parse(page.results[0]?.createdAt as string))).toBe(false);
    const login = document.paths?.["/auth/login"]?.post;
    expect(json((login?.requestBody as OpenAPIV3_1.RequestBodyObject | undefined)?.content)?.example).toEqual({
      email: "owner@demo.test",
      password: "fotostudio-demo",
    });
  });
});
