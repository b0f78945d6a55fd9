import type { ZodOpenApiOperationObject, ZodOpenApiPathsObject } from "zod-openapi";
import { profileOutput } from "../modules/auth/auth.schema.js";
import { tenantHeaders } from "./router.js";

// The avatar routes are plain Fastify routes (binary bodies), not generated from a procedure:
// apps/server/src/routes/avatar.ts. Their error responses are completed like every operation's
// (openapi.ts); the statuses only they answer (413, 415) are declared here.
const avatarUpload: ZodOpenApiOperationObject = {
  summary: "Upload my avatar",
  description:
    "PUT or POST (the same operation). The image goes as multipart/form-data in the field `avatar`, or as the raw body with its image Content-Type. At most 2 MB; the type is read from the bytes, not the name or the declared type: PNG, JPEG or WebP. Replaces (and deletes) the previous avatar. The new image is served at the profile's `avatarUrl` (`/media/<key>`, no token needed: the key is random).",
  tags: ["auth"],
  security: [{ Authorization: [] }],
  requestParams: { header: tenantHeaders },
  requestBody: {
    required: true,
    content: {
      "multipart/form-data": {
        schema: {
          type: "object",
          required: ["avatar"],
          properties: { avatar: { type: "string", format: "binary", description: "PNG, JPEG or WebP, ≤ 2 MB" } },
        },
      },
      "image/png": { schema: { type: "string", format: "binary" } },
      "image/jpeg": { schema: { type: "string", format: "binary" } },
      "image/webp": { schema: { type: "string", format: "binary" } },
    },
  },
  responses: {
    "200": {
      description: "My profile, `avatarUrl` pointing at the new image",
      content: { "application/json": { schema: profileOutput } },
    },
    "413": { description: "The image is larger than 2 MB (PAYLOAD_TOO_LARGE)" },
    "415": { description: "Not a PNG, JPEG or WebP image (UNSUPPORTED_MEDIA_TYPE)" },
  },
};

export const AVATAR_PATHS: ZodOpenApiPathsObject = {
  "/auth/avatar": {
    put: { ...avatarUpload, operationId: "auth-uploadAvatar" },
    post: { ...avatarUpload, operationId: "auth-uploadAvatarPost" },
    delete: {
      operationId: "auth-removeAvatar",
      summary: "Remove my avatar",
      description: "Deletes the stored image; the profile's `avatarUrl` becomes null.",
      tags: ["auth"],
      security: [{ Authorization: [] }],
      requestParams: { header: tenantHeaders },
      responses: {
        "200": {
          description: "My profile, without avatar",
          content: { "application/json": { schema: profileOutput } },
        },
      },
    },
  },
};
