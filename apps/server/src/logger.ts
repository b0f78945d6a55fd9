import type { LoggerOptions } from "pino";
import type { Env } from "./env.js";

/**
 * Fields never written to a log line, wherever they appear. Requests are logged by our own hook
 * (method, url, status, time, tenant), never with headers or bodies, and these paths guard the
 * rest (errors carrying a request, a stray `log.info({ user })`).
 */
export const REDACT_PATHS = [
  "password",
  "*.password",
  "*.*.password",
  "currentPassword",
  "*.currentPassword",
  "newPassword",
  "*.newPassword",
  "token",
  "*.token",
  "access",
  "*.access",
  "refresh",
  "*.refresh",
  "passwordHash",
  "*.passwordHash",
  // Database URLs carry passwords; request lines log `path`, not `url`.
  "url",
  "*.url",
  "headers.authorization",
  "headers.cookie",
  "*.headers.authorization",
  "*.headers.cookie",
  'headers["set-cookie"]',
  "req.headers.authorization",
  "req.headers.cookie",
];

export function loggerOptions(env: Env): LoggerOptions {
  const pretty = env.NODE_ENV === "development" && process.stdout.isTTY;
  return {
    level: env.LOG_LEVEL,
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    base: { service: "fotostudio-api" },
    ...(pretty
      ? {
          transport: {
            target: "pino-pretty",
            options: { translateTime: "HH:MM:ss.l", ignore: "pid,hostname,service" },
          },
        }
      : {}),
  };
}
