import type { ApiDeps, AppRouter } from "@fotostudio/api";
import type { FastifyInstance } from "fastify";
import type { Env } from "../env.js";
import { registerTrpc } from "./trpc.js";

/** tRPC from our own Fastify route (being written: delegates to the stock plugin for now). */
export async function registerFastTrpc(
  app: FastifyInstance,
  opts: { router: AppRouter; deps: ApiDeps; env: Env; prefix: string },
) {
  await registerTrpc(app, opts);
}
