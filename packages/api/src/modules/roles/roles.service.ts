import { type Executor, type RoleRow, rolePermissions, roles, users } from "@fotostudio/db";
import { count, eq, inArray } from "drizzle-orm";
import { AppError } from "../../errors.js";
import { isPermission, PERMISSIONS, SYSTEM_ROLE_PERMISSIONS } from "../../permissions.js";
import type { Change, Updated } from "../../shared/changes.js";
import { assertCanGrant, type Grantor } from "../../shared/grants.js";
import { listPage, type Page } from "../../shared/list.js";
import {
  type CreateRoleInput,
  type ListRolesInput,
  type RoleChanges,
  type RoleView,
  roleSort,
} from "./roles.schema.js";

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
  const page = await listPage(
    { rows: db.select().from(roles).$dynamic(), count: db.select({ n: count() }).from(roles).$dynamic() },
    input,
    { sort: roleSort, tiebreak: roles.id, search: [roles.key, roles.name] },
  );
  return { ...page, results: await present(db, page.results) };
}

/** The role, or 404; `lock` takes its row lock for the rest of the transaction (updates, deletes). */
export async function getRole(db: Executor, id: number, opts: { lock?: boolean } = {}): Promise<RoleView> {
  const query = db.select().from(roles).where(eq(roles.id, id)).limit(1);
  const [row] = await (opts.lock ? query.for("update") : query);
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
  // Locked: a user cannot be given the role between our checks and the change.
  const role = await getRole(db, id, { lock: true });
  if (role.isSystem) {
    throw new AppError(
      "BUSINESS_RULE",
      `"${role.key}" is a system role: its permissions are fixed; create a custom role`,
    );
  }
  assertCanGrant(grantor, role.permissions, "Changing this role");
  return role;
}

export async function updateRole(
  db: Executor,
  grantor: Grantor,
  id: number,
  changes: RoleChanges,
): Promise<Updated<RoleView>> {
  const before = await editableRole(db, grantor, id);
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
  return { before, after: await getRole(db, id) };
}

export async function deleteRole(db: Executor, grantor: Grantor, id: number): Promise<Change<RoleView>> {
  const role = await editableRole(db, grantor, id);
  if (role.userCount > 0) {
    throw new AppError(
      "CONFLICT",
      `${role.userCount} user(s) have the role "${role.key}"; give them another role first`,
    );
  }
  await db.delete(roles).where(eq(roles.id, id));
  return { before: role, after: null };
}

async function setPermissions(db: Executor, roleId: number, permissions: string[]): Promise<void> {
  if (permissions.length === 0) return;
  await db.insert(rolePermissions).values(permissions.map((permission) => ({ roleId, permission })));
}

/** Every permission a role can hold, split into its module and action. */
export function listPermissions() {
  return PERMISSIONS.map((key) => {
    const [module = key, action = ""] = key.split(":");
    return { key, module, action };
  });
}
