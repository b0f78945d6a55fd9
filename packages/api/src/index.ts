export type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
export type { ApiDeps, Context, Logger, ResolvedTenant, TenantHint } from "./context.js";
export {
  AppError,
  type AppErrorCode,
  ERROR_CODES,
  type ErrorBody,
  errorBody,
  type Issue,
  toAppError,
} from "./errors.js";
export { buildOpenApiDocument } from "./openapi.js";
export { PERMISSIONS, type Permission } from "./permissions.js";
export { type AppRouter, appRouter } from "./root.js";
export { createCallerFactory, type Meta } from "./trpc.js";
