import { DEMO_PASSWORD } from "@fotostudio/db";
import type { FastifyInstance } from "fastify";
import type { Env } from "../env.js";
import { buildPostmanCollection } from "../postman/collection.js";
import type { OpenApiDocument, PostmanCollection } from "../postman/types.js";

/**
 * `GET /postman.json`: the Postman collection of /openapi.json (built on the first request, from the
 * document the docs plugin serves). `baseUrl` defaults to the server the collection was fetched
 * from; outside production the login defaults to the demo studio's owner (README, Demo users).
 */
export function registerPostmanRoute(app: FastifyInstance, env: Env) {
  const login =
    env.NODE_ENV === "production"
      ? { tenant: "", email: "", password: "" }
      : { tenant: "demo", email: "owner@demo.test", password: DEMO_PASSWORD };
  let collection: PostmanCollection | undefined;
  app.get("/postman.json", { logLevel: "warn" }, async (request, reply) => {
    const baseUrl = `${request.protocol}://${request.host}`;
    collection ??= buildPostmanCollection(app.swagger() as unknown as OpenApiDocument, { baseUrl: "", login });
    const variable = collection.variable.map((v) => (v.key === "baseUrl" ? { ...v, value: baseUrl } : v));
    return reply
      .header("content-disposition", 'inline; filename="fotostudio-cloud.postman_collection.json"')
      .send({ ...collection, variable });
  });
}
