import { count } from "drizzle-orm";
import { clients, type NewClientRow } from "./schema/tenant/index.js";
import { ensureUser, seedTenantBase } from "./seed.js";
import type { Database } from "./types.js";

/** Which sample set to load: each demo tenant gets its own, so cross-tenant mix-ups are visible. */
export type DemoSample = "demo" | "norte";

const SAMPLES: Record<DemoSample, NewClientRow[]> = {
  demo: [
    {
      kind: "person",
      name: "María Fernanda López",
      phone: "+57 300 123 4567",
      email: "mafe.lopez@example.com",
      whatsappOptIn: true,
    },
    { kind: "person", name: "Carlos Andrés Gómez", phone: "+57 310 555 0192", whatsappOptIn: true },
    { kind: "person", name: "Lucía Martínez Rojas", phone: "+57 315 204 7781", email: "lucia.martinez@example.com" },
    { kind: "person", name: "Jorge Enrique Ramírez", phone: "+57 301 889 2310", taxId: "79.456.123" },
    { kind: "person", name: "Valentina Castro", phone: "+57 320 741 9052", whatsappOptIn: true },
    { kind: "person", name: "Andrés Felipe Herrera", phone: "+57 317 630 1148" },
    {
      kind: "school",
      name: "Colegio San José",
      phone: "+57 601 345 6789",
      email: "rectoria@colegiosanjose.example.edu.co",
      taxId: "860.012.345-6",
      address: "Calle 45 # 12-30, Bogotá",
    },
    {
      kind: "school",
      name: "Liceo Los Andes",
      phone: "+57 601 218 4400",
      email: "secretaria@liceolosandes.example.edu.co",
      taxId: "830.045.678-1",
    },
    {
      kind: "school",
      name: "Gimnasio Santa Teresa",
      phone: "+57 604 512 7733",
      whatsappOptIn: true,
      notes: "Anuarios y fotos de grado en noviembre",
    },
    {
      kind: "person",
      name: "Paula Andrea Ríos",
      phone: "+57 312 476 0985",
      email: "paula.rios@example.com",
      whatsappOptIn: true,
    },
  ],
  norte: [
    { kind: "person", name: "Sofía Valencia Ortiz", phone: "+57 300 987 6543", whatsappOptIn: true },
    { kind: "person", name: "Juan Pablo Mejía", phone: "+57 311 402 3378", email: "jp.mejia@example.com" },
    { kind: "person", name: "Camila Restrepo", phone: "+57 314 226 5190", whatsappOptIn: true },
    { kind: "person", name: "Diego Alejandro Vargas", phone: "+57 318 701 4466", taxId: "1.020.345.678" },
    { kind: "person", name: "Natalia Moreno Duque", phone: "+57 305 338 9021", email: "natalia.moreno@example.com" },
    {
      kind: "school",
      name: "Colegio La Presentación",
      phone: "+57 604 444 1020",
      email: "contacto@lapresentacion.example.edu.co",
      taxId: "890.901.234-5",
      address: "Carrera 70 # 33-12, Medellín",
    },
    { kind: "school", name: "Instituto Técnico del Norte", phone: "+57 605 360 2211", whatsappOptIn: true },
    { kind: "person", name: "Ricardo Salazar", phone: "+57 316 845 7702" },
    {
      kind: "person",
      name: "Daniela Cárdenas",
      phone: "+57 302 119 6634",
      whatsappOptIn: true,
      notes: "Prefiere marcos en madera natural",
    },
    { kind: "school", name: "Escuela Normal Superior", phone: "+57 605 372 8890", email: "normal@example.edu.co" },
  ],
};

/**
 * Loads sample clients into a tenant database, only when it has none: safe to run again (a
 * resumed provisioning or a second `dev-setup` adds nothing).
 */
export async function seedDemoClients(db: Database, sample: DemoSample = "demo"): Promise<number> {
  const [row] = await db.select({ n: count() }).from(clients);
  if ((row?.n ?? 0) > 0) return 0;
  const rows = SAMPLES[sample];
  await db.insert(clients).values(rows);
  return rows.length;
}

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
