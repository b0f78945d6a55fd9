import { auditLog, type Executor, users } from "@fotostudio/db";
import { and, count, eq, gte, lt, type SQL } from "drizzle-orm";
import { AppError } from "../../errors.js";
import { listPage, type Page, sortable } from "../../shared/list.js";
import { addDays, startOfDay, studioZone } from "../../shared/studio-days.js";
import type { AuditEntry } from "./audit.schema.js";
import { redact } from "./redact.js";

/** Newest first only: the log is read as a timeline; id breaks ties within a millisecond. */
const auditSort = sortable({ createdAt: auditLog.createdAt }, "-createdAt");

export interface AuditFilters {
  page: number;
  pageSize: number;
  search?: string | undefined;
  actorId?: number | undefined;
  action?: string | undefined;
  entity?: string | undefined;
  entityId?: string | undefined;
  /** Days in the studio's calendar, both included. */
  from?: string | undefined;
  to?: string | undefined;
}

// The actor's current name: only studio users are in `users` (an operator's id is the platform's).
const actorUser = and(eq(users.id, auditLog.actorId), eq(auditLog.actorType, "user"));

const selectRows = (db: Executor) =>
  db.select({ row: auditLog, name: users.name }).from(auditLog).leftJoin(users, actorUser).$dynamic();

/** One page of the studio's audit log, filtered; before/after redacted. */
export async function listAudit(db: Executor, input: AuditFilters): Promise<Page<AuditEntry>> {
  const zone = input.from || input.to ? await studioZone(db) : "UTC";
  const filters: (SQL | undefined)[] = [
    input.actorId ? eq(auditLog.actorId, input.actorId) : undefined,
    input.action ? eq(auditLog.action, input.action) : undefined,
    input.entity ? eq(auditLog.entity, input.entity) : undefined,
    input.entityId ? eq(auditLog.entityId, input.entityId) : undefined,
    input.from ? gte(auditLog.createdAt, startOfDay(input.from, zone)) : undefined,
    input.to ? lt(auditLog.createdAt, startOfDay(addDays(input.to, 1), zone)) : undefined,
  ];
  const page = await listPage(
    { rows: selectRows(db), count: db.select({ n: count() }).from(auditLog).$dynamic() },
    { page: input.page, pageSize: input.pageSize, search: input.search, ordering: "-createdAt" },
    {
      sort: auditSort,
      tiebreak: auditLog.id,
      search: [auditLog.action, auditLog.entity, auditLog.entityId, auditLog.actorEmail],
      filters,
    },
  );
  return { ...page, results: page.results.map(toEntry) };
}

/**
 * A user's changes. Users live in the studio's own database, so an id names this studio's user
 * or nobody: another studio's user id (or an unknown one) is a 404, not an empty timeline.
 */
export async function listUserAudit(
  db: Executor,
  input: AuditFilters & { actorId: number },
): Promise<Page<AuditEntry>> {
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.id, input.actorId));
  if (!user) throw new AppError("NOT_FOUND", `User ${input.actorId} not found`);
  return listAudit(db, input);
}

function toEntry({ row, name }: { row: typeof auditLog.$inferSelect; name: string | null }): AuditEntry {
  return {
    id: row.id,
    createdAt: row.createdAt,
    actor: { type: row.actorType, id: row.actorId, email: row.actorEmail, name },
    action: row.action,
    entity: row.entity,
    entityId: row.entityId,
    before: redact(row.before ?? null),
    after: redact(row.after ?? null),
    requestId: row.requestId,
    ip: row.ip,
  };
}
