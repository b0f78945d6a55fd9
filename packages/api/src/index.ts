export type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
export type {
  ApiDeps,
  AttemptLimiter,
  Context,
  CookieOptions,
  FileStorage,
  HttpBridge,
  Logger,
  OpenedTenant,
  ResolvedTenant,
  SessionSettings,
  TenantHint,
} from "./context.js";
export {
  AppError,
  type AppErrorCode,
  ERROR_CODES,
  type ErrorBody,
  errorBody,
  type Issue,
  toAppError,
} from "./errors.js";
export { cacheSettingsOf, MemorySettingsCache, type SettingsCache } from "./modules/config/settings.cache.js";
export { buildOpenApiDocument } from "./openapi.js";
export { type Access, PERMISSIONS, type Permission, SYSTEM_ROLE_PERMISSIONS } from "./permissions.js";
export { type AppRouter, appRouter, type ModuleKey } from "./root.js";
export { Generations, processGenerations } from "./sessions/generations.js";
export { type CacheSync, type ChangeLog, ChangeRelay, DEAF } from "./sessions/relay.js";
export { MemorySessionCache, type SessionCache } from "./sessions/session-cache.js";
export { MemoryAttemptLimiter } from "./shared/attempt-limiter.js";
export { IMAGE_TYPES, ImageUpload } from "./shared/images.js";
export { createCallerFactory, type Meta } from "./trpc.js";
