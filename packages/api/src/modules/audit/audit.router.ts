import type { TRPCRouterRecord } from "@trpc/server";
import { rest } from "../../shared/rest.js";
import { authedProcedure } from "../../trpc.js";
import {
  auditByActionInput,
  auditByModelInput,
  auditByUserInput,
  auditDateRangeInput,
  auditPage,
  listAuditInput,
} from "./audit.schema.js";
import { listAudit, listUserAudit } from "./audit.service.js";

// Read-only: the log is written by every mutation (procedures/audit.ts), never through here.
const NOTE =
  "Newest first. before/after are the record's images around the change, with secrets (passwords, hashes, tokens, codes) shown as [redacted]; from/to are days in the studio's time zone.";

export const auditRouter = {
  list: authedProcedure
    .meta({
      permission: "audit:read",
      openapi: rest(
        "GET",
        "/audit",
        "List the audit log",
        `${NOTE} Filters: userId (or actorId), action, entity (or model) with entityId, from/to; search matches the action, the entity, its id and the actor's e-mail.`,
      ),
    })
    .input(listAuditInput)
    .output(auditPage)
    .query(({ ctx, input }) =>
      listAudit(ctx.db, { ...input, actorId: input.userId ?? input.actorId, entity: input.entity ?? input.model }),
    ),
  byUser: authedProcedure
    .meta({
      permission: "audit:read",
      openapi: rest(
        "GET",
        "/audit/user/{user_id}",
        "A user's changes",
        `${NOTE} A user unknown to the studio is a 404.`,
      ),
    })
    .input(auditByUserInput)
    .output(auditPage)
    .query(({ ctx, input }) => listUserAudit(ctx.db, { ...input, actorId: input.user_id })),
  byAction: authedProcedure
    .meta({ permission: "audit:read", openapi: rest("GET", "/audit/action/{action}", "Changes by action", NOTE) })
    .input(auditByActionInput)
    .output(auditPage)
    .query(({ ctx, input }) => listAudit(ctx.db, input)),
  byModel: authedProcedure
    .meta({
      permission: "audit:read",
      openapi: rest("GET", "/audit/model/{model}", "Changes to an entity", `${NOTE} entityId narrows to one record.`),
    })
    .input(auditByModelInput)
    .output(auditPage)
    .query(({ ctx, input }) => listAudit(ctx.db, { ...input, entity: input.model })),
  dateRange: authedProcedure
    .meta({
      permission: "audit:read",
      openapi: rest(
        "GET",
        "/audit/date-range",
        "Changes between two days",
        `${NOTE} from and to are required; from after to is a 400.`,
      ),
    })
    .input(auditDateRangeInput)
    .output(auditPage)
    .query(({ ctx, input }) => listAudit(ctx.db, input)),
} satisfies TRPCRouterRecord;
