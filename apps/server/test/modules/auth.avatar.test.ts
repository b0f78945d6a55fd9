import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { auditLog, setTenantStatus } from "@fotostudio/db";
import { TEST_PASSWORD } from "@fotostudio/db/testing";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect } from "vitest";
import { LocalDirectoryStorage } from "../../src/storage/local.js";
import { type Studio, studioTest } from "../support/studio.js";

// The avatar route (PUT/POST/DELETE /api/auth/avatar, raw or multipart), the media it serves at
// /media/<key> and the local storage behind it.

// 1×1 images: a PNG (RGBA), a baseline JPEG and a lossless WebP.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);
const JPEG = Buffer.from(
  "/9j/2wBDAAMCAgICAgMCAgIDAwMDBAYEBAQEBAgGBgUGCQgKCgkICQkKDA8MCgsOCwkJDRENDg8QEBEQCgwSExIQEw8QEBD/yQALCAABAAEBAREA/8wABgAQEAX/2gAIAQEAAD8A0s8g/9k=",
  "base64",
);
const WEBP = Buffer.from("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==", "base64");
const GIF = Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64");
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
const TWO_MB = 2 * 1024 * 1024;

const ORIGIN = "https://app.fotostudio.test";
const KEY_URL = (slug: string, ext: string) => new RegExp(`^/media/${slug}/avatars/[A-Za-z0-9_-]{22}\\.${ext}$`);

const storageDir = mkdtempSync(join(tmpdir(), "fotostudio-avatars-"));
const it = studioTest({ env: { STORAGE_DIR: storageDir, CORS_ORIGINS: ORIGIN, BASE_DOMAIN: "fotostudio.test" } });
afterAll(() => rmSync(storageDir, { recursive: true, force: true }));

interface Send {
  tenant?: string;
  token?: string | undefined;
  method?: string;
  path?: string;
  headers?: Record<string, string>;
}

/** Uploads and downloads in the studio's tenant, as its owner unless told otherwise. */
function avatarCalls(studio: Studio) {
  /** The image as the raw body with a declared Content-Type. */
  function sendRaw(bytes: Uint8Array, contentType: string, opts: Send = {}) {
    return send(opts, { "content-type": contentType }, bytes);
  }

  /** The image in a multipart form, under `field` with a file name and declared type. */
  function sendForm(bytes: Uint8Array, filename: string, type: string, opts: Send & { field?: string } = {}) {
    const form = new FormData();
    form.append("note", "ignored");
    form.append(opts.field ?? "avatar", new Blob([bytes], { type }), filename);
    return send(opts, {}, form);
  }

  async function send(opts: Send, headers: Record<string, string> = {}, body?: RequestInit["body"]) {
    const tenant = opts.tenant ?? studio.slug;
    const token = "token" in opts ? opts.token : studio.owner.token;
    const response = await fetch(`${studio.url}${opts.path ?? "/api/auth/avatar/"}`, {
      method: opts.method ?? "PUT",
      headers: {
        "x-tenant-id": tenant,
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
        ...opts.headers,
      },
      body,
    });
    const text = await response.text();
    // biome-ignore lint/suspicious/noExplicitAny: inspected field by field
    return { status: response.status, body: JSON.parse(text) as any };
  }

  /** A GET through node:http (fetch cannot set Host), body as bytes. */
  function getMedia(path: string, headers: Record<string, string> = {}) {
    return new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
      const req = httpRequest(`${studio.url}${path}`, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      });
      req.on("error", reject);
      req.end();
    });
  }
  const profile = async (tenant = studio.slug, token = studio.owner.token) =>
    (await studio.http("GET", "/api/auth/profile/", { tenant, token })).body;
  return { sendRaw, sendForm, send, getMedia, profile };
}

const json = (body: Buffer) => JSON.parse(body.toString("utf8"));
const fileOf = (url: string) => join(storageDir, ...url.slice("/media/".length).split("/"));
const filesOf = (slug: string) => {
  const dir = join(storageDir, slug, "avatars");
  return existsSync(dir) ? readdirSync(dir).sort() : [];
};

