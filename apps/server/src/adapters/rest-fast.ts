import type { ApiDeps, AppRouter } from "@fotostudio/api";
import type { FastifyInstance } from "fastify";
import type { Env } from "../env.js";
import { registerRest } from "./rest.js";

/** REST from a route table built at boot (being written: delegates to the stock handler for now). */
export function registerFastRest(
  app: FastifyInstance,
  opts: { router: AppRouter; deps: ApiDeps; env: Env; prefix: string },
) {
  registerRest(app, opts);
}
