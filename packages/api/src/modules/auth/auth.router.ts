import type { TRPCRouterRecord } from "@trpc/server";
import { AppError } from "../../errors.js";
import { sessionsChanged } from "../../sessions/session-cache.js";
import { activeSessions, revokeSession, revokeUserSessions } from "../../sessions/user-sessions.js";
import { record } from "../../shared/changes.js";
import { emptyInput, okOutput } from "../../shared/fields.js";
import { imageUploadInput } from "../../shared/images.js";
import { rest } from "../../shared/rest.js";
import { type AuthedContext, authedProcedure, tenantProcedure } from "../../trpc.js";
import {
  changePasswordInput,
  loginInput,
  profileOutput,
  refreshInput,
  revokedOutput,
  revokeSessionInput,
  sessionListOutput,
  tokensOutput,
  updateProfileInput,
} from "./auth.schema.js";
import * as service from "./auth.service.js";
import { setAvatar } from "./avatar.service.js";

/** Browsers get the access token as an HttpOnly cookie too; the transport sets it. */
const withCookie = <T extends { access: string }>(ctx: Pick<AuthedContext, "http" | "deps">, tokens: T): T => {
  ctx.http.setSessionCookie(tokens.access, { maxAgeSeconds: ctx.deps.sessions.refreshTtl });
  return tokens;
};

/** The audit row of a change to the caller's own account names the user. */
const aboutMe = (ctx: AuthedContext) => {
  ctx.audit.entity = "user";
  ctx.audit.entityId = ctx.auth.user.id;
};

export const authRouter = {
  login: tenantProcedure
    .meta({
      permission: "public",
      openapi: rest(
        "POST",
        "/auth/login",
        "Log in",
        "Returns an access and a refresh token and sets an HttpOnly session cookie for browsers. Wrong passwords lock the account as the studio's security settings say (by default five within 15 minutes lock it for the rest of the window: 429 with Retry-After); the access token's idle timeout is the studio's session timeout.",
      ),
    })
    .input(loginInput)
    .output(tokensOutput)
    .mutation(async ({ ctx, input }) => withCookie(ctx, await service.login(ctx.db, ctx, input))),

  refresh: tenantProcedure
    .meta({
      permission: "public",
      openapi: rest(
        "POST",
        "/auth/refresh",
        "Trade a refresh token for a new pair",
        "Each refresh token works once. Presenting a spent one revokes the whole session.",
      ),
    })
    .input(refreshInput)
    .output(tokensOutput)
    .mutation(async ({ ctx, input }) => withCookie(ctx, await service.refresh(ctx.db, ctx, input.refresh))),

  logout: authedProcedure
    .meta({ permission: "authenticated", openapi: rest("POST", "/auth/logout", "Log out this session") })
    .input(emptyInput)
    .output(okOutput)
    .mutation(async ({ ctx }) => {
      sessionsChanged(ctx);
      await revokeSession(ctx.db, ctx.auth.sessionId, "logout");
      ctx.http.clearSessionCookie();
      ctx.audit.entity = "session";
      ctx.audit.entityId = ctx.auth.sessionId;
      return { ok: true as const };
    }),

  logoutAll: authedProcedure
    .meta({
      permission: "authenticated",
      openapi: rest(
        "POST",
        "/auth/logout-all",
        "Log out everywhere",
        "Ends every session of the user, this one included.",
      ),
    })
    .input(emptyInput)
    .output(revokedOutput)
    .mutation(async ({ ctx }) => {
      sessionsChanged(ctx);
      const revokedSessions = await revokeUserSessions(ctx.db, ctx.auth.user.id, "logout_all");
      ctx.http.clearSessionCookie();
      aboutMe(ctx);
      return { ok: true as const, revokedSessions };
    }),

  profile: authedProcedure
    .meta({ permission: "authenticated", openapi: rest("GET", "/auth/profile", "Who am I") })
    .input(emptyInput)
    .output(profileOutput)
    .query(({ ctx }) => service.profileOf(ctx.db, ctx.auth.user)),

  updateProfile: authedProcedure
    .meta({ permission: "authenticated", openapi: rest("PUT", "/auth/profile", "Update my name, phone and language") })
    .input(updateProfileInput)
    .output(profileOutput)
    .mutation(async ({ ctx, input }) => {
      aboutMe(ctx);
      sessionsChanged(ctx); // the session carries the name, phone and language
      const { user } = ctx.auth;
      ctx.audit.before = { name: user.name, phone: user.phone, language: user.language };
      return service.updateProfile(ctx.db, user, input);
    }),

  changePassword: authedProcedure
    .meta({
      errors: ["RATE_LIMITED"],
      permission: "authenticated",
      openapi: rest(
        "POST",
        "/auth/change-password",
        "Change my password",
        "Needs the current password. Every other session of the user is logged out.",
      ),
    })
    .input(changePasswordInput)
    .output(revokedOutput)
    .mutation(async ({ ctx, input }) => {
      aboutMe(ctx);
      sessionsChanged(ctx); // the other sessions end
      ctx.audit.after = { passwordChanged: true };
      const result = await service.changePassword(ctx.db, ctx, ctx.auth.user, ctx.auth.sessionId, input);
      return { ok: true as const, ...result };
    }),

  sessions: authedProcedure
    .meta({ permission: "authenticated", openapi: rest("GET", "/auth/sessions", "My open sessions") })
    .input(emptyInput)
    .output(sessionListOutput)
    .query(async ({ ctx }) =>
      (await activeSessions(ctx.db, ctx.auth.user.id)).map((s) => ({ ...s, current: s.id === ctx.auth.sessionId })),
    ),

  revokeSession: authedProcedure
    .meta({ permission: "authenticated", openapi: rest("DELETE", "/auth/sessions/{id}", "Log out one of my sessions") })
    .input(revokeSessionInput)
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      const mine = await activeSessions(ctx.db, ctx.auth.user.id);
      if (!mine.some((s) => s.id === input.id)) throw new AppError("NOT_FOUND", `Session ${input.id} not found`);
      sessionsChanged(ctx);
      await revokeSession(ctx.db, input.id, "revoked_by_user");
      ctx.audit.entity = "session";
      return { ok: true as const };
    }),

  // In-process only: the avatar route (apps/server/src/routes/avatar.ts) receives and sniffs the
  // image and calls this with an ImageUpload, which no client can send; hence no generated REST
  // operation (the route's own PUT/POST/DELETE /auth/avatar are documented in openapi.ts).
  setAvatar: authedProcedure
    .meta({
      permission: "authenticated",
      openapi: { ...rest("PUT", "/auth/avatar", "Upload or remove my avatar"), enabled: false },
    })
    .input(imageUploadInput("auth.setAvatar", "PUT /api/auth/avatar/"))
    .output(profileOutput)
    .mutation(async ({ ctx, input }) => {
      sessionsChanged(ctx); // the session carries the avatar
      const { profile, ...change } = await setAvatar(
        ctx.db,
        { storage: ctx.deps.storage, effects: ctx.effects },
        ctx.tenant.slug,
        ctx.auth.user,
        input,
      );
      aboutMe(ctx);
      record(ctx, change);
      return profile;
    }),
} satisfies TRPCRouterRecord;
