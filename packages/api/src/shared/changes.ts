import type { AuditDraft } from "../procedures/audit.js";

/**
 * What a mutation changed, as its service reports it: the row before and after (null when it was
 * created or deleted). Services read the before-image once, under the row's lock, and return it;
 * the router hands it to `record`, which fills the mutation's audit row.
 */
export interface Change<T> {
  before: T | null;
  after: T | null;
}

/** An update's change: the row exists after it. */
export type Updated<T> = Change<T> & { after: T };

/** Puts a service's change on the mutation's audit row. */
export function record(ctx: { audit: AuditDraft }, change: Change<unknown>): void {
  ctx.audit.before = change.before;
  ctx.audit.after = change.after;
}

/** An update or create: records the change and answers the row as it is now. */
export async function applied<T>(ctx: { audit: AuditDraft }, change: Promise<Updated<T>>): Promise<T> {
  const done = await change;
  record(ctx, done);
  return done.after;
}

/** A delete: records the removed row and answers the one shape every delete has. */
export async function removed(
  ctx: { audit: AuditDraft },
  id: number,
  change: Promise<Change<unknown>>,
): Promise<{ id: number; deleted: true }> {
  record(ctx, await change);
  return { id, deleted: true };
}
