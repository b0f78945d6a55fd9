import { revokeOperatorSession } from "@fotostudio/db";
import { z } from "zod";
import { rest } from "../../shared/openapi-meta.js";
import { operatorProcedure, platformProcedure, router } from "../../trpc.js";
import { operatorLoginInput, operatorRefreshInput, operatorTokensOutput } from "./platform.schema.js";
import * as service from "./platform.service.js";

const tags = ["platform"];

/** Platform operators' sessions: central, no studio involved (no X-Tenant-ID). */
export const platformRouter = router({
  login: platformProcedure
    .meta({
      permission: "public",
      openapi: rest("POST", "/platform/auth/login", "Log in as a platform operator", {
        tenant: false,
        tags,
        public: true,
        description:
          "Returns an access and a refresh token for platform operations (tenants). No cookie: send the access token as a bearer token. Failed attempts are limited per account and per IP (429 with Retry-After).",
      }),
    })
    .input(operatorLoginInput)
    .output(operatorTokensOutput)
    .mutation(({ ctx, input }) => service.login(ctx.platform, ctx, input)),

  refresh: platformProcedure
    .meta({
      permission: "public",
      openapi: rest("POST", "/platform/auth/refresh", "Trade an operator refresh token for a new pair", {
        tenant: false,
        tags,
        public: true,
        description: "Each refresh token works once. Presenting a spent one revokes the whole session.",
      }),
    })
    .input(operatorRefreshInput)
    .output(operatorTokensOutput)
    .mutation(({ ctx, input }) => service.refresh(ctx.platform, ctx, input.refresh)),

  logout: operatorProcedure
    .meta({
      permission: "operator",
      openapi: rest("POST", "/platform/auth/logout", "Log out this operator session", { tenant: false, tags }),
    })
    .input(z.object({}).optional())
    .output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx }) => {
      await revokeOperatorSession(ctx.platform.control, ctx.operator.sessionId, "logout");
      ctx.log.info(
        { event: "operator.logout", operatorId: ctx.operator.id, sessionId: ctx.operator.sessionId },
        "operator logged out",
      );
      return { ok: true as const };
    }),
});