function expectError(res: { status: number; body: unknown }, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.body).toEqual({ code, message: expect.any(String), requestId: expect.any(String) });
}

describe("avatar upload", () => {
  it("takes PNG, JPEG and WebP (raw or multipart, PUT or POST) and serves the same bytes back", async ({ studio }) => {
    const { sendRaw, sendForm, getMedia, profile } = avatarCalls(studio);
    const cases = [
      { bytes: PNG, ext: "png", mime: "image/png", upload: () => sendRaw(PNG, "image/png") },
      // The declared name and type are ignored: the bytes say JPEG.
      {
        bytes: JPEG,
        ext: "jpg",
        mime: "image/jpeg",
        upload: () => sendForm(JPEG, "photo.png", "application/octet-stream", { method: "POST" }),
      },
      {
        bytes: WEBP,
        ext: "webp",
        mime: "image/webp",
        upload: () => sendForm(WEBP, "me.webp", "image/webp", { path: "/api/auth/avatar" }),
      },
    ];
    for (const { bytes, ext, mime, upload } of cases) {
      const res = await upload();
      expect(res.status, mime).toBe(200);
      expect(res.body.email).toBe(`owner@${studio.slug}.test`);
      expect(res.body.avatarUrl).toMatch(KEY_URL(studio.slug, ext));
      expect((await profile()).avatarUrl).toBe(res.body.avatarUrl);

      // No token, no tenant header: an <img> tag's request.
      const media = await getMedia(res.body.avatarUrl);
      expect(media.status).toBe(200);
      expect(media.body.equals(bytes)).toBe(true);
      expect(media.headers["content-type"]).toBe(mime);
      expect(media.headers["x-content-type-options"]).toBe("nosniff");
      expect(media.headers["cache-control"]).toMatch(/max-age=\d+/);
      expect(media.headers["cross-origin-resource-policy"]).toBe("cross-origin");
    }
  });

  it("replacing deletes the old file; DELETE removes the avatar and its file; both are audited", async ({ studio }) => {
    const { sendRaw, send, getMedia, profile } = avatarCalls(studio);
    const first = (await sendRaw(PNG, "image/png")).body.avatarUrl;
    expect(existsSync(fileOf(first))).toBe(true);
    const second = (await sendRaw(JPEG, "image/jpeg")).body.avatarUrl;
    expect(existsSync(fileOf(first))).toBe(false);
    expect(existsSync(fileOf(second))).toBe(true);
    const gone = await getMedia(first);
    expectError({ status: gone.status, body: json(gone.body) }, 404, "NOT_FOUND");

    const removed = await send({ method: "DELETE" });
    expect(removed.status).toBe(200);
    expect(removed.body.avatarUrl).toBeNull();
    expect((await profile()).avatarUrl).toBeNull();
    expect(existsSync(fileOf(second))).toBe(false);
    expect((await getMedia(second)).status).toBe(404);
    expect(filesOf(studio.slug)).toEqual([]);

    const rows = await studio.db
      .select({ before: auditLog.before, after: auditLog.after, entity: auditLog.entity })
      .from(auditLog)
      .where(eq(auditLog.action, "auth.setAvatar"))
      .orderBy(auditLog.id);
    expect(rows.slice(-2)).toEqual([
      { entity: "user", before: { avatarKey: first.slice(7) }, after: { avatarKey: second.slice(7) } },
      { entity: "user", before: { avatarKey: second.slice(7) }, after: { avatarKey: null } },
    ]);
  });

  it("refuses anything whose bytes are not PNG, JPEG or WebP with 415, storing nothing", async ({ studio }) => {
    const { sendRaw, sendForm, profile } = avatarCalls(studio);
    const current = (await sendRaw(PNG, "image/png")).body.avatarUrl;
    const attempts = [
      sendRaw(GIF, "image/png"), // a GIF declared as PNG
      sendForm(GIF, "anim.gif", "image/gif"),
      sendForm(Buffer.from("just some text"), "photo.png", "image/png"), // text named .png
      sendForm(SVG, "logo.svg", "image/svg+xml"),
      sendRaw(SVG, "image/svg+xml"), // a declared type we do not parse at all
      sendRaw(Buffer.from("{}"), "application/json"),
    ];
    for (const res of await Promise.all(attempts)) expectError(res, 415, "UNSUPPORTED_MEDIA_TYPE");
    expect((await profile()).avatarUrl).toBe(current);
    expect(filesOf(studio.slug)).toEqual([current.split("/").pop()]);
  });

  it("takes 2 MB and refuses 2 MB + 1 byte with 413, raw or multipart", async ({ studio }) => {
    const { sendRaw, sendForm, profile } = avatarCalls(studio);
    const exact = Buffer.alloc(TWO_MB);
    PNG.copy(exact);
    const ok = await sendRaw(exact, "image/png");
    expect(ok.status).toBe(200);

    const over = Buffer.alloc(TWO_MB + 1);
    PNG.copy(over);
    expectError(await sendRaw(over, "image/png"), 413, "PAYLOAD_TOO_LARGE");
    expectError(await sendForm(over, "big.png", "image/png"), 413, "PAYLOAD_TOO_LARGE");
    expect((await profile()).avatarUrl).toBe(ok.body.avatarUrl);
  });

  it("a form without the avatar field is a 400", async ({ studio }) => {
    const { sendForm } = avatarCalls(studio);
    const res = await sendForm(PNG, "me.png", "image/png", { field: "picture" });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: "VALIDATION_ERROR", issues: [{ path: "avatar" }] });
  });
});

