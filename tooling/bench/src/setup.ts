import { spawnSync } from "node:child_process";
import {
  clients,
  createDataLayer,
  type Database,
  type DbConfig,
  ensureUser,
  type NewClientRow,
  prepareControlDatabase,
  provisionTenant,
  seedTenantBase,
} from "@fotostudio/db";

export const BENCH_TENANT = "bench";
/** The benchmark's user in its throwaway local tenant (the API needs a session like any client). */
export const BENCH_USER = { email: "bench@bench.test", password: "bench-local-password" };
/** More rows than one page, so `LIMIT 20` does work and `count` differs from `results.length`. */
export const BENCH_CLIENTS = 50;
export const PAGE_SIZE = 20;

export interface BenchTenant {
  serverUrl: string;
  databaseName: string;
  /** Connections the app's pool may open on that server: the bare server gets as many. */
  poolSize: number;
}

/** Control database ready, tenant `bench` active and holding exactly BENCH_CLIENTS clients. */
export async function prepareTenant(config: DbConfig): Promise<BenchTenant> {
  const layer = createDataLayer(config);
  try {
    await prepareControlDatabase(layer);
    const tenant = await provisionTenant(layer, { slug: BENCH_TENANT, name: "Benchmark studio" });
    if (tenant.status !== "active") throw new Error(`tenant ${BENCH_TENANT} is ${tenant.status}, not active`);
    const db = layer.tenantDb(tenant);
    await seedTenantBase(db);
    await ensureUser(db, { ...BENCH_USER, name: "Benchmark", role: "owner" });
    await ensureClients(db);
    return {
      serverUrl: layer.pools.serverConfig(tenant.serverName).url,
      databaseName: tenant.databaseName,
      poolSize: layer.pools.perServerLimit,
    };
  } finally {
    await layer.close();
  }
}

async function ensureClients(db: Database): Promise<void> {
  if ((await db.$count(clients)) === BENCH_CLIENTS) return;
  await db.delete(clients);
  await db.insert(clients).values(sampleClients(BENCH_CLIENTS));
}

const FIRST = ["María", "Carlos", "Lucía", "Jorge", "Valentina", "Andrés", "Paula", "Diego", "Camila", "Sofía"];
const LAST = ["López", "Gómez", "Martínez", "Ramírez", "Castro", "Herrera", "Ríos", "Vargas", "Mejía", "Restrepo"];

/** Deterministic, fully filled rows: a realistic payload (~300 bytes a client). */
function sampleClients(n: number): NewClientRow[] {
  return Array.from({ length: n }, (_, i) => {
    const school = i % 7 === 0;
    const name = school
      ? `Colegio ${LAST[i % LAST.length]} ${i}`
      : `${FIRST[i % FIRST.length]} ${LAST[(i * 3) % LAST.length]} ${i}`;
    return {
      kind: school ? "school" : "person",
      name,
      taxId: `900.${String(100 + i).padStart(3, "0")}.${String(1000 + i)}-${i % 10}`,
      email: `client${i}@example.com`,
      phone: `+57 300 ${String(1_000_000 + i * 7919).slice(0, 7)}`,
      address: `Calle ${10 + i} # ${i}-${20 + i}, Bogotá`,
      notes: i % 3 === 0 ? "Prefers natural wood mouldings; pick-up on Saturdays." : null,
      whatsappOptIn: i % 2 === 0,
    };
  });
}

/** `pnpm --filter @fotostudio/server run build`; its output goes to stderr, keeping stdout for the table. */
export function buildServer(repoRoot: string): void {
  const result = spawnSync("pnpm", ["--filter", "@fotostudio/server", "run", "build"], {
    cwd: repoRoot,
    stdio: ["ignore", 2, 2],
  });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`server build failed (exit ${result.status})`);
}
