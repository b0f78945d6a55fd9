import { auditLog, type Executor } from "@fotostudio/db";
import type { Context } from "../context.js";

/** What a handler may add to the audit row its mutation writes (see `authedProcedure`). */
export interface AuditDraft {
  entity?: string;
  entityId?: string | number;
  before?: unknown;
  after?: unknown;
}

export interface Actor {
  type: "user" | "operator" | "anonymous" | "system";
  id?: number;
  email?: string;
}

/** Appends one audit row. The log is append-only (database triggers refuse updates and deletes). */
export async function writeAudit(
  db: Executor,
  ctx: Pick<Context, "requestId" | "ip">,
  entry: { actor: Actor; action: string } & AuditDraft,
): Promise<void> {
  await db.insert(auditLog).values({
    actorType: entry.actor.type,
    actorId: entry.actor.id ?? null,
    actorEmail: entry.actor.email ?? null,
    action: entry.action,
    entity: entry.entity ?? null,
    entityId: entry.entityId === undefined ? null : String(entry.entityId),
    before: entry.before ?? null,
    after: entry.after ?? null,
    requestId: ctx.requestId,
    ip: ctx.ip ?? null,
  });
}
