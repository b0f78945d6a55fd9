import { and, eq, lt, ne } from "drizzle-orm";
import type { DataLayer } from "./data-layer.js";
import { migrateOne } from "./provisioning.js";
import { dbServers, tenants } from "./schema/control/index.js";
import { seedTenantBase } from "./seed.js";

export interface TenantMigrationResult {
  slug: string;
  server: string;
  ok: boolean;
  applied: number;
  version: number;
  error?: string;
}

/** Tenants whose schema version is behind the newest migration: one query, however many tenants. */
export async function pendingTenants(layer: DataLayer, opts: { all?: boolean; slugs?: string[] } = {}) {
  const latest = layer.migrations.tenant.length;
  const rows = await layer.control
    .select({
      id: tenants.id,
      slug: tenants.slug,
      serverName: dbServers.name,
      databaseName: tenants.databaseName,
      schemaVersion: tenants.schemaVersion,
    })
    .from(tenants)
    .innerJoin(dbServers, eq(dbServers.id, tenants.serverId))
    .where(
      opts.all
        ? ne(tenants.status, "archived")
        : and(ne(tenants.status, "archived"), lt(tenants.schemaVersion, latest)),
    )
    .orderBy(tenants.id);
  return opts.slugs ? rows.filter((r) => opts.slugs?.includes(r.slug)) : rows;
}

/**
 * Migrates every tenant that is behind (or all of them with `all`), in parallel with at most
 * `concurrency` tenants at a time per database server. A failing tenant is reported and never
 * stops the others; its progress is kept, so a rerun resumes it.
 */
export async function migrateTenants(
  layer: DataLayer,
  opts: { all?: boolean; slugs?: string[]; concurrency?: number; onResult?: (r: TenantMigrationResult) => void } = {},
): Promise<TenantMigrationResult[]> {
  const concurrency = Math.max(1, opts.concurrency ?? 4);
  const todo = await pendingTenants(layer, opts);
  const byServer = new Map<string, typeof todo>();
  for (const t of todo) byServer.set(t.serverName, [...(byServer.get(t.serverName) ?? []), t]);
  const results: TenantMigrationResult[] = [];
  await Promise.all(
    [...byServer.values()].map(async (queue) => {
      const worker = async () => {
        for (let t = queue.shift(); t; t = queue.shift()) {
          let result: TenantMigrationResult;
          try {
            const r = await migrateOne(layer, t);
            // What a release adds to every tenant's base data (a new system role) reaches the
            // existing tenants with their migration; the seed is idempotent.
            await seedTenantBase(layer.tenantDb(t));
            result = { slug: t.slug, server: t.serverName, ok: true, applied: r.applied, version: r.version };
          } catch (error) {
            result = {
              slug: t.slug,
              server: t.serverName,
              ok: false,
              applied: 0,
              version: t.schemaVersion,
              error: error instanceof Error ? error.message : String(error),
            };
          }
          results.push(result);
          opts.onResult?.(result);
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
    }),
  );
  layer.registry.invalidate();
  return results;
}
