import type { ApiDeps, AppRouter } from "@fotostudio/api";
import { AppError, toAppError } from "@fotostudio/api";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { sendError } from "../adapters/errors.js";
import { contextFromRequest } from "../context.js";
import type { Env } from "../env.js";
import type { Storage } from "../storage/storage.js";
import { registerImageUpload } from "./image-upload.js";

// `<tenant-slug>/<kind>/<random>.<ext>`; the random part is 128 bits (base64url, 22 characters).
const MEDIA_KEY = /^([a-z][a-z0-9-]*)\/[a-z]+\/[A-Za-z0-9_-]{22,}\.[a-z0-9]+$/;

interface AvatarRouteOptions {
  router: AppRouter;
  deps: ApiDeps;
  env: Env;
  storage: Storage;
}

/**
 * `PUT|POST /api/auth/avatar/` and `DELETE /api/auth/avatar/` for the logged-in user (through
 * `auth.setAvatar`, see image-upload.ts), and `GET /media/<key>` serving stored files.
 */
export async function registerAvatarRoutes(app: FastifyInstance, opts: AvatarRouteOptions) {
  await registerImageUpload(app, {
    ...opts,
    path: "/api/auth/avatar",
    field: "avatar",
    set: (caller, upload) => caller.auth.setAvatar(upload),
  });
  app.get("/media/*", serveMedia);

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
}
