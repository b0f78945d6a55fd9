import { auditLog, type Executor, hashPassword, passwordProblem, roles, sessions, users } from "@fotostudio/db";
import { and, count, eq } from "drizzle-orm";
import { AppError } from "../../errors.js";
import { revokeUserSessions } from "../../sessions/user-sessions.js";
import type { Change, Updated } from "../../shared/changes.js";
import { assertCanGrant, type Grantor } from "../../shared/grants.js";
import { listPage, type Page } from "../../shared/list.js";
import { mediaUrl } from "../../shared/media.js";
import { securityPolicy } from "../config/security.js";
import { getRole, roleByKey } from "../roles/roles.service.js";
import {
  type CreateUserInput,
  type DeleteOutcome,
  type ListUsersInput,
  type UserChanges,
  type UserView,
  userSort,
} from "./users.schema.js";

const OWNER = "owner";

const columns = {
  id: users.id,
  email: users.email,
  name: users.name,
  phone: users.phone,
  language: users.language,
  isActive: users.isActive,
  avatarKey: users.avatarKey,
  lastLoginAt: users.lastLoginAt,
  createdAt: users.createdAt,
  updatedAt: users.updatedAt,
  roleId: roles.id,
  roleKey: roles.key,
  roleName: roles.name,
  roleIsSystem: roles.isSystem,
};

const selectUsers = (db: Executor) => db.select(columns).from(users).innerJoin(roles, eq(roles.id, users.roleId));
type Row = Awaited<ReturnType<typeof selectUsers>>[number];

// Never the password hash: only these columns are ever selected.
function present({ roleId, roleKey, roleName, roleIsSystem: _s, avatarKey, ...user }: Row): UserView {
  return { ...user, role: { id: roleId, key: roleKey, name: roleName }, avatarUrl: mediaUrl(avatarKey) };
}

const isOwner = (row: Pick<Row, "roleKey" | "roleIsSystem">) => row.roleIsSystem && row.roleKey === OWNER;

export function listUsers(db: Executor, input: ListUsersInput): Promise<Page<UserView>> {
  return listPage(
    {
      rows: selectUsers(db).$dynamic(),
      count: db.select({ n: count() }).from(users).innerJoin(roles, eq(roles.id, users.roleId)).$dynamic(),
    },
    input,
    {
      sort: userSort,
      tiebreak: users.id,
      search: [users.name, users.email],
      filters: [
        input.role && eq(roles.key, input.role),
        input.isActive !== undefined && eq(users.isActive, input.isActive),
      ],
    },
  ).then((page) => ({ ...page, results: page.results.map(present) }));
}

async function loadUser(db: Executor, id: number, opts: { lock?: boolean } = {}): Promise<Row> {
  const query = selectUsers(db).where(eq(users.id, id)).limit(1);
  const [row] = await (opts.lock ? query.for("update") : query);
  if (!row) throw new AppError("NOT_FOUND", `User ${id} not found`);
  return row;
}

export async function getUser(db: Executor, id: number): Promise<UserView> {
  return present(await loadUser(db, id));
}

export async function createUser(db: Executor, grantor: Grantor, input: CreateUserInput): Promise<UserView> {
  const { minPasswordLength } = await securityPolicy(db);
  const problem = passwordProblem(input.password, input.email, minPasswordLength);
  if (problem) {
    throw new AppError("VALIDATION_ERROR", problem, {
      issues: [{ path: "password", message: problem, code: "weak_password" }],
    });
  }
  const role = await roleByKey(db, input.role);
  assertCanGrant(grantor, role.permissions, `The role "${role.key}"`);
  const [taken] = await db.select({ id: users.id }).from(users).where(eq(users.email, input.email)).limit(1);
  if (taken) throw new AppError("CONFLICT", `A user with e-mail ${input.email} already exists`);

  const { password, role: _key, ...fields } = input;
  const [result] = await db
    .insert(users)
    .values({ ...fields, roleId: role.id, passwordHash: await hashPassword(password), passwordChangedAt: new Date() })
    .$returningId();
  if (!result) throw new Error("insert returned no id");
  return getUser(db, result.id);
}

