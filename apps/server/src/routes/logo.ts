import multipart from "@fastify/multipart";
import { type ApiDeps, AppError, type AppRouter, AvatarUpload, IMAGE_TYPES, toAppError } from "@fotostudio/api";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { sendError } from "../adapters/errors.js";
import { contextFromRequest } from "../context.js";
import type { Env } from "../env.js";

export const LOGO_MAX_BYTES = 2 * 1024 * 1024;

interface LogoRouteOptions {
  router: AppRouter;
  deps: ApiDeps;
  env: Env;
}

/**
 * `PUT|POST /api/config/business/logo/` and `DELETE /api/config/business/logo/`: the studio's
 * logo, as the avatar routes do it (routes/avatar.ts): the image is received here and handed to
 * `config.setLogo` through `createCaller`, which checks the session, config:write and the Origin
 * of cookie-authenticated writes before the image is sniffed and stored. It is served by the
 * avatar routes' `GET /media/<key>` like any stored file.
 */
export async function registerLogoRoutes(app: FastifyInstance, opts: LogoRouteOptions) {
  // An encapsulated scope, as the avatar's: multipart and the image parsers for these routes only.
  await app.register(async (scope) => {
    await scope.register(multipart, {
      limits: { fileSize: LOGO_MAX_BYTES, files: 1, fields: 10, fieldSize: 1024, parts: 11 },
    });
    scope.addContentTypeParser(
      Object.keys(IMAGE_TYPES),
      { parseAs: "buffer", bodyLimit: LOGO_MAX_BYTES },
      (_request, body, done) => done(null, body),
    );
    for (const url of ["/api/config/business/logo", "/api/config/business/logo/"]) {
      scope.route({ method: ["PUT", "POST"], url, bodyLimit: LOGO_MAX_BYTES, handler: upload });
      scope.route({ method: "DELETE", url, handler: remove });
    }
  });

  async function upload(request: FastifyRequest, reply: FastifyReply) {
    try {
      const bytes = await receiveImage(request);
      return reply.send(await caller(request, reply).config.setLogo(new AvatarUpload(bytes)));
    } catch (error) {
      return sendError(request, reply, toAppError(error));
    }
  }

  async function remove(request: FastifyRequest, reply: FastifyReply) {
    try {
      return reply.send(await caller(request, reply).config.setLogo(new AvatarUpload(null)));
    } catch (error) {
      return sendError(request, reply, toAppError(error));
    }
  }

  function caller(request: FastifyRequest, reply: FastifyReply) {
    return opts.router.createCaller(contextFromRequest(request, reply, opts.deps, opts.env));
  }
}

/** The image from a multipart form (field `logo`) or a raw image body, at most 2 MB. */
async function receiveImage(request: FastifyRequest): Promise<Buffer> {
  if (Buffer.isBuffer(request.body)) return request.body;
  if (!request.isMultipart()) {
    throw new AppError(
      "UNSUPPORTED_MEDIA_TYPE",
      `Send the image as multipart/form-data (field "logo") or as a raw image/png, image/jpeg or image/webp body`,
    );
  }
  try {
    const file = await request.file();
    if (file?.fieldname !== "logo") {
      throw new AppError("VALIDATION_ERROR", 'The form has no file in the field "logo"', {
        issues: [{ path: "logo", message: "Required", code: "invalid_type" }],
      });
    }
    return await file.toBuffer();
  } catch (error) {
    if (error instanceof AppError) throw error;
    const status = (error as { statusCode?: number }).statusCode;
    if (status === 413) throw new AppError("PAYLOAD_TOO_LARGE", `The image is larger than ${LOGO_MAX_BYTES} bytes`);
    throw new AppError("BAD_REQUEST", "The multipart form could not be read", { cause: error });
  }
}
