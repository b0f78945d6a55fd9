import { asc, count, eq, inArray } from "drizzle-orm";
import { createDatabaseIfMissing, type DataLayer } from "./data-layer.js";
import { isDeadlock, isDuplicateKey } from "./driver-errors.js";
import { applyMigrations } from "./migrations.js";
import { selectTenantRecords, type TenantRecord } from "./registry.js";
import { dbServers, tenants } from "./schema/control/index.js";
import { passwordProblem } from "./security/passwords.js";
import { ensureUser, seedTenantBase } from "./seed.js";
import type { Database } from "./types.js";

export const SLUG_PATTERN = /^[a-z][a-z0-9-]{1,39}[a-z0-9]$/;
/** Subdomains the platform keeps for itself. */
const RESERVED_SLUGS = new Set(["www", "api", "app", "admin", "docs", "static", "status", "mail", "control"]);

export type ProvisionStep = "register" | "database" | "migrate" | "seed" | "activate";

export interface ProvisionInput {
  slug: string;
  name: string;
  businessType?: string;
  plan?: string;
  /** Place on this server instead of the one with the fewest tenants. */
  serverName?: string;
  /** The studio's first owner (created once; a rerun leaves an existing user alone). */
  owner?: { email: string; name?: string; password: string };
  /** Extra idempotent seeding of the new database (it may run again when provisioning resumes). */
  seed?: (db: Database, tenant: TenantRecord) => Promise<void>;
  /** Called as each step starts: progress output for the CLI. */
  onStep?: (step: ProvisionStep) => void | Promise<void>;
}

export class ProvisioningError extends Error {
  constructor(
    readonly code: "INVALID_SLUG" | "SLUG_RESERVED" | "SERVER_NOT_FOUND" | "WEAK_PASSWORD",
    message: string,
  ) {
    super(message);
    this.name = "ProvisioningError";
  }
}

export function databaseNameFor(slug: string): string {
  return `fotostudio_t_${slug.replaceAll("-", "_")}`;
}

/**
 * Creates a tenant end to end: register (placed on a server) → create database → migrate →
 * seed → active. Every step is idempotent, so a run that failed or was killed anywhere is
 * finished by running it again; an already active tenant is returned untouched.
 */
export async function provisionTenant(layer: DataLayer, input: ProvisionInput): Promise<TenantRecord> {
  if (!SLUG_PATTERN.test(input.slug)) {
    throw new ProvisioningError(
      "INVALID_SLUG",
      "slug: 3-41 characters, lower-case letters, digits and dashes, starting with a letter",
    );
  }
  if (RESERVED_SLUGS.has(input.slug)) throw new ProvisioningError("SLUG_RESERVED", `slug "${input.slug}" is reserved`);

  const weak = input.owner && passwordProblem(input.owner.password, input.owner.email);
  if (weak) throw new ProvisioningError("WEAK_PASSWORD", `owner password: ${weak}`);

  const existing = await tenantBySlug(layer, input.slug);
  if (existing && existing.status !== "provisioning") return existing;

  await input.onStep?.("register");
  const tenant = existing ?? (await register(layer, input));

  await input.onStep?.("database");
  await createDatabaseIfMissing(layer, tenant.serverName, tenant.databaseName);

  await input.onStep?.("migrate");
  await migrateOne(layer, tenant);

  const db = layer.tenantDb(tenant);
  await input.onStep?.("seed");
  // Two provisioners racing for one slug upsert the same seed rows; InnoDB may pick one as a
  // deadlock victim (gap locks of INSERT … ON DUPLICATE KEY): the seed is idempotent, run it again.
  await retryDeadlock(() => seedTenantBase(db));
  if (input.owner) {
    await ensureUser(db, {
      email: input.owner.email,
      name: input.owner.name ?? input.owner.email.split("@")[0] ?? "Owner",
      password: input.owner.password,
      role: "owner",
    });
  }
  await input.seed?.(db, tenant);

  await input.onStep?.("activate");
  await layer.control.update(tenants).set({ status: "active" }).where(eq(tenants.id, tenant.id));
  layer.registry.invalidate();
  return { ...tenant, status: "active", schemaVersion: layer.migrations.tenant.length };
}

async function retryDeadlock(fn: () => Promise<void>, attempts = 3): Promise<void> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (error) {
      if (i >= attempts || !isDeadlock(error)) throw error;
    }
  }
}

/** Applies pending tenant migrations to one tenant and records its schema version. */
export async function migrateOne(layer: DataLayer, tenant: Pick<TenantRecord, "id" | "serverName" | "databaseName">) {
  const result = await applyMigrations(
    layer.pools.client(tenant.serverName, tenant.databaseName),
    layer.migrations.tenant,
  );
  await layer.control.update(tenants).set({ schemaVersion: result.version }).where(eq(tenants.id, tenant.id));
  return result;
}

export async function tenantBySlug(layer: DataLayer, slug: string): Promise<TenantRecord | null> {
  const rows = await selectTenantRecords(layer.control).where(eq(tenants.slug, slug)).limit(1);
  return rows[0] ?? null;
}

async function register(layer: DataLayer, input: ProvisionInput): Promise<TenantRecord> {
  const server = await pickServer(layer, input.serverName);
  try {
    await layer.control.insert(tenants).values({
      slug: input.slug,
      name: input.name,
      businessType: input.businessType ?? "photo_framing",
      plan: input.plan ?? "standard",
      status: "provisioning",
      serverId: server.id,
      databaseName: databaseNameFor(input.slug),
    });
  } catch (error) {
    // Two provisioners racing for the same slug: the loser continues with the winner's row.
    if (!isDuplicateKey(error)) throw error;
  }
  const tenant = await tenantBySlug(layer, input.slug);
  if (!tenant) throw new Error(`tenant ${input.slug} vanished while registering`);
  return tenant;
}

/** The active, configured server holding the fewest tenants (ties: the oldest server). */
async function pickServer(layer: DataLayer, name?: string): Promise<{ id: number; name: string }> {
  const candidates = layer.pools.serverNames.filter((n) => name === undefined || n === name);
  if (candidates.length === 0) {
    throw new ProvisioningError("SERVER_NOT_FOUND", `database server "${name}" is not configured`);
  }
  const rows = await layer.control
    .select({ id: dbServers.id, name: dbServers.name, tenants: count(tenants.id) })
    .from(dbServers)
    .leftJoin(tenants, eq(tenants.serverId, dbServers.id))
    .where(inArray(dbServers.name, candidates))
    .groupBy(dbServers.id, dbServers.name)
    .orderBy(asc(count(tenants.id)), asc(dbServers.id));
  const first = rows.find((r) => r.name);
  if (!first) throw new ProvisioningError("SERVER_NOT_FOUND", "no active database server is registered");
  return { id: first.id, name: first.name };
}
