import { readFileSync } from "node:fs";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import { buildOpenApiDocument } from "@fotostudio/api";
import type { FastifyInstance } from "fastify";

// The brand assets sit in apps/server/assets: one level up from both src/ (dev, tests) and dist/
// (the built server), so the same relative URL finds them.
const asset = (name: string) => readFileSync(new URL(`../assets/${name}`, import.meta.url));

/** Swagger UI's top bar in the brand's colours, without the "explore another URL" box. */
const THEME_CSS = `
.swagger-ui .topbar { background-color: #12343f; padding: 8px 0; }
.swagger-ui .topbar .download-url-wrapper { display: none; }
.swagger-ui .topbar-wrapper a { max-width: 280px; }
.swagger-ui .info .title { color: #12343f; }
`;

/**
 * `/openapi.json` (built once at boot) and `/docs`: Swagger UI served from local assets (no CDN),
 * with the FotoStudio Cloud title, logo and favicon instead of Swagger's.
 */
export async function registerDocs(app: FastifyInstance) {
  const document = buildOpenApiDocument({ baseUrl: "/api" });
  await app.register(swagger, { mode: "static", specification: { document: document as never } });
  const icon = asset("fotostudio-icon.svg");
  await app.register(swaggerUi, {
    routePrefix: "/docs",
    staticCSP: true,
    uiConfig: { deepLinking: true, persistAuthorization: true, displayRequestDuration: true },
    logo: { type: "image/svg+xml", content: asset("fotostudio-logo.svg"), href: "/docs/", target: "_self" },
    theme: {
      title: "FotoStudio Cloud API",
      css: [{ filename: "fotostudio.css", content: THEME_CSS }],
      favicon: [{ filename: "fotostudio-icon.svg", rel: "icon", type: "image/svg+xml", sizes: "any", content: icon }],
    },
  });
  app.get("/openapi.json", { logLevel: "warn" }, async (_request, reply) => reply.send(document));
  return document;
}