/**
 * A user the grantor may manage: not one holding permissions the grantor lacks (a user admin
 * with a custom role cannot deactivate the owner).
 */
async function manageableUser(db: Executor, grantor: Grantor, id: number): Promise<Row> {
  const row = await loadUser(db, id, { lock: true });
  const role = await getRole(db, row.roleId);
  assertCanGrant(grantor, role.permissions, `Managing a user with the role "${role.key}"`);
  return row;
}

/**
 * The studio always keeps one active owner. A locking read: two admins demoting the last two
 * owners at the same time cannot both succeed (the second waits and sees the first's change).
 */
async function assertAnotherOwner(db: Executor, userId: number, what: string): Promise<void> {
  const owners = await db
    .select({ id: users.id })
    .from(users)
    .innerJoin(roles, eq(roles.id, users.roleId))
    .where(and(eq(roles.key, OWNER), eq(roles.isSystem, true), eq(users.isActive, true)))
    .for("update");
  if (!owners.some((o) => o.id !== userId)) {
    throw new AppError("LAST_OWNER", `${what}: this is the studio's last active owner; make another user owner first`);
  }
}

export async function updateUser(
  db: Executor,
  grantor: Grantor,
  id: number,
  changes: UserChanges,
): Promise<Updated<UserView>> {
  const current = await manageableUser(db, grantor, id);
  const { role: roleKey, ...fields } = changes;
  const role = roleKey === undefined ? undefined : await roleByKey(db, roleKey);
  if (role) assertCanGrant(grantor, role.permissions, `The role "${role.key}"`);

  const deactivating = current.isActive && changes.isActive === false;
  if (deactivating && id === grantor.user.id) {
    throw new AppError("BUSINESS_RULE", "You cannot deactivate yourself; ask another user admin");
  }
  const demoting = role !== undefined && !(role.isSystem && role.key === OWNER);
  if (current.isActive && isOwner(current) && (deactivating || demoting)) {
    await assertAnotherOwner(db, id, deactivating ? "Cannot deactivate" : "Cannot change the role");
  }

  await db
    .update(users)
    .set({ ...fields, ...(role ? { roleId: role.id } : {}), updatedAt: new Date() })
    .where(eq(users.id, id));
  if (deactivating) await revokeUserSessions(db, id, "deactivated");
  return { before: present(current), after: await getUser(db, id) };
}

/**
 * Deletes a user without history. One who has logged in or acted (a session, an audit row as
 * actor) is deactivated instead, so the audit log keeps naming a real user.
 */
export async function deleteUser(
  db: Executor,
  grantor: Grantor,
  id: number,
): Promise<Change<UserView> & { outcome: DeleteOutcome }> {
  if (id === grantor.user.id) throw new AppError("BUSINESS_RULE", "You cannot delete yourself; ask another user admin");
  const current = await manageableUser(db, grantor, id);
  if (current.isActive && isOwner(current)) await assertAnotherOwner(db, id, "Cannot delete");

  const [[acted], [loggedIn]] = await Promise.all([
    db
      .select({ id: auditLog.id })
      .from(auditLog)
      .where(and(eq(auditLog.actorType, "user"), eq(auditLog.actorId, id)))
      .limit(1),
    db.select({ id: sessions.id }).from(sessions).where(eq(sessions.subjectId, id)).limit(1),
  ]);
  if (!acted && !loggedIn) {
    await db.delete(users).where(eq(users.id, id));
    return { before: present(current), after: null, outcome: { id, deleted: true, deactivated: false } };
  }
  if (current.isActive) {
    await db.update(users).set({ isActive: false, updatedAt: new Date() }).where(eq(users.id, id));
    await revokeUserSessions(db, id, "deactivated");
  }
  return {
    before: present(current),
    after: await getUser(db, id),
    outcome: { id, deleted: false, deactivated: true },
  };
}
