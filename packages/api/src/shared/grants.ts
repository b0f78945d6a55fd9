import { AppError } from "../errors.js";
import type { Permission } from "../permissions.js";

/**
 * Who is acting, for the rules about handing out rights: a caller may only grant, or manage
 * holders of, permissions they hold themselves. A session's `ctx.auth` is one.
 */
export interface Grantor {
  user: { id: number };
  permissions: ReadonlySet<Permission>;
}

/**
 * Refuses to hand out what the caller does not hold. Without it, anyone with `users:write` could
 * make themselves owner, and anyone with `roles:write` could add every permission to their own role.
 */
export function assertCanGrant(grantor: Grantor, permissions: Iterable<string>, what: string): void {
  const missing = [...permissions].filter((p) => !grantor.permissions.has(p as Permission));
  if (missing.length > 0) {
    throw new AppError("FORBIDDEN", `${what} needs permissions you do not hold: ${missing.join(", ")}`);
  }
}
