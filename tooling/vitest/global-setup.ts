import { createDataLayer, prepareControlDatabase } from "@fotostudio/db";

/**
 * Runs once before all test files: makes sure a database is reachable (the bootstrap normally
 * started it and set DATABASE_URL; a bare `vitest` run starts the local one itself) and that the
 * control database is migrated, so test files can provision tenants straight away.
 */
export async function setup() {
  if (!process.env.DATABASE_URL && !process.env.DB_SERVERS) {
    const local = await import("../mariadb/local.mjs");
    await local.ensureMariaDBInstalled();
    const { url } = await local.startLocalMariaDB({ port: Number(process.env.LOCAL_DB_PORT ?? 3307) });
    process.env.DATABASE_URL = url;
  }
  const layer = createDataLayer();
  try {
    await prepareControlDatabase(layer);
  } finally {
    await layer.close();
  }
}
