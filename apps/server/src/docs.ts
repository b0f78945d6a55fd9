import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import { buildOpenApiDocument } from "@fotostudio/api";
import type { FastifyInstance } from "fastify";

/** `/openapi.json` (built once at boot) and `/docs`, an interactive page served from local assets. */
export async function registerDocs(app: FastifyInstance) {
  const document = buildOpenApiDocument({ baseUrl: "/api" });
  await app.register(swagger, { mode: "static", specification: { document: document as never } });
  await app.register(swaggerUi, { routePrefix: "/docs", staticCSP: true, uiConfig: { deepLinking: true } });
  app.get("/openapi.json", { logLevel: "warn" }, async (_request, reply) => reply.send(document));
}
