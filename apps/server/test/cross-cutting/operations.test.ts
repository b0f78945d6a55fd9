import { createDataLayer, dbConfigFromEnv } from "@fotostudio/db";
import { describe, expect } from "vitest";
import { closing, http, startServer } from "../support/server.js";
import { studioTest } from "../support/studio.js";

// What operations see: health and readiness, security headers, CORS, one log line per request,
// and the answer while the database is away.
const it = studioTest({ env: { CORS_ORIGINS: "https://app.fotostudio.test" } });

describe("health, readiness, headers", () => {
  it("/health and /ready answer", async ({ studio }) => {
    expect((await http(studio.url, "GET", "/health")).body).toEqual({ status: "ok" });
    const ready = await http(studio.url, "GET", "/ready");
    expect(ready.status).toBe(200);
    expect(ready.body.status).toBe("ready");
  });

  it("sends security headers and the request id", async ({ studio }) => {
    const res = await http(studio.url, "GET", "/health");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-frame-options")).toBe("SAMEORIGIN");
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("sends helmet's whole set on every kind of answer: REST, tRPC, an error, a 404", async ({ studio }) => {
    const answers = [
      await http(studio.url, "GET", "/api/clients/", { tenant: studio.slug, token: studio.owner.token }),
      await http(studio.url, "GET", "/trpc/clients.list", { tenant: studio.slug }),
      await http(studio.url, "GET", "/api/clients/", { tenant: studio.slug }),
      await http(studio.url, "GET", "/no/such/path"),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 401, 401, 404]);
    for (const { headers } of answers) {
      const csp = headers.get("content-security-policy") ?? "";
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("object-src 'none'");
      // Not production: browsers must not upgrade local http asset requests.
      expect(csp).not.toContain("upgrade-insecure-requests");
      expect(headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
      expect(headers.get("cross-origin-opener-policy")).toBe("same-origin");
      expect(headers.get("cross-origin-resource-policy")).toBe("same-origin");
      expect(headers.get("referrer-policy")).toBe("no-referrer");
      expect(headers.get("x-dns-prefetch-control")).toBe("off");
      expect(headers.get("x-permitted-cross-domain-policies")).toBe("none");
      expect(headers.get("x-xss-protection")).toBe("0");
      expect(headers.get("x-powered-by")).toBeNull();
    }
  });

  it("allows CORS only for the configured origins", async ({ studio }) => {
    const preflight = (origin: string) =>
      fetch(`${studio.url}/api/clients/`, {
        method: "OPTIONS",
        headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "x-tenant-id" },
      });
    const allowed = await preflight("https://app.fotostudio.test");
    expect(allowed.headers.get("access-control-allow-origin")).toBe("https://app.fotostudio.test");
    expect(allowed.headers.get("access-control-allow-credentials")).toBe("true");
    const denied = await preflight("https://evil.example");
    expect(denied.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("logs one line per request with the request id and tenant, never the body", async ({ studio }) => {
    await http(studio.url, "POST", "/api/clients/", {
      tenant: "demo-log-check",
      body: { name: "Secret Name", password: "hunter2-secret" },
      headers: { authorization: "Bearer very-secret-token", "x-request-id": "log-check-1" },
    });
    const lines = studio.logs.filter((l) => l.reqId === "log-check-1");
    expect(lines.some((l) => l.msg === "request" && l.tenant === "demo-log-check" && l.status === 404)).toBe(true);
    const all = JSON.stringify(studio.logs);
    expect(all).not.toContain("hunter2-secret");
    expect(all).not.toContain("very-secret-token");
  });
});

describe("when the database is away", () => {
  it("answers 503 DATABASE_UNAVAILABLE (never a 500) and /ready says so", async () => {
    // A server whose only database is a closed port: every query fails to connect.
    const config = dbConfigFromEnv();
    await using layer = closing(
      createDataLayer({ ...config, servers: [{ name: "primary", url: "mysql://root:x@127.0.0.1:1" }] }),
    );
    await using server = await startServer({}, layer);
    const res = await http(server.url, "GET", "/api/clients/", { tenant: "demo" });
    expect(res.status).toBe(503);
    expect(res.body.code).toBe("DATABASE_UNAVAILABLE");
    const ready = await http(server.url, "GET", "/ready");
    expect(ready.status).toBe(503);
    expect(ready.body.code).toBe("DATABASE_UNAVAILABLE");
    expect((await http(server.url, "GET", "/health")).status).toBe(200);
  });
});
