import { eq } from "drizzle-orm";
import { isDuplicateKey } from "./driver-errors.js";
import { roles, users } from "./schema/tenant/index.js";
import { hashPassword } from "./security/passwords.js";
import type { Database } from "./types.js";

/** The roles every tenant starts with. Their permissions are defined in code (@fotostudio/api). */
export const SYSTEM_ROLES = [
  { key: "owner", name: "Owner", description: "Everything, including users, roles and settings" },
  { key: "manager", name: "Manager", description: "Everything but users, roles and system settings" },
  { key: "sales", name: "Sales", description: "Front desk: clients, orders, appointments" },
  { key: "production", name: "Production", description: "Workshop lead: production, inventory, orders (read)" },
  { key: "workshop", name: "Workshop", description: "Workshop operator (operario): agenda and production, no prices" },
  { key: "viewer", name: "Viewer", description: "Read-only" },
] as const;

export type SystemRoleKey = (typeof SYSTEM_ROLES)[number]["key"];

/** Idempotent: what every tenant database needs before its first login. */
export async function seedTenantBase(db: Database): Promise<void> {
  await db
    .insert(roles)
    .values(SYSTEM_ROLES.map((r) => ({ ...r, isSystem: true })))
    .onDuplicateKeyUpdate({ set: { isSystem: true } });
}

export async function roleIdByKey(db: Database, key: string): Promise<number> {
  const [role] = await db.select({ id: roles.id }).from(roles).where(eq(roles.key, key)).limit(1);
  if (!role) throw new Error(`role "${key}" is not seeded`);
  return role.id;
}

/** Creates the user when the e-mail is new; an existing user is left as it is (idempotent seeding). */
export async function ensureUser(
  db: Database,
  input: { email: string; name: string; password: string; role: SystemRoleKey | string },
): Promise<{ id: number; created: boolean }> {
  const email = input.email.toLowerCase();
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
  if (existing) return { id: existing.id, created: false };
  const passwordHash = await hashPassword(input.password);
  const roleId = await roleIdByKey(db, input.role);
  try {
    const [result] = await db
      .insert(users)
      .values({ email, name: input.name, passwordHash, roleId, passwordChangedAt: new Date() });
    return { id: Number(result.insertId), created: true };
  } catch (error) {
    // A concurrent seeder inserted the same e-mail between the select and here: keep its row.
    // (Not ON DUPLICATE KEY UPDATE: mysql2 sets FOUND_ROWS, so a no-op update also reports 1 row.)
    if (!isDuplicateKey(error)) throw error;
  }
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
  if (!row) throw new Error(`user ${email} vanished while seeding`);
  return { id: row.id, created: false };
}
