import multipart from "@fastify/multipart";
import { type ApiDeps, AppError, type AppRouter, IMAGE_TYPES, ImageUpload, toAppError } from "@fotostudio/api";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { sendError } from "../adapters/errors.js";
import { contextFromRequest } from "../context.js";
import type { Env } from "../env.js";

export const IMAGE_MAX_BYTES = 2 * 1024 * 1024;

type Caller = ReturnType<AppRouter["createCaller"]>;

export interface ImageUploadOptions {
  router: AppRouter;
  deps: ApiDeps;
  env: Env;
  /** `/api/auth/avatar`: served with and without the trailing slash. */
  path: string;
  /** The multipart form's file field (`avatar`, `logo`). */
  field: string;
  /** The procedure that takes the image (null: remove it), through the caller. */
  set(caller: Caller, upload: InstanceType<typeof ImageUpload>): Promise<unknown>;
}

/**
 * `PUT|POST <path>` (a multipart form or a raw PNG/JPEG/WebP body, at most 2 MB) and
 * `DELETE <path>`: an image a procedure takes. Plain Fastify routes, because binary bodies fit
 * neither tRPC nor the generated REST; but the session, tenant and CSRF rules are the procedures'
 * own: the route receives the bytes, builds the same context as the adapters and calls the
 * procedure through `createCaller`, which authenticates (and checks the Origin of cookie
 * writes) before the image is sniffed and stored through the storage port.
 */
export async function registerImageUpload(app: FastifyInstance, opts: ImageUploadOptions) {
  const caller = (request: FastifyRequest, reply: FastifyReply) =>
    opts.router.createCaller(contextFromRequest(request, reply, opts.deps, opts.env));
  const answer = (bytes: (request: FastifyRequest) => Promise<Buffer | null>) =>
    async function handler(request: FastifyRequest, reply: FastifyReply) {
      try {
        const upload = new ImageUpload(await bytes(request));
        return reply.send(await opts.set(caller(request, reply), upload));
      } catch (error) {
        return sendError(request, reply, toAppError(error));
      }
    };
  // An encapsulated scope: multipart and the image parsers exist for these routes only; every
  // other /api route keeps JSON-only body parsing.
  await app.register(async (scope) => {
    await scope.register(multipart, {
      limits: { fileSize: IMAGE_MAX_BYTES, files: 1, fields: 10, fieldSize: 1024, parts: 11 },
    });
    scope.addContentTypeParser(
      Object.keys(IMAGE_TYPES),
      { parseAs: "buffer", bodyLimit: IMAGE_MAX_BYTES },
      (_request, body, done) => done(null, body),
    );
    for (const url of [opts.path, `${opts.path}/`]) {
      // PUT is the REST verb for "replace the image"; POST too, as the legacy frontend posts forms.
      scope.route({
        method: ["PUT", "POST"],
        url,
        bodyLimit: IMAGE_MAX_BYTES,
        handler: answer((request) => receiveImage(request, opts.field)),
      });
      scope.route({ method: "DELETE", url, handler: answer(async () => null) });
    }
  });
}

/** The image from a multipart form (its file in `field`) or a raw image body, at most 2 MB. */
async function receiveImage(request: FastifyRequest, field: string): Promise<Buffer> {
  if (Buffer.isBuffer(request.body)) return request.body;
  if (!request.isMultipart()) {
    throw new AppError(
      "UNSUPPORTED_MEDIA_TYPE",
      `Send the image as multipart/form-data (field "${field}") or as a raw image/png, image/jpeg or image/webp body`,
    );
  }
  try {
    const file = await request.file();
    if (file?.fieldname !== field) {
      throw new AppError("VALIDATION_ERROR", `The form has no file in the field "${field}"`, {
        issues: [{ path: field, message: "Required", code: "invalid_type" }],
      });
    }
    return await file.toBuffer();
  } catch (error) {
    if (error instanceof AppError) throw error;
    const status = (error as { statusCode?: number }).statusCode;
    if (status === 413) throw new AppError("PAYLOAD_TOO_LARGE", `The image is larger than ${IMAGE_MAX_BYTES} bytes`);
    throw new AppError("BAD_REQUEST", "The multipart form could not be read", { cause: error });
  }
}
