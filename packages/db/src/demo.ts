// The demo studios' users. Their data set (clients, catalog, orders, contracts, agenda) is loaded
// through the API by apps/server's `demo` script, after `tenants dev-setup`.
import { ensureUser, seedTenantBase } from "./seed.js";
import type { Database } from "./types.js";

/** The development password of every demo user. Never used outside `dev-setup`. */
export const DEMO_PASSWORD = "fotostudio-demo";

const DEMO_USERS = [
  { local: "owner", name: "Dueña Demo", role: "owner" },
  { local: "sales", name: "Ventas Demo", role: "sales" },
  { local: "production", name: "Taller Demo", role: "production" },
  { local: "workshop", name: "Operario Demo", role: "workshop" },
  { local: "viewer", name: "Consulta Demo", role: "viewer" },
] as const;

/** `owner@<slug>.test`, `sales@…`, `production@…`, `workshop@…`, `viewer@…`; idempotent. */
export async function seedDemoUsers(db: Database, slug: string): Promise<void> {
  await seedTenantBase(db);
  for (const user of DEMO_USERS) {
    await ensureUser(db, {
      email: `${user.local}@${slug}.test`,
      name: user.name,
      password: DEMO_PASSWORD,
      role: user.role,
    });
  }
}
