import { asc, eq } from "drizzle-orm";
import type mysql from "mysql2/promise";
import type { DataLayer } from "./data-layer.js";
import { tenantBySlug } from "./provisioning.js";
import { dbServers, domains, type TenantStatus, tenants } from "./schema/control/index.js";

export class TenantAdminError extends Error {
  constructor(
    readonly code: "TENANT_NOT_FOUND" | "DOMAIN_TAKEN" | "INVALID_DOMAIN" | "ILLEGAL_TRANSITION",
    message: string,
  ) {
    super(message);
    this.name = "TenantAdminError";
  }
}

export async function listTenants(layer: DataLayer) {
  return layer.control
    .select({
      id: tenants.id,
      slug: tenants.slug,
      name: tenants.name,
      plan: tenants.plan,
      status: tenants.status,
      server: dbServers.name,
      databaseName: tenants.databaseName,
      schemaVersion: tenants.schemaVersion,
      createdAt: tenants.createdAt,
    })
    .from(tenants)
    .innerJoin(dbServers, eq(dbServers.id, tenants.serverId))
    .orderBy(asc(tenants.slug));
}

const TRANSITIONS: Record<TenantStatus, TenantStatus[]> = {
  provisioning: [],
  active: ["suspended", "archived"],
  suspended: ["active", "archived"],
  archived: [],
};

/** suspend / resume / archive. Suspended tenants answer 403 TENANT_SUSPENDED to every request. */
export async function setTenantStatus(layer: DataLayer, slug: string, status: TenantStatus) {
  const tenant = await tenantBySlug(layer, slug);
  if (!tenant) throw new TenantAdminError("TENANT_NOT_FOUND", `no tenant "${slug}"`);
  if (tenant.status === status) return tenant;
  if (!TRANSITIONS[tenant.status].includes(status)) {
    throw new TenantAdminError("ILLEGAL_TRANSITION", `tenant "${slug}" is ${tenant.status}; cannot become ${status}`);
  }
  await layer.control.update(tenants).set({ status }).where(eq(tenants.id, tenant.id));
  layer.registry.invalidate();
  return { ...tenant, status };
}

const DOMAIN_PATTERN = /^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

export async function addDomain(layer: DataLayer, slug: string, domain: string, opts: { primary?: boolean } = {}) {
  const name = domain.trim().toLowerCase();
  if (!DOMAIN_PATTERN.test(name)) throw new TenantAdminError("INVALID_DOMAIN", `"${domain}" is not a domain name`);
  const tenant = await tenantBySlug(layer, slug);
  if (!tenant) throw new TenantAdminError("TENANT_NOT_FOUND", `no tenant "${slug}"`);
  try {
    await layer.control.transaction(async (tx) => {
      if (opts.primary) await tx.update(domains).set({ isPrimary: false }).where(eq(domains.tenantId, tenant.id));
      await tx.insert(domains).values({ domain: name, tenantId: tenant.id, isPrimary: opts.primary ?? false });
    });
  } catch (error) {
    // Drizzle wraps driver errors (DrizzleQueryError): the MySQL code is on the cause.
    const driverError = ((error as { cause?: unknown }).cause ?? error) as mysql.QueryError;
    if (driverError.code === "ER_DUP_ENTRY") {
      throw new TenantAdminError("DOMAIN_TAKEN", `domain "${name}" already belongs to a tenant`);
    }
    throw error;
  }
  layer.registry.invalidate();
  return { domain: name, tenant: tenant.slug, primary: opts.primary ?? false };
}
