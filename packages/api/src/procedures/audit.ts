import { auditLog, type Executor } from "@fotostudio/db";
import type { Context } from "../context.js";

/**
 * What a handler may add to the audit row its mutation writes (see `authedProcedure`). Handlers
 * fill it through `record` (shared/changes.ts) from what their service returns, not by hand.
 */
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

/**
 * A row the mutation changed besides its own (an order's cancelled production, the order its last
 * sale delivered): an audit row of its own, by the same user in the same request, as if the
 * change had been made by hand — so the row's history (audit by model or id) shows it.
 */
export async function auditAlso(
  ctx: Pick<Context, "requestId" | "ip"> & { db: Executor; auth: { user: { id: number; email: string } } },
  action: string,
  entity: string,
  change: { before: unknown; after: { id: number } },
): Promise<void> {
  await writeAudit(ctx.db, ctx, {
    actor: { type: "user", id: ctx.auth.user.id, email: ctx.auth.user.email },
    action,
    entity,
    entityId: change.after.id,
    before: change.before,
    after: change.after,
  });
}

/**
 * The audit facts of a finished mutation: what the handler recorded, else what can be read off
 * the call — the entity is the module (`clients.update` → `clients`), the id the output's or the
 * input's, the after-image the output.
 */
export function auditedResult(path: string, audit: AuditDraft, input: unknown, output: unknown): AuditDraft {
  const id = audit.entityId ?? idOf(output) ?? idOf(input);
  return {
    entity: audit.entity ?? path.slice(0, path.indexOf(".")),
    entityId: id,
    before: audit.before,
    after: "after" in audit ? audit.after : output,
  };
}

function idOf(value: unknown): string | number | undefined {
  const id = (value as { id?: unknown } | null | undefined)?.id;
  return typeof id === "number" || typeof id === "string" ? id : undefined;
}
