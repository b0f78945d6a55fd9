import { sql } from "drizzle-orm";
import { type DbConfig, dbConfigFromEnv } from "./config.js";
import { applyMigrations, loadMigrations, type Migration } from "./migrations.js";
import { ConnectionManager } from "./pools.js";
import { queryComment } from "./query-tag.js";
import { type TenantRecord, TenantRegistry } from "./registry.js";
import { dbServers } from "./schema/control/index.js";
import type { ControlDatabase, Database } from "./types.js";

/** Everything a process needs to reach the control database and any tenant database. */
export interface DataLayer {
  config: DbConfig;
  pools: ConnectionManager;
  control: ControlDatabase;
  /** The control database with `source` named in every statement (query-tag.ts), for work that is no procedure. */
  controlAs(source: string): ControlDatabase;
  registry: TenantRegistry;
  /** The server holding the control database (the first configured one). */
  controlServer: string;
  migrations: { control: Migration[]; tenant: Migration[] };
  tenantDb(tenant: Pick<TenantRecord, "serverName" | "databaseName">): Database;
  close(): Promise<void>;
}

export function createDataLayer(config: DbConfig = dbConfigFromEnv()): DataLayer {
  const pools = new ConnectionManager(config.servers, config.maxConnections);
  const controlServer = config.servers[0]?.name;
  if (!controlServer) throw new Error("no database server configured");
  const control = pools.controlDb(controlServer, config.controlDatabase);
  const controlAs = (source: string) =>
    pools.controlDb(controlServer, config.controlDatabase, queryComment({ procedure: source }));
  // Its lookups are named in the processlist and the logs like a procedure's statements.
  const registry = new TenantRegistry(controlAs("registry.resolve"), {
    ttlMs: config.registryTtlMs,
    max: config.registryMax,
  });
  return {
    config,
    pools,
    control,
    controlAs,
    registry,
    controlServer,
    migrations: {
      control: loadMigrations(config.migrationsDir.control),
      tenant: loadMigrations(config.migrationsDir.tenant),
    },
    tenantDb: (tenant) => pools.tenantDb(tenant.serverName, tenant.databaseName),
    close: () => pools.close(),
  };
}

/**
 * Creates and migrates the control database, and records every configured server in
 * `db_servers` (name, host, port and where its credentials live — never the password).
 */
export async function prepareControlDatabase(layer: DataLayer): Promise<void> {
  await createDatabaseIfMissing(layer, layer.controlServer, layer.config.controlDatabase);
  await applyMigrations(
    layer.pools.client(layer.controlServer, layer.config.controlDatabase),
    layer.migrations.control,
  );
  for (const server of layer.config.servers) {
    const url = new URL(server.url);
    await layer.control
      .insert(dbServers)
      .values({
        name: server.name,
        host: url.hostname,
        port: Number(url.port || 3306),
        credentialsRef: `env:DB_SERVERS#${server.name}`,
      })
      .onDuplicateKeyUpdate({ set: { host: url.hostname, port: Number(url.port || 3306) } });
  }
}

export async function createDatabaseIfMissing(layer: DataLayer, server: string, database: string): Promise<void> {
  const db = layer.pools.client(server, null);
  await db.query("CREATE DATABASE IF NOT EXISTS ?? CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci", [database]);
}

/** One round trip to the control database: used by `/ready`. */
export async function pingControl(layer: DataLayer): Promise<void> {
  await layer.control.execute(sql`SELECT 1`);
}
