import type { Database } from "@fotostudio/db";
import { initTRPC } from "@trpc/server";
import superjson from "superjson";
import type { OpenApiMeta } from "trpc-to-openapi";
import type { Context } from "./context.js";
import { AppError, errorBody, toAppError } from "./errors.js";
import type { Permission } from "./permissions.js";

// A type, not an interface: trpc-to-openapi needs Meta to have an index signature.
export type Meta = {
  /** What the caller must hold (enforced from the identity issue on; declared by every procedure). */
  permission?: Permission;
  /** REST answers 201 instead of 200 (creates). */
  created?: boolean;
};

const t = initTRPC
  .context<Context>()
  .meta<OpenApiMeta<Meta>>()
  .create({
    transformer: superjson,
    errorFormatter({ shape, error }) {
      const appError = toAppError(error);
      // No stack, no SQL, no internals: the client sees the stable code and a safe message.
      return {
        message: appError.message,
        code: shape.code,
        data: { ...errorBody(appError), httpStatus: appError.status, path: shape.data.path },
      };
    },
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Turns infrastructure failures (database away, duplicate key) into AppErrors for both transports. */
const mapErrors = t.middleware(async ({ next, ctx, path }) => {
  const result = await next();
  if (!result.ok) {
    const appError = toAppError(result.error);
    if (appError.appCode === "INTERNAL" || appError.appCode === "DATABASE_UNAVAILABLE") {
      ctx.log.error({ err: result.error.cause ?? result.error, procedure: path }, "procedure failed");
    }
    if (appError !== result.error) throw appError;
  }
  return result;
});

export const publicProcedure = t.procedure.use(mapErrors);

/** Needs a resolved, active tenant; adds `ctx.tenant` and `ctx.db` (that tenant's database). */
export const tenantProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const { tenantHint } = ctx;
  if (!tenantHint.tenantId && !tenantHint.host) {
    throw new AppError("TENANT_REQUIRED", "Name the studio with the X-Tenant-ID header or its subdomain");
  }
  const tenant = await ctx.deps.resolveTenant(tenantHint);
  if (!tenant || tenant.status === "provisioning" || tenant.status === "archived") {
    throw new AppError("TENANT_NOT_FOUND", "No studio answers to this name");
  }
  if (tenant.status === "suspended") throw new AppError("TENANT_SUSPENDED", "This studio is suspended");
  // The one place the opaque database handle gets its type (see context.ts).
  const db = ctx.deps.tenantDb(tenant) as Database;
  return next({ ctx: { tenant, db } });
});
