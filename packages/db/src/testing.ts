import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { type DbConfig, dbConfigFromEnv } from "./config.js";
import { createDataLayer, type DataLayer, prepareControlDatabase } from "./data-layer.js";
import { type ProvisionInput, provisionTenant } from "./provisioning.js";
import { tenants } from "./schema/control/index.js";

/** Helpers for tests: real databases, unique names, cleanup. Not used by production code. */

export function uniqueSlug(prefix = "t"): string {
  return `${prefix}-${randomBytes(4).toString("hex")}`;
}

/** A data layer on the configured servers; `controlDatabase` gives a test its own control DB. */
export async function createTestLayer(overrides: Partial<DbConfig> = {}): Promise<DataLayer> {
  const layer = createDataLayer({ ...dbConfigFromEnv(), ...overrides });
  await prepareControlDatabase(layer);
  return layer;
}

export async function createTestTenant(layer: DataLayer, input: Partial<ProvisionInput> & { slug?: string } = {}) {
  const slug = input.slug ?? uniqueSlug();
  return provisionTenant(layer, { name: `Test ${slug}`, ...input, slug });
}

/** Drops a tenant's database and its control rows. */
export async function dropTenant(layer: DataLayer, slug: string): Promise<void> {
  const [row] = await layer.control.select().from(tenants).where(eq(tenants.slug, slug));
  if (!row) return;
  for (const server of layer.pools.serverNames) {
    await layer.pools.client(server, null).query("DROP DATABASE IF EXISTS ??", [row.databaseName]);
  }
  await layer.control.delete(tenants).where(eq(tenants.id, row.id));
  layer.registry.invalidate();
}

/** Drops a whole control database made for one test (see createTestLayer's controlDatabase). */
export async function dropControlDatabase(layer: DataLayer): Promise<void> {
  await layer.pools
    .client(layer.controlServer, null)
    .query("DROP DATABASE IF EXISTS ??", [layer.config.controlDatabase]);
}
