import multipart from "@fastify/multipart";
import { type ApiDeps, AppError, type AppRouter, AvatarUpload, IMAGE_TYPES, toAppError } from "@fotostudio/api";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { sendError } from "../adapters/errors.js";
import { contextFromRequest } from "../context.js";
import type { Env } from "../env.js";
import type { Storage } from "../storage/storage.js";

export const AVATAR_MAX_BYTES = 2 * 1024 * 1024;

// `<tenant-slug>/<kind>/<random>.<ext>`; the random part is 128 bits (base64url, 22 characters).
const MEDIA_KEY = /^([a-z][a-z0-9-]*)\/[a-z]+\/[A-Za-z0-9_-]{22,}\.[a-z0-9]+$/;

interface AvatarRouteOptions {
  router: AppRouter;
  deps: ApiDeps;
  env: Env;
  storage: Storage;
}

/**
 * `PUT|POST /api/auth/avatar/` and `DELETE /api/auth/avatar/` for the logged-in user, and
 * `GET /media/<key>` serving stored files.
 *
 * Plain Fastify routes, because binary bodies fit neither tRPC nor the generated REST; but the
 * session, tenant and CSRF rules are the procedures' own: the routes receive the image,
 * build the same context as the adapters and call `auth.setAvatar` through `createCaller`, which
 * authenticates (and checks the Origin of cookie-authenticated writes) before the image is stored
 * through the storage port — and deletes the file it replaced once the change is committed.
 */
export async function registerAvatarRoutes(app: FastifyInstance, opts: AvatarRouteOptions) {
  // An encapsulated scope: multipart and the image parsers exist for these routes only; every
  // other /api route keeps JSON-only body parsing.
  await app.register(async (scope) => {
    await scope.register(multipart, {
      limits: { fileSize: AVATAR_MAX_BYTES, files: 1, fields: 10, fieldSize: 1024, parts: 11 },
    });
    scope.addContentTypeParser(
      Object.keys(IMAGE_TYPES),
      { parseAs: "buffer", bodyLimit: AVATAR_MAX_BYTES },
      (_request, body, done) => done(null, body),
    );
    for (const url of ["/api/auth/avatar", "/api/auth/avatar/"]) {
      // PUT is the REST verb for "replace my avatar"; POST too, as the legacy frontend posts forms.
      scope.route({ method: ["PUT", "POST"], url, bodyLimit: AVATAR_MAX_BYTES, handler: upload });
      scope.route({ method: "DELETE", url, handler: remove });
    }
  });
  app.get("/media/*", serveMedia);

  async function upload(request: FastifyRequest, reply: FastifyReply) {
    try {
      const upload = new AvatarUpload(await receiveImage(request));
      return reply.send(await caller(request, reply).auth.setAvatar(upload));
    } catch (error) {
      return sendError(request, reply, toAppError(error));
    }
  }

  async function remove(request: FastifyRequest, reply: FastifyReply) {
    try {
      return reply.send(await caller(request, reply).auth.setAvatar(new AvatarUpload(null)));
    } catch (error) {
      return sendError(request, reply, toAppError(error));
    }
  }

  /**
   * No session needed: an <img> tag cannot send an Authorization header, and a cookie would not
   * reach a frontend on another site. The key's 128 random bits are the capability, as with
   * pre-signed URLs; the trade-off is that whoever holds the URL can fetch the file until it is
   * replaced or deleted. When the request does name a studio (X-Tenant-ID, or a Host that resolves
   * to one) the key must belong to it, so one studio's pages never serve another studio's files.
   */
  async function serveMedia(request: FastifyRequest, reply: FastifyReply) {
    try {
      const key = (request.params as { "*": string })["*"];
      const match = MEDIA_KEY.exec(key);
      const notFound = new AppError("NOT_FOUND", "No such file");
      if (!match) throw notFound;
      const { tenantHint } = contextFromRequest(request, reply, opts.deps, opts.env);
      if (tenantHint.tenantId || tenantHint.host) {
        const tenant = (await opts.deps.openTenant(tenantHint))?.tenant;
        // A named studio that does not exist is never the key's studio; an unknown Host is simply
        // the API's own name (not a studio), which does not restrict anything.
        if (tenantHint.tenantId && !tenant) throw notFound;
        if (tenant && tenant.slug !== match[1]) throw notFound;
      }
      // A suspended or archived studio's files go dark with it.
      const owner = (await opts.deps.openTenant({ tenantId: match[1], host: undefined }))?.tenant;
      if (owner?.status !== "active") throw notFound;
      const object = await opts.storage.get(key);
      if (!object) throw notFound;
      return (
        reply
          .type(object.contentType)
          .header("content-length", object.size)
          .header("x-content-type-options", "nosniff")
          // A key never changes content (a new upload gets a new key): cache for good, in the
          // browser only — shared caches would skip the studio check above.
          .header("cache-control", "private, max-age=31536000, immutable")
          // Helmet's same-origin default would stop frontends on other origins from showing it.
          .header("cross-origin-resource-policy", "cross-origin")
          .send(object.body)
      );
    } catch (error) {
      return sendError(request, reply, toAppError(error));
    }
  }

  function caller(request: FastifyRequest, reply: FastifyReply) {
    return opts.router.createCaller(contextFromRequest(request, reply, opts.deps, opts.env));
  }
}

/** The image from a multipart form (field `avatar`) or a raw image body, at most 2 MB. */
async function receiveImage(request: FastifyRequest): Promise<Buffer> {
  if (Buffer.isBuffer(request.body)) return request.body;
  if (!request.isMultipart()) {
    throw new AppError(
      "UNSUPPORTED_MEDIA_TYPE",
      `Send the image as multipart/form-data (field "avatar") or as a raw image/png, image/jpeg or image/webp body`,
    );
  }
  try {
    const file = await request.file();
    if (file?.fieldname !== "avatar") {
      throw new AppError("VALIDATION_ERROR", 'The form has no file in the field "avatar"', {
        issues: [{ path: "avatar", message: "Required", code: "invalid_type" }],
      });
    }
    return await file.toBuffer();
  } catch (error) {
    if (error instanceof AppError) throw error;
    const status = (error as { statusCode?: number }).statusCode;
    if (status === 413) throw new AppError("PAYLOAD_TOO_LARGE", `The image is larger than ${AVATAR_MAX_BYTES} bytes`);
    throw new AppError("BAD_REQUEST", "The multipart form could not be read", { cause: error });
  }
}
