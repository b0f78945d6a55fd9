import {
  createTenantWithOwner,
  type DataLayer,
  dbServers,
  domains,
  type Executor,
  ProvisioningError,
  setTenantStatus,
  TenantAdminError,
  type TenantRecord,
  tenants,
} from "@fotostudio/db";
import { asc, count, desc, eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import type { Context, ResolvedTenant } from "../../context.js";
import { AppError } from "../../errors.js";
import { writeAudit } from "../../procedures/audit.js";
import type { OperatorAuth } from "../../procedures/authenticate.js";
import { listPage, type Page } from "../../shared/list.js";
import { mediaUrl } from "../../shared/media.js";
import { readSettings } from "../config/settings.service.js";
import {
  type CurrentTenant,
  type createTenantInput,
  type ListTenantsInput,
  type Tenant,
  tenantSort,
} from "./tenants.schema.js";

type OperatorCtx = Pick<Context, "requestId" | "ip" | "log"> & { operator: OperatorAuth };

const columns = {
  id: tenants.id,
  slug: tenants.slug,
  name: tenants.name,
  businessType: tenants.businessType,
  plan: tenants.plan,
  status: tenants.status,
  server: dbServers.name,
  databaseName: tenants.databaseName,
  schemaVersion: tenants.schemaVersion,
  timeZone: tenants.timeZone,
  currency: tenants.currency,
  createdAt: tenants.createdAt,
  updatedAt: tenants.updatedAt,
};

const selectTenants = (platform: DataLayer) =>
  platform.control.select(columns).from(tenants).innerJoin(dbServers, eq(dbServers.id, tenants.serverId));

export async function listTenants(platform: DataLayer, input: ListTenantsInput): Promise<Page<Tenant>> {
  const page = await listPage(
    {
      rows: selectTenants(platform).$dynamic(),
      count: platform.control.select({ n: count() }).from(tenants).$dynamic(),
    },
    input,
    {
      sort: tenantSort,
      tiebreak: tenants.id,
      search: [tenants.slug, tenants.name],
      filters: [input.status && eq(tenants.status, input.status)],
    },
  );
  return { ...page, results: await withDomains(platform, page.results) };
}

/**
 * What any user of a studio may see of it: no placement, no database. Its branding, currency,
 * time zone and locale are its own settings (config/business, config/system), what its calendar
 * and prices follow.
 */
export async function currentTenant(db: Executor, tenant: ResolvedTenant): Promise<CurrentTenant> {
  const [business, system] = await Promise.all([readSettings(db, "business"), readSettings(db, "system")]);
  const { slug, name, businessType, plan } = tenant;
  return {
    slug,
    name,
    businessName: business.tradeName ?? business.legalName ?? name,
    logoUrl: mediaUrl(business.logo),
    primaryColour: business.primaryColour,
    secondaryColour: business.secondaryColour,
    currency: system.currency,
    timeZone: system.timeZone,
    locale: system.locale,
    businessType,
    plan,
  };
}

export async function getTenant(platform: DataLayer, id: number): Promise<Tenant> {
  const rows = await selectTenants(platform).where(eq(tenants.id, id)).limit(1);
  const [tenant] = await withDomains(platform, rows);
  if (!tenant) throw new AppError("NOT_FOUND", `Tenant ${id} not found`);
  return tenant;
}

/** One query for the domains of a whole page. */
async function withDomains<T extends { id: number }>(platform: DataLayer, rows: T[]) {
  if (rows.length === 0) return [];
  const found = await platform.control
    .select({ tenantId: domains.tenantId, domain: domains.domain, primary: domains.isPrimary })
    .from(domains)
    .where(
      inArray(
        domains.tenantId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(desc(domains.isPrimary), asc(domains.domain));
  return rows.map((row) => ({
    ...row,
    domains: found.filter((d) => d.tenantId === row.id).map(({ domain, primary }) => ({ domain, primary })),
  }));
}

/** Provisions a studio with its first owner; a generated owner password is returned once. */
export async function createTenant(platform: DataLayer, ctx: OperatorCtx, input: z.infer<typeof createTenantInput>) {
  const result = await createTenantWithOwner(platform, {
    slug: input.slug,
    name: input.name,
    businessType: input.businessType,
    plan: input.plan,
    serverName: input.server,
    owner: input.owner,
  }).catch(rethrowAsAppError);
  if (!result.created) {
    throw new AppError("CONFLICT", `A tenant "${input.slug}" already exists`, {
      issues: [{ path: "slug", message: "Taken", code: "taken" }],
    });
  }
  const { tenant } = result;
  ctx.log.info(
    { event: "tenants.create", operatorId: ctx.operator.id, tenant: tenant.slug, server: tenant.serverName },
    "tenant created by operator",
  );
  await auditInTenant(platform, ctx, tenant, "tenants.create", null, {
    slug: tenant.slug,
    name: tenant.name,
    plan: tenant.plan,
    owner: input.owner.email,
  });
  return {
    ...(await getTenant(platform, tenant.id)),
    owner: { email: input.owner.email, password: result.owner?.generatedPassword ?? null },
  };
}

/** suspend / resume. Setting the status a tenant already has changes nothing and succeeds. */
export async function changeStatus(
  platform: DataLayer,
  ctx: OperatorCtx,
  id: number,
  status: "active" | "suspended",
): Promise<Tenant> {
  const before = await getTenant(platform, id);
  // setTenantStatus invalidates this process's registry cache: the tenant's next request sees it.
  const after = await setTenantStatus(platform, before.slug, status).catch(rethrowAsAppError);
  if (after.status !== before.status) {
    const action = status === "suspended" ? "tenants.suspend" : "tenants.resume";
    ctx.log.info(
      { event: action, operatorId: ctx.operator.id, tenant: before.slug, from: before.status, to: status },
      action,
    );
    await auditInTenant(platform, ctx, after, action, { status: before.status }, { status });
  }
  return getTenant(platform, id);
}

/**
 * The studio's own audit log records what operators did to it (actor type `operator`). Best
 * effort: the control database has already changed, so a tenant database that cannot take the
 * row is logged rather than failing the request.
 */
async function auditInTenant(
  platform: DataLayer,
  ctx: OperatorCtx,
  tenant: TenantRecord,
  action: string,
  before: unknown,
  after: unknown,
) {
  try {
    await writeAudit(platform.tenantDb(tenant), ctx, {
      actor: { type: "operator", id: ctx.operator.id, email: ctx.operator.email },
      action,
      entity: "tenant",
      entityId: tenant.id,
      before,
      after,
    });
  } catch (error) {
    ctx.log.error({ err: error, tenant: tenant.slug, action }, "could not write the operator's audit row");
  }
}

/** The platform's own error codes as API errors (400 bad input, 404, 409). */
function rethrowAsAppError(error: unknown): never {
  if (error instanceof ProvisioningError) {
    const path = {
      INVALID_SLUG: "slug",
      SLUG_RESERVED: "slug",
      SERVER_NOT_FOUND: "server",
      WEAK_PASSWORD: "owner.password",
    };
    throw new AppError("VALIDATION_ERROR", error.message, {
      issues: [{ path: path[error.code], message: error.message, code: error.code.toLowerCase() }],
    });
  }
  if (error instanceof TenantAdminError) {
    if (error.code === "TENANT_NOT_FOUND") throw new AppError("NOT_FOUND", error.message);
    if (error.code === "ILLEGAL_TRANSITION") throw new AppError("ILLEGAL_TRANSITION", error.message);
    if (error.code === "DOMAIN_TAKEN") throw new AppError("CONFLICT", error.message);
    throw new AppError("VALIDATION_ERROR", error.message);
  }
  throw error;
}
