import type { TRPCRouterRecord } from "@trpc/server";
import { revokeOperatorSession } from "../../sessions/operator-sessions.js";
import { emptyInput, okOutput } from "../../shared/fields.js";
import { rest } from "../../shared/rest.js";
import { operatorProcedure, platformProcedure } from "../../trpc.js";
import { operatorLoginInput, operatorRefreshInput, operatorTokensOutput } from "./platform.schema.js";
import * as service from "./platform.service.js";

/** Platform operators' sessions: central, no studio involved (no X-Tenant-ID). */
export const platformRouter = {
  login: platformProcedure
    .meta({
      permission: "public",
      openapi: rest(
        "POST",
        "/platform/auth/login",
        "Log in as a platform operator",
        "Returns an access and a refresh token for platform operations (tenants). No cookie: send the access token as a bearer token. Failed attempts are limited per account and per IP (429 with Retry-After).",
      ),
    })
    .input(operatorLoginInput)
    .output(operatorTokensOutput)
    .mutation(({ ctx, input }) => service.login(ctx.platform, ctx, input)),

  refresh: platformProcedure
    .meta({
      permission: "public",
      openapi: rest(
        "POST",
        "/platform/auth/refresh",
        "Trade an operator refresh token for a new pair",
        "Each refresh token works once. Presenting a spent one revokes the whole session.",
      ),
    })
    .input(operatorRefreshInput)
    .output(operatorTokensOutput)
    .mutation(({ ctx, input }) => service.refresh(ctx.platform, ctx, input.refresh)),

  logout: operatorProcedure
    .meta({ openapi: rest("POST", "/platform/auth/logout", "Log out this operator session") })
    .input(emptyInput)
    .output(okOutput)
    .mutation(async ({ ctx }) => {
      await revokeOperatorSession(ctx.platform.control, ctx.operator.sessionId, "logout");
      ctx.log.info(
        { event: "operator.logout", operatorId: ctx.operator.id, sessionId: ctx.operator.sessionId },
        "operator logged out",
      );
      return { ok: true as const };
    }),
} satisfies TRPCRouterRecord;
