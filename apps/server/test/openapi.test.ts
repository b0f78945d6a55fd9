import SwaggerParser from "@apidevtools/swagger-parser";
import type { OpenAPIV3_1 } from "openapi-types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { http, startServer, type TestServer } from "./support/server.js";

let server: TestServer;
let doc: OpenAPIV3_1.Document;

beforeAll(async () => {
  server = await startServer();
  doc = (await http(server.url, "GET", "/openapi.json")).body;
});
afterAll(() => server.close());

const operations = () =>
  Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    (["get", "post", "put", "patch", "delete"] as const)
      .filter((m) => item?.[m])
      .map((method) => ({ path, method, op: item?.[method] as OpenAPIV3_1.OperationObject })),
  );

describe("/openapi.json", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    expect(doc.openapi).toBe("3.1.0");
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeTruthy();
  });

  it("documents every legacy clients path", () => {
    const ops = operations().map(({ method, path }) => `${method.toUpperCase()} ${path}`);
    expect(ops).toEqual(
      expect.arrayContaining([
        "GET /clients",
        "POST /clients",
        "GET /clients/{id}",
        "PUT /clients/{id}",
        "PATCH /clients/{id}",
        "DELETE /clients/{id}",
        "GET /clients/schools",
      ]),
    );
  });

  it("gives every operation a summary, tags, schemas and error responses in the one Error shape", () => {
    for (const { path, method, op } of operations()) {
      const where = `${method} ${path}`;
      expect(op.summary, where).toBeTruthy();
      expect(op.tags?.length, where).toBeGreaterThan(0);
      const success = op.responses?.["200"] ?? op.responses?.["201"];
      expect(success, where).toBeDefined();
      expect(JSON.stringify(success), where).toContain("schema");
      const hasInput = (op.parameters?.length ?? 0) > 0 || op.requestBody !== undefined;
      expect(hasInput, where).toBe(true);
      const errors = Object.entries(op.responses ?? {}).filter(([status]) => Number(status) >= 400);
      expect(
        errors.map(([s]) => s),
        where,
      ).toEqual(expect.arrayContaining(["400", "404", "500", "503"]));
      for (const [, response] of errors) {
        expect(JSON.stringify(response), where).toContain("#/components/schemas/Error");
      }
    }
  });

  it("answers 201 on create and documents it", () => {
    const create = doc.paths?.["/clients"]?.post;
    expect(Object.keys(create?.responses ?? {})).toContain("201");
    expect(Object.keys(create?.responses ?? {})).not.toContain("200");
  });

  it("matches the committed snapshot (a change to the REST contract must be deliberate)", async () => {
    await expect(JSON.stringify(doc, null, 2)).toMatchFileSnapshot("./__snapshots__/openapi.json");
  });
});

describe("/docs", () => {
  it("serves the interactive documentation from local assets", async () => {
    const page = await fetch(`${server.url}/docs/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("swagger-ui");
    const init = await fetch(`${server.url}/docs/json`);
    expect(init.status).toBe(200);
    expect(((await init.json()) as { openapi: string }).openapi).toBe("3.1.0");
  });
});
