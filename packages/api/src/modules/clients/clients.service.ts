import { type ClientRow, clients, type Executor } from "@fotostudio/db";
import { count, eq } from "drizzle-orm";
import { AppError } from "../../errors.js";
import type { Change, Updated } from "../../shared/changes.js";
import { listPage, type Page } from "../../shared/list.js";
import { type CreateClientInput, clientSort, type ListClientsInput, type PatchClientInput } from "./clients.schema.js";

export function listClients(db: Executor, input: ListClientsInput): Promise<Page<ClientRow>> {
  return listPage(
    { rows: db.select().from(clients).$dynamic(), count: db.select({ n: count() }).from(clients).$dynamic() },
    input,
    {
      sort: clientSort,
      tiebreak: clients.id,
      search: [clients.name, clients.email, clients.phone, clients.taxId],
      filters: [input.kind && eq(clients.kind, input.kind)],
    },
  );
}

/** The client, or 404; `lock` takes its row lock for the rest of the transaction (updates, deletes). */
export async function getClient(db: Executor, id: number, opts: { lock?: boolean } = {}): Promise<ClientRow> {
  const query = db.select().from(clients).where(eq(clients.id, id)).limit(1);
  const [row] = await (opts.lock ? query.for("update") : query);
  if (!row) throw new AppError("NOT_FOUND", `Client ${id} not found`);
  return row;
}

export async function createClient(db: Executor, input: CreateClientInput): Promise<ClientRow> {
  const [result] = await db.insert(clients).values(input).$returningId();
  if (!result) throw new Error("insert returned no id");
  return getClient(db, result.id);
}

export async function updateClient(
  db: Executor,
  id: number,
  changes: Omit<PatchClientInput, "id">,
): Promise<Updated<ClientRow>> {
  const before = await getClient(db, id, { lock: true });
  if (Object.keys(changes).length === 0) return { before, after: before };
  await db.update(clients).set(changes).where(eq(clients.id, id));
  return { before, after: await getClient(db, id) };
}

export async function deleteClient(db: Executor, id: number): Promise<Change<ClientRow>> {
  const before = await getClient(db, id, { lock: true });
  await db.delete(clients).where(eq(clients.id, id));
  return { before, after: null };
}
