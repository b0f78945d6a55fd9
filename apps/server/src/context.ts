import type { ApiDeps, Context, ResolvedTenant } from "@fotostudio/api";
import type { DataLayer, TenantRecord } from "@fotostudio/db";
import type { FastifyRequest } from "fastify";
import type { Env } from "./env.js";

/** Binds the API to the real data layer: tenant resolution through the registry cache. */
export function createDeps(layer: DataLayer, env: Env): ApiDeps {
  return {
    resolveTenant: (hint) =>
      layer.registry.resolve({ tenantId: hint.tenantId, host: hint.host, baseDomain: env.BASE_DOMAIN }),
    tenantDb: (tenant) => {
      if (!isPlaced(tenant)) throw new Error(`tenant ${tenant.slug} was not resolved by the registry`);
      return layer.tenantDb(tenant);
    },
  };
}

// resolveTenant hands out registry records, which also carry where the tenant's database lives.
function isPlaced(
  tenant: ResolvedTenant,
): tenant is ResolvedTenant & Pick<TenantRecord, "serverName" | "databaseName"> {
  return "serverName" in tenant && "databaseName" in tenant;
}

/** The same context for tRPC and REST: both adapters call this with the Fastify request. */
export function contextFromRequest(req: FastifyRequest, deps: ApiDeps): Context {
  const tenantId = req.headers["x-tenant-id"];
  return {
    requestId: req.id,
    log: req.log,
    tenantHint: {
      tenantId: typeof tenantId === "string" && tenantId.trim() ? tenantId.trim() : undefined,
      host: req.headers.host,
    },
    ip: req.ip,
    deps,
  };
}
