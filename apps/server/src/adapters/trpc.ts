import type { ApiDeps, AppRouter } from "@fotostudio/api";
import { type FastifyTRPCPluginOptions, fastifyTRPCPlugin } from "@trpc/server/adapters/fastify";
import type { FastifyInstance } from "fastify";
import { contextFromRequest } from "../context.js";
import type { Env } from "../env.js";

/** tRPC for TypeScript frontends (the SDK): superjson, batching. */
export async function registerTrpc(
  app: FastifyInstance,
  opts: { router: AppRouter; deps: ApiDeps; env: Env; prefix: string },
) {
  await app.register(fastifyTRPCPlugin, {
    prefix: opts.prefix,
    trpcOptions: {
      router: opts.router,
      allowBatching: true,
      createContext: ({ req, res }) => contextFromRequest(req, res, opts.deps, opts.env),
    },
  } satisfies FastifyTRPCPluginOptions<AppRouter>);
}