describe("avatar sessions", () => {
  it("needs a valid session: 401 without a token or with a bad one, and nothing is stored", async ({ studio }) => {
    const { sendRaw, send } = avatarCalls(studio);
    const before = filesOf(studio.slug);
    expectError(await sendRaw(PNG, "image/png", { token: undefined }), 401, "UNAUTHORIZED");
    expectError(await sendRaw(PNG, "image/png", { token: "x".repeat(32) }), 401, "UNAUTHORIZED");
    expectError(await send({ method: "DELETE", token: undefined }), 401, "UNAUTHORIZED");
    // Unauthenticated callers learn nothing about the body either.
    expectError(await sendRaw(GIF, "image/png", { token: undefined }), 401, "UNAUTHORIZED");
    expect(filesOf(studio.slug)).toEqual(before);
  });

  it("with the session cookie, uploads only from a trusted Origin (CSRF)", async ({ studio }) => {
    const { sendRaw } = avatarCalls(studio);
    const cookie = { cookie: `fs_session=${studio.owner.token}` };
    const before = filesOf(studio.slug);
    expectError(await sendRaw(PNG, "image/png", { token: undefined, headers: cookie }), 403, "FORBIDDEN");
    expectError(
      await sendRaw(PNG, "image/png", { token: undefined, headers: { ...cookie, origin: "https://evil.test" } }),
      403,
      "FORBIDDEN",
    );
    expect(filesOf(studio.slug)).toEqual(before);
    const ok = await sendRaw(PNG, "image/png", { token: undefined, headers: { ...cookie, origin: ORIGIN } });
    expect(ok.status).toBe(200);
  });

  it("auth.setAvatar cannot be called by a client: it takes only the route's in-process object", async ({ studio }) => {
    const res = await studio.owner.http("POST", "/trpc/auth.setAvatar", {
      body: { json: { store: null } },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.json.data.code).toBe("VALIDATION_ERROR");
  });

  it("keeps multipart out of every other /api route", async ({ studio }) => {
    const form = new FormData();
    form.append("email", `owner@${studio.slug}.test`);
    form.append("password", TEST_PASSWORD);
    const res = await fetch(`${studio.url}/api/auth/login/`, {
      method: "POST",
      headers: { "x-tenant-id": studio.slug },
      body: form,
    });
    expect(res.status).toBe(415);
  });
});

describe("avatar tenant isolation", () => {
  it("another studio's user can neither overwrite, remove nor read this studio's avatar", async ({ studio, other }) => {
    const { sendRaw, send, getMedia, profile } = avatarCalls(studio);
    const mine = (await sendRaw(PNG, "image/png")).body.avatarUrl;
    const key = mine.slice("/media/".length);

    // B's token presented to A: 401, A untouched.
    expectError(await sendRaw(JPEG, "image/jpeg", { token: other.owner.token }), 401, "UNAUTHORIZED");
    expectError(await send({ method: "DELETE", token: other.owner.token }), 401, "UNAUTHORIZED");
    // B uploading in B lands in B's namespace only.
    const theirs = await sendRaw(JPEG, "image/jpeg", { tenant: other.slug, token: other.owner.token });
    expect(theirs.body.avatarUrl).toMatch(KEY_URL(other.slug, "jpg"));
    expect((await profile()).avatarUrl).toBe(mine);
    expect(existsSync(fileOf(mine))).toBe(true);

    // Served to whoever holds the URL, but never on another studio's behalf.
    expect((await getMedia(mine)).status).toBe(200);
    expect((await getMedia(mine, { "x-tenant-id": studio.slug })).status).toBe(200);
    expect((await getMedia(mine, { host: `${studio.slug}.fotostudio.test` })).status).toBe(200);
    const elsewhere: Record<string, string>[] = [
      { "x-tenant-id": other.slug },
      { host: `${other.slug}.fotostudio.test` },
      { "x-tenant-id": "nobody-here" },
    ];
    for (const headers of elsewhere) {
      const res = await getMedia(mine, headers);
      expect(res.status, JSON.stringify(headers)).toBe(404);
      expect(json(res.body)).toEqual({
        code: expect.any(String),
        message: expect.any(String),
        requestId: expect.any(String),
      });
    }
    // Guessing: the same random part under B's prefix, a short key, a path escaping the directory.
    for (const path of [
      `/media/${key.replace(`${studio.slug}/`, `${other.slug}/`)}`,
      `/media/${studio.slug}/avatars/short.png`,
      "/media/..%2F..%2F..%2Fetc%2Fpasswd",
      `/media/${studio.slug}/avatars/..%2F..%2F${key}`,
    ]) {
      const res = await getMedia(path);
      expect(res.status, path).toBe(404);
      expect(json(res.body).code).toBe("NOT_FOUND");
    }
  });
});

describe("media of a suspended studio", () => {
  it("goes dark while the studio is suspended and comes back when it resumes", async ({ studio }) => {
    const { sendRaw, getMedia } = avatarCalls(studio);
    const uploaded = await sendRaw(PNG, "image/png");
    expect(uploaded.status).toBe(200);
    await setTenantStatus(studio.layer, studio.slug, "suspended");
    try {
      expect((await getMedia(uploaded.body.avatarUrl)).status).toBe(404);
    } finally {
      await setTenantStatus(studio.layer, studio.slug, "active");
    }
    expect((await getMedia(uploaded.body.avatarUrl)).status).toBe(200);
  });
});

describe("LocalDirectoryStorage", () => {
  // Regression: base64url keys may start with "-" or "_"; the key check once refused them (a 500 on
  // one upload in sixteen).
  it("stores, serves and deletes keys whose random part starts with - or _", async () => {
    const storage = new LocalDirectoryStorage(join(storageDir, "unit"));
    for (const key of ["s/avatars/-abc.png", "s/avatars/_abc.png"]) {
      await storage.put(key, PNG, "image/png");
      const object = await storage.get(key);
      expect(object?.contentType).toBe("image/png");
      expect(object?.size).toBe(PNG.length);
      object?.body.destroy();
      await storage.delete(key);
      expect(await storage.get(key)).toBeNull();
      await storage.delete(key); // deleting twice is fine
    }
  });

  it("refuses keys that leave its directory and types its extension does not carry", async () => {
    const storage = new LocalDirectoryStorage(join(storageDir, "unit"));
    for (const key of ["../x.png", "s/../../x.png", "/etc/x.png", "s/.hidden.png", "s//x.png"]) {
      await expect(storage.put(key, PNG, "image/png"), key).rejects.toThrow(/invalid key/);
      expect(await storage.get(key), key).toBeNull();
    }
    await expect(storage.put("s/avatars/x.png", GIF, "image/gif")).rejects.toThrow(/extension/);
    await expect(storage.put("s/avatars/x.jpg", PNG, "image/png")).rejects.toThrow(/extension/);
  });
});
