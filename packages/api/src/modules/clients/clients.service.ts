import { type ClientRow, clients, type Executor } from "@fotostudio/db";
import { and, asc, count, desc, eq, like, or, type SQL } from "drizzle-orm";
import { AppError } from "../../errors.js";
import { likePattern, type Page } from "../../shared/pagination.js";
import type { CreateClientInput, ListClientsInput, PatchClientInput } from "./clients.schema.js";

const sortColumns = {
  name: clients.name,
  createdAt: clients.createdAt,
  updatedAt: clients.updatedAt,
  id: clients.id,
} as const;

export async function listClients(db: Executor, input: ListClientsInput): Promise<Page<ClientRow>> {
  const filters: SQL[] = [];
  if (input.kind) filters.push(eq(clients.kind, input.kind));
  if (input.search) {
    const pattern = likePattern(input.search);
    const match = or(
      like(clients.name, pattern),
      like(clients.email, pattern),
      like(clients.phone, pattern),
      like(clients.taxId, pattern),
    );
    if (match) filters.push(match);
  }
  const where = filters.length ? and(...filters) : undefined;
  const descending = input.ordering.startsWith("-");
  const column = sortColumns[input.ordering.replace(/^-/, "") as keyof typeof sortColumns];
  const direction = descending ? desc : asc;

  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(clients)
      .where(where)
      // id breaks ties so pages never repeat or skip a row.
      .orderBy(direction(column), direction(clients.id))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    db.select({ n: count() }).from(clients).where(where),
  ]);
  return { count: total?.n ?? 0, page: input.page, pageSize: input.pageSize, results: rows };
}

export async function getClient(db: Executor, id: number): Promise<ClientRow> {
  const [row] = await db.select().from(clients).where(eq(clients.id, id)).limit(1);
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
): Promise<ClientRow> {
  await getClient(db, id);
  if (Object.keys(changes).length > 0) {
    await db.update(clients).set(changes).where(eq(clients.id, id));
  }
  return getClient(db, id);
}

export async function deleteClient(db: Executor, id: number): Promise<void> {
  const [result] = await db.delete(clients).where(eq(clients.id, id));
  if (result.affectedRows === 0) throw new AppError("NOT_FOUND", `Client ${id} not found`);
}
