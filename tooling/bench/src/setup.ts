import { spawnSync } from "node:child_process";
import {
  clients,
  createDataLayer,
  type Database,
  type DataLayer,
  type DbConfig,
  ensureUser,
  orderPayments,
  orders,
  prepareControlDatabase,
  provisionTenant,
  seedTenantBase,
  services,
} from "@fotostudio/db";
import { sampleClients, sampleOrders, samplePayments } from "./data.js";

export const BENCH_TENANT = "bench";
/** The benchmark's user in its throwaway local tenants (the API needs a session like any client). */
export const BENCH_USER = { email: "bench@bench.test", password: "bench-local-password" };
export const PAGE_SIZE = 20;

/** How much data a bench studio holds: more orders than three pages, so every page is full. */
export interface DataSize {
  clients: number;
  orders: number;
}
export const BENCH_DATA: DataSize = { clients: 50, orders: 200 };

export interface BenchTenant {
  slug: string;
  serverUrl: string;
  databaseName: string;
  /** Connections the app's pool may open on that server: the floor gets as many. */
  poolSize: number;
}

/** Control database ready, tenant `bench` active and holding exactly BENCH_DATA. */
export async function prepareTenant(config: DbConfig): Promise<BenchTenant> {
  const layer = createDataLayer(config);
  try {
    await prepareControlDatabase(layer);
    return await prepareStudio(layer, BENCH_TENANT, BENCH_DATA);
  } finally {
    await layer.close();
  }
}

/** One studio, provisioned when missing (an existing one is reused), with its user and data. */
export async function prepareStudio(layer: DataLayer, slug: string, size: DataSize): Promise<BenchTenant> {
  const tenant = await provisionTenant(layer, { slug, name: `Benchmark ${slug}` });
  if (tenant.status !== "active") throw new Error(`tenant ${slug} is ${tenant.status}, not active`);
  const db = layer.tenantDb(tenant);
  await seedTenantBase(db);
  await ensureUser(db, { ...BENCH_USER, name: "Benchmark", role: "owner" });
  await ensureData(db, size);
  return {
    slug,
    serverUrl: layer.pools.serverConfig(tenant.serverName).url,
    databaseName: tenant.databaseName,
    poolSize: layer.pools.perServerLimit,
  };
}

/** Idempotent: when any count differs from `size`, the clients, orders and payments are rebuilt. */
async function ensureData(db: Database, size: DataSize): Promise<void> {
  const [clientCount, orderCount, paymentCount] = await Promise.all([
    db.$count(clients),
    db.$count(orders),
    db.$count(orderPayments),
  ]);
  const expectedPayments = samplePayments(
    Array.from({ length: size.orders }, (_, index) => ({ id: 0, totalCents: 1, index })),
  ).length;
  if (clientCount === size.clients && orderCount === size.orders && paymentCount === expectedPayments) return;

  await db.transaction(async (tx) => {
    await tx.delete(orderPayments);
    await tx.delete(orders);
    await tx.delete(clients);
    await tx.insert(clients).values(sampleClients(size.clients));
    const clientIds = ids(await tx.select({ id: clients.id }).from(clients));
    // Seeded by migration 0005; the orders name some so serviceName is not always null.
    const serviceIds = ids(await tx.select({ id: services.id }).from(services));
    const planned = sampleOrders(size.orders, clientIds, serviceIds);
    await tx.insert(orders).values(planned.map((p) => p.row));
    const bySequence = new Map(
      (await tx.select({ id: orders.id, sequence: orders.sequence }).from(orders)).map((o) => [o.sequence, o.id]),
    );
    const payments = samplePayments(
      planned.map((p, index) => ({ id: bySequence.get(p.row.sequence) ?? 0, totalCents: p.totalCents, index })),
    );
    if (payments.length > 0) await tx.insert(orderPayments).values(payments);
  });
}

/** Ids in ascending order (sorted here: drizzle-orm's helpers are not this package's dependency). */
const ids = (rows: { id: number }[]) => rows.map((r) => r.id).sort((a, b) => a - b);

/** `pnpm --filter @fotostudio/server run build`; its output goes to stderr, keeping stdout for the table. */
export function buildServer(repoRoot: string): void {
  const result = spawnSync("pnpm", ["--filter", "@fotostudio/server", "run", "build"], {
    cwd: repoRoot,
    stdio: ["ignore", 2, 2],
  });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`server build failed (exit ${result.status})`);
}
