import { type Database, type DataLayer, type Transaction, taggedDb } from "@fotostudio/db";
import { initTRPC } from "@trpc/server";
import superjson from "superjson";
import type { OpenApiMeta } from "trpc-to-openapi";
import type { Context, ResolvedTenant } from "./context.js";
import { AppError, type AppErrorCode, errorBody, toAppError } from "./errors.js";
import type { Access } from "./permissions.js";
import { type AuditDraft, auditedResult, writeAudit } from "./procedures/audit.js";
import { authenticateOperator, authenticateUser } from "./procedures/authenticate.js";
import { retryDeadlocks } from "./procedures/deadlocks.js";
import { collectEffects, type Effects, queryEffects } from "./procedures/effects.js";
import type { Authenticated } from "./sessions/user-sessions.js";

// A type, not an interface: trpc-to-openapi needs Meta to have an index signature.
export type Meta = {
  /** What the caller must hold; every procedure declares it or inherits it from its builder. */
  permission?: Access;
  /** REST answers 201 instead of 200 (creates). */
  created?: boolean;
  /** false: a platform procedure, no studio involved (set by `platformProcedure`). */
  tenant?: boolean;
  /**
   * The business errors it can answer (409 CONFLICT, LAST_OWNER, 422 BUSINESS_RULE…), for the
   * docs; the common ones (validation, session, permission, studio, id not found) are derived.
   */
  errors?: AppErrorCode[];
};

/** What an authed handler sees: shared helpers (list, changes) and routers' small functions take it. */
export type AuthedContext = Context & {
  tenant: ResolvedTenant;
  db: Database;
  auth: Authenticated;
  audit: AuditDraft;
  effects: Effects;
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
const base = t.middleware(async ({ next, ctx, path }) => {
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

export const publicProcedure = t.procedure.use(base);

/**
 * The studio the request names, open and active, with its database (the tenant middleware's
 * work): a view whose statements name the procedure and the studio (@fotostudio/db query-tag.ts).
 */
async function openStudio(ctx: Context, procedure: string): Promise<{ tenant: ResolvedTenant; db: Database }> {
  const { tenantHint } = ctx;
  if (!tenantHint.tenantId && !tenantHint.host) {
    throw new AppError("TENANT_REQUIRED", "Name the studio with the X-Tenant-ID header or its subdomain");
  }
  const opened = await ctx.deps.openTenant(tenantHint);
  if (!opened || opened.tenant.status === "provisioning" || opened.tenant.status === "archived") {
    throw new AppError("TENANT_NOT_FOUND", "No studio answers to this name");
  }
  const { tenant } = opened;
  if (tenant.status === "suspended") throw new AppError("TENANT_SUSPENDED", "This studio is suspended");
  // The one place the tenant's database gets its type: the root context keeps it opaque, because
  // the published AppRouter type (the SDK's) must not name Drizzle.
  return { tenant, db: taggedDb(opened.db as Database, { procedure, tenant: tenant.slug }) };
}

/** Needs a resolved, active tenant; adds `ctx.tenant` and `ctx.db` (that tenant's database). */
export const tenantProcedure = publicProcedure.use(async ({ ctx, next, path }) =>
  next({ ctx: await openStudio(ctx, path) }),
);

/** Platform operations, no tenant involved: adds `ctx.platform` (the data layer). Operator login stops here. */
export const platformProcedure = publicProcedure
  .meta({ tenant: false })
  // The one place the platform's data layer gets its type (opaque in the root context, as above).
  // Its control database's statements name the procedure (no studio).
  .use(({ ctx, next, path }) => next({ ctx: { platform: taggedLayer(ctx.deps.platform as DataLayer, path) } }));

function taggedLayer(layer: DataLayer, procedure: string): DataLayer {
  return Object.create(layer, { control: { value: taggedDb(layer.control, { procedure }) } });
}

/**
 * Needs a platform operator's session (control database); adds `ctx.operator`. Operator and
 * tenant sessions live in different tables, so neither kind of token opens the other's procedures.
 */
export const operatorProcedure = platformProcedure
  .meta({ permission: "operator" })
  .use(async ({ ctx, next }) => next({ ctx: { operator: await authenticateOperator(ctx, ctx.platform.control) } }));

/**
 * Needs a valid session in the resolved tenant and the permission the procedure's meta names.
 * Adds `ctx.auth`. Every mutation then runs in one transaction with its audit row: the handler's
 * `ctx.db` is that transaction, and either both land or neither does.
 */
export const authedProcedure = publicProcedure.use(async ({ ctx: root, meta, type, path, getRawInput, next }) => {
  // Studio, session, permission and transaction in one middleware: each tRPC middleware's
  // next({ ctx }) copies the whole context (its transpiled object spread), and a read went
  // through three of them (README "Fast serving path").
  const studio = await openStudio(root, path);
  const ctx = { ...root, ...studio };
  const auth = await authenticateUser(ctx, { mutation: type === "mutation" });
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
  if (type !== "mutation") {
    return next({ ctx: { ...studio, auth, audit: {} as AuditDraft, effects: queryEffects } });
  }
  // Every mutation runs in one transaction with its audit row; each attempt gets its own audit
  // draft and effects (tRPC's next() runs the rest again).
  return retryDeadlocks(async () => {
    const { effects, committed, rolledBack } = collectEffects(ctx.log);
    const audit: AuditDraft = {};
    let failure: Awaited<ReturnType<typeof next>> | undefined;
    try {
      const outcome = await ctx.db.transaction(async (tx: Transaction) => {
        const result = await next({
          ctx: { tenant: studio.tenant, db: tx as unknown as Database, auth, audit, effects },
        });
        if (!result.ok) {
          failure = result;
          throw result.error; // rolls the transaction back
        }
        await writeAudit(tx, ctx, {
          actor: { type: "user", id: auth.user.id, email: auth.user.email },
          action: path,
          ...auditedResult(path, audit, await getRawInput(), result.data),
        });
        return result;
      });
      await committed();
      return outcome;
    } catch (error) {
      await rolledBack();
      if (failure) return failure;
      throw error;
    }
  });
});
