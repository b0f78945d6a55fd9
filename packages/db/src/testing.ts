import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { type DbConfig, dbConfigFromEnv } from "./config.js";
import { createDataLayer, type DataLayer, prepareControlDatabase } from "./data-layer.js";
import { type ProvisionInput, provisionTenant, tenantBySlug } from "./provisioning.js";
import { tenants } from "./schema/control/index.js";
import { ensureUser } from "./seed.js";

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

/** The password of every user the test helpers create. */
export const TEST_PASSWORD = "test-password-123";

/** A new tenant whose owner is `owner@<slug>.test` (password TEST_PASSWORD). */
export async function createTestTenant(layer: DataLayer, input: Partial<ProvisionInput> & { slug?: string } = {}) {
  const slug = input.slug ?? uniqueSlug();
  return provisionTenant(layer, {
    name: `Test ${slug}`,
    owner: { email: `owner@${slug}.test`, name: "Test Owner", password: TEST_PASSWORD },
    ...input,
    slug,
  });
}

/** Adds a user with a system role (`sales@<slug>.test` …) to a test tenant; idempotent. */
export async function createTestUser(layer: DataLayer, slug: string, role: string, email = `${role}@${slug}.test`) {
  const tenant = await tenantBySlug(layer, slug);
  if (!tenant) throw new Error(`no tenant ${slug}`);
  await ensureUser(layer.tenantDb(tenant), { email, name: `Test ${role}`, password: TEST_PASSWORD, role });
  return { email, password: TEST_PASSWORD };
}

/** Drops a tenant's database and its control rows. */
export async function dropTenant(layer: DataLayer, slug: string): Promise<void> {
  const [row] = await layer.control.select().from(tenants).where(eq(tenants.slug, slug));
  if (!row) return;
  for (const server of layer.pools.serverNames) {
    await dropDatabase(layer, server, row.databaseName);
  }
  await layer.control.delete(tenants).where(eq(tenants.id, row.id));
  layer.registry.invalidate();
}

/** Drops a whole control database made for one test (see createTestLayer's controlDatabase). */
export async function dropControlDatabase(layer: DataLayer): Promise<void> {
  await dropDatabase(layer, layer.controlServer, layer.config.controlDatabase);
}

/**
 * DROP DATABASE, retried: MariaDB now and then answers ER_DB_DROP_RMDIR ("Directory not empty")
 * when InnoDB is still closing a table's files of that database; a moment later it succeeds.
 */
export async function dropDatabase(layer: DataLayer, server: string, name: string): Promise<void> {
  const admin = layer.pools.client(server, null);
  // Triggers first: a DROP DATABASE that fails half-way can leave the rewrite of a table's trigger
  // file (`audit_log.TRG-`), a file MariaDB no longer knows, and every later drop then fails with
  // "Directory not empty" (seen in full runs, under load).
  const [triggers] = (await admin.query(
    "SELECT TRIGGER_NAME AS name FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = ?",
    [name],
  )) as [{ name: string }[]];
  for (const t of triggers) await admin.query("DROP TRIGGER IF EXISTS ??.??", [name, t.name]);
  for (let attempt = 1; ; attempt++) {
    try {
      await admin.query("DROP DATABASE IF EXISTS ??", [name]);
      return;
    } catch (error) {
      const errno =
        (error as { errno?: number; cause?: { errno?: number } }).errno ??
        (error as { cause?: { errno?: number } }).cause?.errno;
      // Under a full test run's load it has taken longer than 5 s: up to about 15 s in all.
      if (errno !== 1010 || attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(200 * attempt, 1000)));
    }
  }
}
