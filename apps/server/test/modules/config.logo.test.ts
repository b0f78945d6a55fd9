import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect } from "vitest";
import { type Studio, type StudioUser, studioTest } from "../support/studio.js";

// The studio's logo: PUT|POST|DELETE /api/config/business/logo (raw or multipart, config:write),
// answered by the business group's logoUrl and tenants.current's, served at /media/<key>; a
// replaced logo's file is removed.

const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);
const WEBP = Buffer.from("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==", "base64");
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
const TWO_MB = 2 * 1024 * 1024;
const LOGO_URL = (slug: string, ext: string) => new RegExp(`^/media/${slug}/logos/[A-Za-z0-9_-]{22}\\.${ext}$`);

const storageDir = mkdtempSync(join(tmpdir(), "fotostudio-logos-"));
const it = studioTest({ env: { STORAGE_DIR: storageDir } });
afterAll(() => rmSync(storageDir, { recursive: true, force: true }));

const logosOf = (slug: string) => {
  const dir = join(storageDir, slug, "logos");
  return existsSync(dir) ? readdirSync(dir).sort() : [];
};

function logoCalls(studio: Studio) {
  async function send(opts: { user?: StudioUser; method?: string; body?: RequestInit["body"]; type?: string } = {}) {
    const response = await fetch(`${studio.url}/api/config/business/logo/`, {
      method: opts.method ?? "PUT",
      headers: {
        "x-tenant-id": studio.slug,
        authorization: `Bearer ${(opts.user ?? studio.owner).token}`,
        ...(opts.type ? { "content-type": opts.type } : {}),
      },
      body: opts.body,
    });
    return { status: response.status, body: JSON.parse(await response.text()) };
  }
  const raw = (bytes: Uint8Array, type: string, user?: StudioUser) => send({ body: bytes, type, user });
  const form = (bytes: Uint8Array, field = "logo", method = "POST") => {
    const data = new FormData();
    data.append(field, new Blob([bytes], { type: "image/png" }), "logo.png");
    return send({ body: data, method });
  };
  const media = async (url: string) => {
    const response = await fetch(`${studio.url}${url}`);
    return {
      status: response.status,
      type: response.headers.get("content-type"),
      body: Buffer.from(await response.arrayBuffer()),
    };
  };
  return { send, raw, form, media };
}

describe("logo upload", () => {
  it("stores the image; business.logoUrl and tenants.current.logoUrl serve it; a new one replaces (and removes) it", async ({
    studio,
  }) => {
    const { raw, form, media } = logoCalls(studio);
    const first = await raw(PNG, "image/png");
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.logoUrl).toMatch(LOGO_URL(studio.slug, "png"));
    expect((await studio.owner.http("GET", "/api/config/business/")).body.logoUrl).toBe(first.body.logoUrl);
    const current = await studio.users.viewer.sdk.tenants.current.query();
    expect(current.logoUrl).toBe(first.body.logoUrl);
    const served = await media(first.body.logoUrl);
    expect(served.status).toBe(200);
    expect(served.type).toBe("image/png");
    expect(served.body.equals(PNG)).toBe(true);
    expect(logosOf(studio.slug)).toHaveLength(1);

    // The rest of the group is left alone, and a PUT of the group keeps the logo.
    await studio.owner.http("PUT", "/api/config/business/", { body: { tradeName: "Con logo" } });
    expect((await studio.owner.http("GET", "/api/config/business/")).body.logoUrl).toBe(first.body.logoUrl);

    const second = await form(WEBP);
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({
      tradeName: "Con logo",
      logoUrl: expect.stringMatching(LOGO_URL(studio.slug, "webp")),
    });
    expect(logosOf(studio.slug)).toEqual([second.body.logoUrl.split("/").pop()]);
    expect((await media(first.body.logoUrl)).status).toBe(404);
    expect((await studio.owner.sdk.tenants.current.query()).logoUrl).toBe(second.body.logoUrl);
  });

  it("DELETE removes it: logoUrl null and the file gone", async ({ studio }) => {
    const { raw, send, media } = logoCalls(studio);
    const { body } = await raw(PNG, "image/png");
    const removed = await send({ method: "DELETE" });
    expect(removed.status).toBe(200);
    expect(removed.body.logoUrl).toBeNull();
    expect((await media(body.logoUrl)).status).toBe(404);
    expect(logosOf(studio.slug)).toEqual([]);
    expect((await studio.owner.http("GET", "/api/tenants/current/")).body.logoUrl).toBeNull();
  });

  it("refuses what is not PNG, JPEG or WebP (415), over 2 MB (413), a form without `logo` (400)", async ({
    studio,
  }) => {
    const { raw, form } = logoCalls(studio);
    const before = (await studio.owner.http("GET", "/api/config/business/")).body.logoUrl;
    const svg = await raw(SVG, "image/png");
    expect(svg.status).toBe(415);
    expect(svg.body.code).toBe("UNSUPPORTED_MEDIA_TYPE");
    expect((await raw(Buffer.from("hello"), "text/plain")).status).toBe(415);
    const big = await raw(Buffer.concat([PNG, Buffer.alloc(TWO_MB)]), "image/png");
    expect(big.status).toBe(413);
    const wrongField = await form(PNG, "avatar");
    expect(wrongField.status).toBe(400);
    expect(wrongField.body.issues.map((i: { path: string }) => i.path)).toEqual(["logo"]);
    expect((await studio.owner.http("GET", "/api/config/business/")).body.logoUrl).toBe(before);
  });

  it("is the owner's (config:write): manager and sales get 403 and nothing is stored", async ({ studio }) => {
    const { raw, send } = logoCalls(studio);
    const files = logosOf(studio.slug);
    for (const role of ["manager", "sales"] as const) {
      const res = await raw(PNG, "image/png", studio.users[role]);
      expect(res.status, role).toBe(403);
      expect((await send({ method: "DELETE", user: studio.users[role] })).status).toBe(403);
    }
    expect(logosOf(studio.slug)).toEqual(files);
  });

  it("cannot be reached over tRPC with a forged body", async ({ studio }) => {
    const response = await fetch(`${studio.url}/trpc/config.setLogo`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-tenant-id": studio.slug,
        authorization: `Bearer ${studio.owner.token}`,
      },
      body: JSON.stringify({ json: { bytes: null } }),
    });
    expect(response.status).toBe(400);
  });
});
