import { createDataLayer, dbConfigFromEnv } from "@fotostudio/db";
import { buildApp } from "./app.js";
import { parseEnv } from "./env.js";

const env = parseEnv();
const layer = createDataLayer(dbConfigFromEnv());
const app = await buildApp({ env, layer });

// Graceful shutdown: stop accepting, finish in-flight requests, then close the database pools.
let closing = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, async () => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, "shutting down");
    const force = setTimeout(() => process.exit(1), 10_000).unref();
    try {
      await app.close();
      await layer.close();
    } finally {
      clearTimeout(force);
      process.exit(0);
    }
  });
}

await app.listen({ host: env.HOST, port: env.PORT });
const base = `http://${env.HOST}:${env.PORT}`;
if (env.NODE_ENV !== "production") {
  app.log.info(`docs:    ${base}/docs`);
  app.log.info(`openapi: ${base}/openapi.json`);
  app.log.info(
    `log in:  curl -X POST -H 'X-Tenant-ID: demo' -H 'Content-Type: application/json' -d '{"email":"owner@demo.test","password":"fotostudio-demo"}' ${base}/api/auth/login/`,
  );
  app.log.info(`then:    curl -H 'X-Tenant-ID: demo' -H 'Authorization: Bearer <access>' ${base}/api/clients/`);
}
