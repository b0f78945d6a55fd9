import { z } from "zod";
import { date, id } from "../../shared/fields.js";
import { pageInput, paginated } from "../../shared/list.js";

// The audit log's reads. Every list is newest first (created_at, then id) and keeps its filters
// index-shaped: created_at alone, actor_id + created_at, action + created_at, entity + entity_id.

const dayFilters = {
  from: date("Changes made on or after this day").optional(),
  to: date("Changes made on or before this day (included)").optional(),
};

const checkDays = (input: { from?: string | undefined; to?: string | undefined }, ctx: z.RefinementCtx) => {
  if (input.from && input.to && input.from > input.to) {
    ctx.addIssue({ code: "custom", path: ["to"], message: "`to` must not be before `from`" });
  }
};

const filterFields = {
  userId: id("The acting user").optional(),
  actorId: id("The acting user (same as userId)").optional(),
  action: z.string().trim().min(1).max(100).describe("The action, e.g. orders.transition").optional(),
  entity: z.string().trim().min(1).max(50).describe("What was changed, e.g. orders").optional(),
  model: z.string().trim().min(1).max(50).describe("What was changed (same as entity)").optional(),
  entityId: z.string().trim().min(1).max(64).describe("The changed record's id (with entity)").optional(),
  ...dayFilters,
};

export const listAuditInput = pageInput
  .extend(filterFields)
  .superRefine(checkDays)
  .describe("search matches the action, the entity, its id and the actor's e-mail");
export type ListAuditInput = z.infer<typeof listAuditInput>;

export const auditByUserInput = pageInput
  .extend({ user_id: id("The acting user"), ...dayFilters })
  .superRefine(checkDays);
export const auditByActionInput = pageInput
  .extend({ action: z.string().trim().min(1).max(100).describe("The action, e.g. orders.transition"), ...dayFilters })
  .superRefine(checkDays);
export const auditByModelInput = pageInput
  .extend({
    model: z.string().trim().min(1).max(50).describe("What was changed, e.g. orders"),
    entityId: z.string().trim().min(1).max(64).describe("The changed record's id").optional(),
    ...dayFilters,
  })
  .superRefine(checkDays);
export const auditDateRangeInput = pageInput
  .extend({ from: date("First day"), to: date("Last day (included)") })
  .superRefine(checkDays);

export const auditEntry = z
  .object({
    id: z.number().int().describe("Audit row id"),
    createdAt: z.date().describe("When the change was made"),
    actor: z
      .object({
        type: z
          .enum(["user", "operator", "anonymous", "system"])
          .describe("Who acted: a studio user, a platform operator, nobody logged in, the system"),
        id: z.number().int().nullable().describe("The user's (or operator's) id"),
        email: z.string().nullable().describe("Their e-mail at the time"),
        name: z.string().nullable().describe("The studio user's current name (null for others)"),
      })
      .describe("Who made the change"),
    action: z.string().describe("`<module>.<verb>` of the procedure, or an event such as auth.login_failed"),
    entity: z.string().nullable().describe("What was changed (the module's entity)"),
    entityId: z.string().nullable().describe("The changed record's id"),
    before: z.unknown().describe("The record before the change (null if none); secrets shown as [redacted]"),
    after: z.unknown().describe("The record after the change (null if none); secrets shown as [redacted]"),
    requestId: z.string().nullable().describe("The request's id (X-Request-Id), to find it in the logs"),
    ip: z.string().nullable().describe("The client's address"),
  })
  .meta({ id: "AuditEntry" });
export type AuditEntry = z.infer<typeof auditEntry>;

export const auditPage = paginated(auditEntry).meta({ id: "AuditPage" });
