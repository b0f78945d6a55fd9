import { readFileSync } from "node:fs";
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
      const params = (op.parameters ?? []) as OpenAPIV3_1.ParameterObject[];
      // 404: an unknown studio (TENANT_NOT_FOUND) or record (NOT_FOUND); platform logins have neither.
      const canMiss = params.some((p) => p.in === "path" || p.name === "x-tenant-id");
      expect(
        errors.map(([s]) => s),
        where,
      ).toEqual(expect.arrayContaining(["400", "500", "503", ...(canMiss ? ["404"] : [])]));
      for (const [, response] of errors) {
        expect(JSON.stringify(response), where).toContain("#/components/schemas/Error");
      }
    }
  });

  it("declares `security: []` on exactly the operations that need no token", () => {
    const open = operations().filter(({ op }) => op.security?.length === 0);
    expect(open.map(({ method, path }) => `${method.toUpperCase()} ${path}`).sort()).toEqual([
      "POST /auth/login",
      "POST /auth/refresh",
      "POST /platform/auth/login",
      "POST /platform/auth/refresh",
    ]);
    for (const { op } of operations()) expect(op.security).toBeDefined();
  });

  it("describes every tag, and names the license, the contact and the server", () => {
    const used = new Set(operations().flatMap(({ op }) => op.tags ?? []));
    expect((doc.tags ?? []).map((t) => t.name).sort()).toEqual([...used].sort());
    for (const tag of doc.tags ?? []) expect(tag.description, tag.name).toBeTruthy();
    expect(doc.info.license?.name).toBe("Proprietary");
    expect(doc.info.contact?.email).toBeTruthy();
    expect(doc.info.description).toContain("X-Tenant-ID");
    expect(doc.servers?.[0]?.url).toBe("/api");
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

  it("is branded FotoStudio Cloud: title, logo and favicon, all served by this server", async () => {
    const html = await (await fetch(`${server.url}/docs/`)).text();
    expect(html).toContain("<title>FotoStudio Cloud API</title>");
    expect(html).not.toMatch(/https?:\/\//); // no CDN: every asset is relative to this server
    const logo = readFileSync(new URL("../assets/fotostudio-logo.svg", import.meta.url));
    const initializer = await (await fetch(`${server.url}/docs/static/swagger-initializer.js`)).text();
    expect(initializer).toContain(`data:image/svg+xml;base64,${logo.toString("base64")}`);
    const icon = await fetch(`${server.url}/docs/static/theme/fotostudio-icon.svg`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get("content-type")).toContain("image/svg+xml");
    const css = await fetch(`${server.url}/docs/static/theme/fotostudio.css`);
    expect(await css.text()).toContain(".topbar");
  });
});
