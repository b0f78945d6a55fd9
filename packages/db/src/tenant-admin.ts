import { asc, eq } from "drizzle-orm";
import type { DataLayer } from "./data-layer.js";
import { isDuplicateKey } from "./driver-errors.js";
import { type ProvisionInput, provisionTenant, tenantBySlug } from "./provisioning.js";
import type { TenantRecord } from "./registry.js";
import { dbServers, domains, type TenantStatus, tenants } from "./schema/control/index.js";
import { users } from "./schema/tenant/index.js";
import { generatePassword, verifyPassword } from "./security/passwords.js";

export class TenantAdminError extends Error {
  constructor(
    readonly code: "TENANT_NOT_FOUND" | "DOMAIN_TAKEN" | "INVALID_DOMAIN" | "ILLEGAL_TRANSITION",
    message: string,
  ) {
    super(message);
    this.name = "TenantAdminError";
  }
}

export interface NewTenantWithOwner extends Omit<ProvisionInput, "owner"> {
  /** The first owner; without a password one is generated and reported once. */
  owner?: { email: string; name?: string; password?: string };
}

export interface CreatedTenant {
  tenant: TenantRecord;
  /** False when the slug was already taken by a provisioned tenant (returned untouched). */
  created: boolean;
  owner: {
    email: string;
    /** The generated password, to show once; null when it was given or did not take effect. */
    generatedPassword: string | null;
    /** The owner already existed with another password (a resumed provisioning) and kept it. */
    existed: boolean;
  } | null;
}

/**
 * `tenants create` for the CLI and the API: provisions the tenant with its first owner, generating
 * the owner's password when none is given. A half-provisioned tenant is finished (provisioning is
 * resumable); an already provisioned one is returned untouched with `created: false`.
 */
export async function createTenantWithOwner(layer: DataLayer, input: NewTenantWithOwner): Promise<CreatedTenant> {
  const existing = await tenantBySlug(layer, input.slug);
  if (existing && existing.status !== "provisioning") return { tenant: existing, created: false, owner: null };
  const owner = input.owner && {
    email: input.owner.email.trim().toLowerCase(),
    name: input.owner.name,
    password: input.owner.password ?? generatePassword(),
  };
  const tenant = await provisionTenant(layer, { ...input, owner });
  if (!owner) return { tenant, created: true, owner: null };
  // A resumed provisioning may find the owner created by the interrupted run, with its password.
  const [user] = await layer
    .tenantDb(tenant)
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.email, owner.email))
    .limit(1);
  const takes = user ? await verifyPassword(user.passwordHash, owner.password) : false;
  return {
    tenant,
    created: true,
    owner: {
      email: owner.email,
      generatedPassword: takes && input.owner?.password === undefined ? owner.password : null,
      existed: !takes,
    },
  };
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
    if (isDuplicateKey(error)) {
      throw new TenantAdminError("DOMAIN_TAKEN", `domain "${name}" already belongs to a tenant`);
    }
    throw error;
  }
  layer.registry.invalidate();
  return { domain: name, tenant: tenant.slug, primary: opts.primary ?? false };
}
