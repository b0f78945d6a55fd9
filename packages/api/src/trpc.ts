import type { Database, DataLayer, Transaction } from "@fotostudio/db";
import { initTRPC } from "@trpc/server";
import superjson from "superjson";
import type { OpenApiMeta } from "trpc-to-openapi";
import type { Context } from "./context.js";
import { AppError, errorBody, toAppError } from "./errors.js";
import { authenticate } from "./modules/auth/authenticate.js";
import { authenticateOperator } from "./modules/platform/authenticate.js";
import type { Access } from "./permissions.js";
import { type AuditDraft, writeAudit } from "./shared/audit.js";

// A type, not an interface: trpc-to-openapi needs Meta to have an index signature.
export type Meta = {
  /** What the caller must hold; every procedure declares it (a test walks the router). */
  permission?: Access;
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

/** Platform operations, no tenant involved: adds `ctx.platform` (the data layer). Operator login stops here. */
export const platformProcedure = publicProcedure.use(({ ctx, next }) =>
  // The one place the opaque platform handle gets its type (see context.ts).
  next({ ctx: { platform: ctx.deps.platform as DataLayer } }),
);

/**
 * Needs a platform operator's session (control database) and `operator` in the meta; adds
 * `ctx.operator`. Operator and tenant sessions live in different tables, so neither kind of
 * token opens the other's procedures.
 */
export const operatorProcedure = platformProcedure.use(async ({ ctx, meta, next }) => {
  const operator = await authenticateOperator(ctx, ctx.platform);
  if (meta?.permission !== "operator") {
    throw new AppError("FORBIDDEN", `Missing permission ${meta?.permission ?? "(undeclared)"}`);
  }
  return next({ ctx: { operator } });
});

/**
 * Needs a valid session in the resolved tenant and the permission the procedure's meta names.
 * Adds `ctx.auth`. Every mutation then runs in one transaction with its audit row: the handler's
 * `ctx.db` is that transaction, and either both land or neither does.
 */
export const authedProcedure = tenantProcedure
  .use(async ({ ctx, meta, type, path, next }) => {
    const auth = await authenticate(ctx, { mutation: type === "mutation" });
    const required = meta?.permission;
    if (
      required !== "authenticated" &&
      !(required && required !== "public" && required !== "operator" && auth.permissions.has(required))
    ) {
      await writeAudit(ctx.db, ctx, {
        actor: { type: "user", id: auth.user.id, email: auth.user.email },
        action: "permission.denied",
        entity: path,
        after: { required: required ?? null },
      });
      throw new AppError("FORBIDDEN", `Missing permission ${required ?? "(undeclared)"}`);
    }
    return next({ ctx: { auth } });
  })
  .use(async ({ ctx, type, path, getRawInput, next }) => {
    if (type !== "mutation") return next({ ctx: { audit: {} as AuditDraft } });
    const audit: AuditDraft = {};
    let failure: Awaited<ReturnType<typeof next>> | undefined;
    try {
      return await ctx.db.transaction(async (tx: Transaction) => {
        const result = await next({ ctx: { db: tx as unknown as Database, audit } });
        if (!result.ok) {
          failure = result;
          throw result.error; // rolls the transaction back
        }
        const input = (await getRawInput()) as { id?: unknown } | undefined;
        const output = result.data as { id?: unknown } | undefined;
        const id = audit.entityId ?? output?.id ?? input?.id;
        await writeAudit(tx, ctx, {
          actor: { type: "user", id: ctx.auth.user.id, email: ctx.auth.user.email },
          action: path,
          entity: audit.entity ?? path.slice(0, path.indexOf(".")),
          entityId: typeof id === "number" || typeof id === "string" ? id : undefined,
          before: audit.before,
          after: "after" in audit ? audit.after : result.data,
        });
        return result;
      });
    } catch (error) {
      if (failure) return failure;
      throw error;
    }
  });
