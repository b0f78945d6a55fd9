import type { ApiDeps, AppRouter } from "@fotostudio/api";
import type { FastifyInstance } from "fastify";
import type { Env } from "../env.js";
import { registerImageUpload } from "./image-upload.js";

/**
 * `PUT|POST /api/config/business/logo/` and `DELETE /api/config/business/logo/`: the studio's
 * logo, through `config.setLogo` (config:write), received like the avatar (image-upload.ts) and
 * served like any stored file at `GET /media/<key>`.
 */
export async function registerLogoRoutes(app: FastifyInstance, opts: { router: AppRouter; deps: ApiDeps; env: Env }) {
  await registerImageUpload(app, {
    ...opts,
    path: "/api/config/business/logo",
    field: "logo",
    set: (caller, upload) => caller.config.setLogo(upload),
  });
}
