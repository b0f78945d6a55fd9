import { type Executor, type RoleRow, rolePermissions, roles, users } from "@fotostudio/db";
import { and, asc, count, desc, eq, inArray, like, or, type SQL } from "drizzle-orm";
import { AppError } from "../../errors.js";
import { isPermission, type Permission, SYSTEM_ROLE_PERMISSIONS } from "../../permissions.js";
import { likePattern, type Page } from "../../shared/pagination.js";
import type { CreateRoleInput, ListRolesInput, RoleChanges, RoleView } from "./roles.schema.js";

/** Who is acting: a caller may only grant, or manage holders of, permissions they hold themselves. */
export interface Grantor {
  id: number;
  permissions: ReadonlySet<Permission>;
}

export const grantorOf = (auth: { user: { id: number }; permissions: ReadonlySet<Permission> }): Grantor => ({
  id: auth.user.id,
  permissions: auth.permissions,
});

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

const sortColumns = { id: roles.id, key: roles.key, name: roles.name, createdAt: roles.createdAt } as const;

/** Attaches each role's permissions (code for system roles, role_permissions for custom ones) and user count. */
async function present(db: Executor, rows: RoleRow[]): Promise<RoleView[]> {
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return [];
  const [granted, holders] = await Promise.all([
    db.select().from(rolePermissions).where(inArray(rolePermissions.roleId, ids)),
    db.select({ roleId: users.roleId, n: count() }).from(users).where(inArray(users.roleId, ids)).groupBy(users.roleId),
  ]);
  return rows.map((role) => ({
    ...role,
    permissions: role.isSystem
      ? [...(SYSTEM_ROLE_PERMISSIONS[role.key] ?? [])].sort()
      : granted
          .filter((g) => g.roleId === role.id)
          .map((g) => g.permission)
          // A permission a later release dropped is no longer enforced, so it is not shown either.
          .filter(isPermission)
          .sort(),
    userCount: holders.find((h) => h.roleId === role.id)?.n ?? 0,
  }));
}

export async function listRoles(db: Executor, input: ListRolesInput): Promise<Page<RoleView>> {
  const filters: SQL[] = [];
  if (input.search) {
    const pattern = likePattern(input.search);
    const match = or(like(roles.key, pattern), like(roles.name, pattern));
    if (match) filters.push(match);
  }
  const where = filters.length ? and(...filters) : undefined;
  const direction = input.ordering.startsWith("-") ? desc : asc;
  const column = sortColumns[input.ordering.replace(/^-/, "") as keyof typeof sortColumns];
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(roles)
      .where(where)
      .orderBy(direction(column), direction(roles.id))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    db.select({ n: count() }).from(roles).where(where),
  ]);
  return { count: total?.n ?? 0, page: input.page, pageSize: input.pageSize, results: await present(db, rows) };
}

export async function getRole(db: Executor, id: number): Promise<RoleView> {
  const [row] = await db.select().from(roles).where(eq(roles.id, id)).limit(1);
  if (!row) throw new AppError("NOT_FOUND", `Role ${id} not found`);
  const [view] = await present(db, [row]);
  if (!view) throw new Error("role vanished while presenting it");
  return view;
}

/** The role a user form names by key; an unknown key is a field error on `role`. */
export async function roleByKey(db: Executor, key: string): Promise<RoleView> {
  const [row] = await db.select().from(roles).where(eq(roles.key, key)).limit(1);
  if (!row) {
    throw new AppError("VALIDATION_ERROR", `No role with key "${key}"`, {
      issues: [{ path: "role", message: `No role with key "${key}"`, code: "unknown_role" }],
    });
  }
  const [view] = await present(db, [row]);
  if (!view) throw new Error("role vanished while presenting it");
  return view;
}

export async function createRole(db: Executor, grantor: Grantor, input: CreateRoleInput): Promise<RoleView> {
  assertCanGrant(grantor, input.permissions, "This role");
  const [taken] = await db.select({ id: roles.id }).from(roles).where(eq(roles.key, input.key)).limit(1);
  if (taken) throw new AppError("CONFLICT", `A role with key "${input.key}" already exists`);
  const { permissions, ...fields } = input;
  const [result] = await db
    .insert(roles)
    .values({ ...fields, isSystem: false })
    .$returningId();
  if (!result) throw new Error("insert returned no id");
  await setPermissions(db, result.id, permissions);
  return getRole(db, result.id);
}

/** A custom role the caller may change: system roles are defined by the release, not by the studio. */
async function editableRole(db: Executor, grantor: Grantor, id: number): Promise<RoleView> {
  const role = await getRole(db, id);
  if (role.isSystem) {
    throw new AppError(
      "BUSINESS_RULE",
      `"${role.key}" is a system role: its permissions are fixed; create a custom role`,
    );
  }
  assertCanGrant(grantor, role.permissions, "Changing this role");
  return role;
}

export async function updateRole(db: Executor, grantor: Grantor, id: number, changes: RoleChanges): Promise<RoleView> {
  await editableRole(db, grantor, id);
  const { permissions, ...fields } = changes;
  if (permissions) {
    assertCanGrant(grantor, permissions, "This role");
    await db.delete(rolePermissions).where(eq(rolePermissions.roleId, id));
    await setPermissions(db, id, permissions);
  }
  // Touch updatedAt even when only the permissions changed.
  await db
    .update(roles)
    .set({ ...fields, updatedAt: new Date() })
    .where(eq(roles.id, id));
  return getRole(db, id);
}

export async function deleteRole(db: Executor, grantor: Grantor, id: number): Promise<RoleView> {
  // Locks the role so a user cannot be given it between the count and the delete.
  await db.select({ id: roles.id }).from(roles).where(eq(roles.id, id)).for("update");
  const role = await editableRole(db, grantor, id);
  if (role.userCount > 0) {
    throw new AppError(
      "CONFLICT",
      `${role.userCount} user(s) have the role "${role.key}"; give them another role first`,
    );
  }
  await db.delete(roles).where(eq(roles.id, id));
  return role;
}

async function setPermissions(db: Executor, roleId: number, permissions: string[]): Promise<void> {
  if (permissions.length === 0) return;
  await db.insert(rolePermissions).values(permissions.map((permission) => ({ roleId, permission })));
}
