/**
 * The root context. Its type is part of the published `AppRouter` type, so it names no Drizzle
 * schema or server class: the tenant's database is added by `tenantProcedure`, typed there.
 */
export interface Context {
  requestId: string;
  log: Logger;
  /** What the request says about its tenant; resolved lazily, only by procedures that need one. */
  tenantHint: TenantHint;
  ip: string | undefined;
  deps: ApiDeps;
}

export interface TenantHint {
  /** The `X-Tenant-ID` header. */
  tenantId: string | undefined;
  /** The `Host` header. */
  host: string | undefined;
}

export interface ResolvedTenant {
  id: number;
  slug: string;
  name: string;
  status: "provisioning" | "active" | "suspended" | "archived";
  timeZone: string;
  currency: string;
}

/** What the API needs from the platform; `apps/server` wires the real data layer in. */
export interface ApiDeps {
  resolveTenant(hint: TenantHint): Promise<ResolvedTenant | null>;
  /** The tenant's Drizzle database (opaque here; see `tenantProcedure`). */
  tenantDb(tenant: ResolvedTenant): unknown;
}

export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}
