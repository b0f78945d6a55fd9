import { appointments, clients, contracts, type Executor, orders } from "@fotostudio/db";
import { count, eq, getTableColumns } from "drizzle-orm";
import { AppError } from "../../errors.js";
import type { Change, Updated } from "../../shared/changes.js";
import { formatCents, parseCents } from "../../shared/fields.js";
import { listPage, type Page } from "../../shared/list.js";
import { checkClient, checkClientChange } from "./client-rules.js";
import { clientStats } from "./client-stats.js";
import {
  type Client,
  type ClientChanges,
  type CreateClientInput,
  clientSort,
  type ListClientsInput,
} from "./clients.schema.js";

/** The client with its order statistics, in one query. */
const selectClients = (db: Executor) =>
  db.select({ ...getTableColumns(clients), ...clientStats.columns }).from(clients);

type Selected = Awaited<ReturnType<ReturnType<typeof selectClients>["execute"]>>[number];
const toClient = ({ totalSpent, ...row }: Selected): Client => ({
  ...row,
  totalSpent: formatCents(parseCents(String(totalSpent)) as number),
});

export async function listClients(db: Executor, input: ListClientsInput): Promise<Page<Client>> {
  const page = await listPage(
    () => ({ rows: selectClients(db).$dynamic(), count: db.select({ n: count() }).from(clients).$dynamic() }),
    input,
    {
      sort: clientSort,
      tiebreak: clients.id,
      search: [clients.name, clients.email, clients.phone, clients.taxId],
      filters: [input.kind && eq(clients.kind, input.kind)],
      prepare: { db, key: "clients.list" },
    },
  );
  return { ...page, results: page.results.map(toClient) };
}

/**
 * The client with its statistics, or 404; `lock` takes the client's row lock for the rest of the
 * transaction (updates, deletes) — only the client's: the subqueries' order rows are read unlocked.
 */
export async function getClient(db: Executor, id: number, opts: { lock?: boolean } = {}): Promise<Client> {
  const query = selectClients(db).where(eq(clients.id, id)).limit(1);
  const [row] = await (opts.lock ? query.for("update") : query);
  if (!row) throw new AppError("NOT_FOUND", `Client ${id} not found`);
  return toClient(row);
}

export async function createClient(db: Executor, input: CreateClientInput): Promise<Updated<Client>> {
  checkClient(input);
  const [result] = await db.insert(clients).values(input).$returningId();
  if (!result) throw new Error("insert returned no id");
  return { before: null, after: await getClient(db, result.id) };
}

/** PUT passes every field (a whole client: every rule applies), PATCH those sent (see checkClientChange). */
export async function updateClient(
  db: Executor,
  id: number,
  changes: ClientChanges,
  opts: { whole: boolean },
): Promise<Updated<Client>> {
  const before = await getClient(db, id, { lock: true });
  if (opts.whole) checkClient({ ...before, ...changes });
  else checkClientChange(before, changes);
  if (Object.keys(changes).length > 0) await db.update(clients).set(changes).where(eq(clients.id, id));
  return { before, after: await getClient(db, id) };
}

/**
 * Deletes a client that has no history: one with orders, contracts or appointments keeps its
 * place in them (409 CONFLICT; its history would otherwise point at nobody).
 */
export async function deleteClient(db: Executor, id: number): Promise<Change<Client>> {
  const before = await getClient(db, id, { lock: true });
  const uses = await Promise.all([
    db.select({ n: count() }).from(orders).where(eq(orders.clientId, id)),
    db.select({ n: count() }).from(contracts).where(eq(contracts.schoolId, id)),
    db.select({ n: count() }).from(appointments).where(eq(appointments.clientId, id)),
  ]);
  const [ordersN, contractsN, appointmentsN] = uses.map(([row]) => row?.n ?? 0);
  if (ordersN || contractsN || appointmentsN)
    throw new AppError(
      "CONFLICT",
      `Client ${id} has ${ordersN} orders, ${contractsN} contracts and ${appointmentsN} appointments; it cannot be deleted`,
    );
  await db.delete(clients).where(eq(clients.id, id));
  return { before, after: null };
}
