import { z } from "zod";
import { AppError } from "../../errors.js";
import { rest } from "../../shared/openapi-meta.js";
import { authedProcedure, router, tenantProcedure } from "../../trpc.js";
import {
  changePasswordInput,
  loginInput,
  okOutput,
  profileOutput,
  refreshInput,
  sessionOutput,
  tokensOutput,
  updateProfileInput,
} from "./auth.schema.js";
import * as service from "./auth.service.js";
import { avatarChangeInput, avatarChangeOutput, setAvatar } from "./avatar.service.js";
import { activeSessions, revokeSession, revokeUserSessions } from "./session.service.js";

const tags = ["auth"];

export const authRouter = router({
  login: tenantProcedure
    .meta({
      permission: "public",
      openapi: rest("POST", "/auth/login", "Log in", {
        tags,
        public: true,
        description:
          "Returns an access and a refresh token and sets an HttpOnly session cookie for browsers. Five wrong passwords for one account within 15 minutes lock it for the rest of the window (429 with Retry-After).",
      }),
    })
    .input(loginInput)
    .output(tokensOutput)
    .mutation(({ ctx, input }) => service.login(ctx.db, ctx, input)),

  refresh: tenantProcedure
    .meta({
      permission: "public",
      openapi: rest("POST", "/auth/refresh", "Trade a refresh token for a new pair", {
        tags,
        public: true,
        description: "Each refresh token works once. Presenting a spent one revokes the whole session.",
      }),
    })
    .input(refreshInput)
    .output(tokensOutput)
    .mutation(({ ctx, input }) => service.refresh(ctx.db, ctx, input.refresh)),

  logout: authedProcedure
    .meta({ permission: "authenticated", openapi: rest("POST", "/auth/logout", "Log out this session", { tags }) })
    .input(z.object({}).optional())
    .output(okOutput)
    .mutation(async ({ ctx }) => {
      await revokeSession(ctx.db, ctx.auth.sessionId, "logout");
      ctx.http.clearSessionCookie();
      ctx.audit.entity = "session";
      ctx.audit.entityId = ctx.auth.sessionId;
      return { ok: true as const };
    }),

  logoutAll: authedProcedure
    .meta({
      permission: "authenticated",
      openapi: rest("POST", "/auth/logout-all", "Log out everywhere", {
        tags,
        description: "Ends every session of the user, this one included.",
      }),
    })
    .input(z.object({}).optional())
    .output(z.object({ ok: z.literal(true), revokedSessions: z.number().int() }))
    .mutation(async ({ ctx }) => {
      const revokedSessions = await revokeUserSessions(ctx.db, ctx.auth.user.id, "logout_all");
      ctx.http.clearSessionCookie();
      ctx.audit.entity = "user";
      ctx.audit.entityId = ctx.auth.user.id;
      return { ok: true as const, revokedSessions };
    }),

  profile: authedProcedure
    .meta({ permission: "authenticated", openapi: rest("GET", "/auth/profile", "Who am I", { tags }) })
    .input(z.object({}).optional())
    .output(profileOutput)
    .query(({ ctx }) => service.profileOf(ctx.db, ctx.auth.user)),

  updateProfile: authedProcedure
    .meta({
      permission: "authenticated",
      openapi: rest("PUT", "/auth/profile", "Update my name, phone and language", { tags }),
    })
    .input(updateProfileInput)
    .output(profileOutput)
    .mutation(async ({ ctx, input }) => {
      ctx.audit.entity = "user";
      ctx.audit.entityId = ctx.auth.user.id;
      ctx.audit.before = { name: ctx.auth.user.name, phone: ctx.auth.user.phone, language: ctx.auth.user.language };
      return service.updateProfile(ctx.db, ctx.auth.user, input);
    }),

  changePassword: authedProcedure
    .meta({
      permission: "authenticated",
      openapi: rest("POST", "/auth/change-password", "Change my password", {
        tags,
        description: "Needs the current password. Every other session of the user is logged out.",
      }),
    })
    .input(changePasswordInput)
    .output(z.object({ ok: z.literal(true), revokedSessions: z.number().int() }))
    .mutation(async ({ ctx, input }) => {
      ctx.audit.entity = "user";
      ctx.audit.entityId = ctx.auth.user.id;
      ctx.audit.after = { passwordChanged: true };
      const result = await service.changePassword(ctx.db, ctx, ctx.auth.user, ctx.auth.sessionId, input);
      return { ok: true as const, ...result };
    }),

  sessions: authedProcedure
    .meta({ permission: "authenticated", openapi: rest("GET", "/auth/sessions", "My open sessions", { tags }) })
    .input(z.object({}).optional())
    .output(z.array(sessionOutput))
    .query(async ({ ctx }) =>
      (await activeSessions(ctx.db, ctx.auth.user.id)).map((s) => ({ ...s, current: s.id === ctx.auth.sessionId })),
    ),

  revokeSession: authedProcedure
    .meta({
      permission: "authenticated",
      openapi: rest("DELETE", "/auth/sessions/{id}", "Log out one of my sessions", { tags }),
    })
    .input(z.object({ id: z.number().int().positive() }))
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      const mine = await activeSessions(ctx.db, ctx.auth.user.id);
      if (!mine.some((s) => s.id === input.id)) throw new AppError("NOT_FOUND", `Session ${input.id} not found`);
      await revokeSession(ctx.db, input.id, "revoked_by_user");
      ctx.audit.entity = "session";
      return { ok: true as const };
    }),

  // In-process only: the avatar route (apps/server/src/routes/avatar.ts) receives the image and
  // calls this with an AvatarChange, which no client can send; hence no generated REST operation
  // (the route's own PUT/POST/DELETE /auth/avatar are documented in openapi.ts).
  setAvatar: authedProcedure
    .meta({
      permission: "authenticated",
      openapi: { ...rest("PUT", "/auth/avatar", "Upload or remove my avatar", { tags }), enabled: false },
    })
    .input(avatarChangeInput)
    .output(avatarChangeOutput)
    .mutation(async ({ ctx, input }) => {
      const result = await setAvatar(ctx.db, ctx.tenant.slug, ctx.auth.user, input);
      ctx.audit.entity = "user";
      ctx.audit.entityId = ctx.auth.user.id;
      ctx.audit.before = { avatarKey: result.replacedKey };
      ctx.audit.after = { avatarKey: result.avatarKey };
      return result;
    }),
});
