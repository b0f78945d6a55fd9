export { type AppOptions, buildApp } from "./app.js";
export { type Env, envSchema, parseEnv } from "./env.js";
export { REDACT_PATHS } from "./logger.js";
