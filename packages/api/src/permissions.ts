/**
 * Every permission the API knows, `<module>:<action>`, declared here and nowhere else. Each
 * procedure names one in its meta (`permission`); `public` marks the few that need no session
 * (login, refresh) and `authenticated` those any logged-in user may call (own profile).
 * `operator` marks platform procedures: a platform operator's session, never a tenant user's.
 */
export const PERMISSIONS = [
  "appointments:read",
  "appointments:write",
  "clients:read",
  "clients:write",
  "config:read",
  "config:write",
  "contracts:read",
  "contracts:write",
  "dashboard:read",
  "inventory:read",
  "inventory:write",
  "metrics:read",
  "metrics:write",
  "orders:read",
  "orders:write",
  "production:read",
  "production:write",
  "products:read",
  "products:write",
  "reports:read",
  "users:read",
  "users:write",
  "roles:read",
  "roles:write",
  "tenant:read",
  "tenant:write",
  "audit:read",
  // Sensitive rights apart from module access (SPEC 5b): see costs and margins; change catalog
  // prices and give discounts above the limit.
  "costs:read",
  "prices:write",
  // Cancelling an order already in production (SPEC 6: owner or manager, with a reason).
  "orders:cancel",
] as const;

export type Permission = (typeof PERMISSIONS)[number];
export type Access = Permission | "public" | "authenticated" | "operator";

const all = new Set<Permission>(PERMISSIONS);
const without = (...modules: string[]) =>
  new Set(PERMISSIONS.filter((p) => !modules.includes(p.slice(0, p.indexOf(":")))));
const reads = (set: Iterable<Permission>) => new Set([...set].filter((p) => p.endsWith(":read")));

/**
 * What the system roles may do. Defined in code so a permission added by a later release reaches
 * every tenant's roles without a data migration. Custom roles store their own list.
 */
export const SYSTEM_ROLE_PERMISSIONS: Record<string, ReadonlySet<Permission>> = {
  owner: all,
  // "Everything but users, roles and system settings."
  manager: new Set([...without("users", "roles")].filter((p) => p !== "tenant:write" && p !== "config:write")),
  // Front desk (ventas): clients, orders and their payments, contracts, the agenda; the catalog
  // and settings to sell from, without costs.
  sales: new Set<Permission>([
    "clients:read",
    "clients:write",
    "orders:read",
    "orders:write",
    "contracts:read",
    "contracts:write",
    "appointments:read",
    "appointments:write",
    "inventory:read",
    "production:read",
    "products:read",
    "products:write",
    "config:read",
    "tenant:read",
    "dashboard:read",
  ]),
  // Workshop lead (produccion): runs production and the stock it consumes (receipts, counts,
  // adjustments), stores finished products; reads what it builds, for whom and when.
  production: new Set<Permission>([
    "clients:read",
    "orders:read",
    "appointments:read",
    "inventory:read",
    "inventory:write",
    "production:read",
    "production:write",
    "products:read",
    "products:write",
    "config:read",
    "tenant:read",
    "dashboard:read",
  ]),
  // Workshop operator (operario): the agenda and the production orders it works on (starting them,
  // registering output and waste); reads materials and finished products; no prices at all.
  workshop: new Set<Permission>([
    "appointments:read",
    "inventory:read",
    "production:read",
    "production:write",
    "products:read",
    "config:read",
    "tenant:read",
  ]),
  // Read-only, and costs and margins stay with owners and managers.
  viewer: new Set([...reads(without("users", "roles", "audit"))].filter((p) => p !== "costs:read")),
};

export function isPermission(value: string): value is Permission {
  return (all as Set<string>).has(value);
}
