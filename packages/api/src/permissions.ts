/**
 * Every permission the API knows, `<module>:<action>`, declared here and nowhere else. Each
 * procedure names one in its meta (`permission`); `public` marks the few that need no session
 * (login, refresh) and `authenticated` those any logged-in user may call (own profile).
 * `operator` marks platform procedures: a platform operator's session, never a tenant user's.
 */
export const PERMISSIONS = [
  "clients:read",
  "clients:write",
  "users:read",
  "users:write",
  "roles:read",
  "roles:write",
  "tenant:read",
  "tenant:write",
  "audit:read",
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
  // "Everything but users, roles and system config."
  manager: new Set([...without("users", "roles")].filter((p) => p !== "tenant:write")),
  sales: new Set<Permission>(["clients:read", "clients:write", "tenant:read"]),
  production: new Set<Permission>(["clients:read", "tenant:read"]),
  viewer: reads(without("users", "roles", "audit")),
};

export function isPermission(value: string): value is Permission {
  return (all as Set<string>).has(value);
}
