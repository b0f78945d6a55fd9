import type { ZodOpenApiOperationObject, ZodOpenApiPathsObject } from "zod-openapi";
import { profileOutput } from "../modules/auth/auth.schema.js";
import { businessOutput } from "../modules/config/groups.schema.js";
import { tenantHeaders } from "./router.js";

// The avatar and logo routes are plain Fastify routes (binary bodies), not generated from a
// procedure: apps/server/src/routes/avatar.ts and logo.ts. Their error responses are completed
// like every operation's (openapi.ts); the statuses only they answer (413, 415) are declared here.

/** The image body both uploads take, under their form field. */
const imageBody = (field: string): ZodOpenApiOperationObject["requestBody"] => ({
  required: true,
  content: {
    "multipart/form-data": {
      schema: {
        type: "object",
        required: [field],
        properties: { [field]: { type: "string", format: "binary", description: "PNG, JPEG or WebP, ≤ 2 MB" } },
      },
    },
    "image/png": { schema: { type: "string", format: "binary" } },
    "image/jpeg": { schema: { type: "string", format: "binary" } },
    "image/webp": { schema: { type: "string", format: "binary" } },
  },
});

const avatarUpload: ZodOpenApiOperationObject = {
  summary: "Upload my avatar",
  description:
    "PUT or POST (the same operation). The image goes as multipart/form-data in the field `avatar`, or as the raw body with its image Content-Type. At most 2 MB; the type is read from the bytes, not the name or the declared type: PNG, JPEG or WebP. Replaces (and deletes) the previous avatar. The new image is served at the profile's `avatarUrl` (`/media/<key>`, no token needed: the key is random).",
  tags: ["auth"],
  security: [{ Authorization: [] }],
  requestParams: { header: tenantHeaders },
  requestBody: imageBody("avatar"),
  responses: {
    "200": {
      description: "My profile, `avatarUrl` pointing at the new image",
      content: { "application/json": { schema: profileOutput } },
    },
    "413": { description: "The image is larger than 2 MB (PAYLOAD_TOO_LARGE)" },
    "415": { description: "Not a PNG, JPEG or WebP image (UNSUPPORTED_MEDIA_TYPE)" },
  },
};

const logoUpload: ZodOpenApiOperationObject = {
  summary: "Upload the studio's logo",
  description:
    "PUT or POST (the same operation); needs config:write (the owner). The image goes as multipart/form-data in the field `logo`, or as the raw body with its image Content-Type. At most 2 MB; the type is read from the bytes: PNG, JPEG or WebP. Replaces (and deletes) the previous logo. The new image is served at the business settings' `logoUrl` and tenants/current's (`/media/<key>`, no token needed: the key is random).",
  tags: ["config"],
  security: [{ Authorization: [] }],
  requestParams: { header: tenantHeaders },
  requestBody: imageBody("logo"),
  responses: {
    "200": {
      description: "The business settings, `logoUrl` pointing at the new image",
      content: { "application/json": { schema: businessOutput } },
    },
    "413": { description: "The image is larger than 2 MB (PAYLOAD_TOO_LARGE)" },
    "415": { description: "Not a PNG, JPEG or WebP image (UNSUPPORTED_MEDIA_TYPE)" },
  },
};

export const AVATAR_PATHS: ZodOpenApiPathsObject = {
  "/config/business/logo": {
    put: { ...logoUpload, operationId: "config-uploadLogo" },
    post: { ...logoUpload, operationId: "config-uploadLogoPost" },
    delete: {
      operationId: "config-removeLogo",
      summary: "Remove the studio's logo",
      description: "Needs config:write (the owner). Deletes the stored image; `logoUrl` becomes null.",
      tags: ["config"],
      security: [{ Authorization: [] }],
      requestParams: { header: tenantHeaders },
      responses: {
        "200": {
          description: "The business settings, without logo",
          content: { "application/json": { schema: businessOutput } },
        },
      },
    },
  },
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
