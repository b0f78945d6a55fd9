import { type DestinationStream, destination, type LoggerOptions, stdSerializers } from "pino";
import type { Env } from "./env.js";

// Secrets by field name, at the top and two levels down (`{ user: { passwordHash } }`).
const SECRET_FIELDS = ["password", "currentPassword", "newPassword", "passwordHash", "token", "access", "refresh"];

/**
 * Fields never written to a log line, wherever they appear. Requests are logged by our own hook
 * (method, url, status, time, tenant), never with headers or bodies, and these paths guard the
 * rest (errors carrying a request, a stray `log.info({ user })`).
 */
export const REDACT_PATHS = [
  ...SECRET_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]),
  // Database URLs carry passwords; request lines log `path`, not `url`.
  "url",
  "*.url",
  "headers.authorization",
  "headers.cookie",
  "*.headers.authorization",
  "*.headers.cookie",
  'headers["set-cookie"]',
  '*.headers["set-cookie"]',
];

export function loggerOptions(env: Env): LoggerOptions {
  const pretty = env.NODE_ENV === "development" && process.stdout.isTTY;
  return {
    level: env.LOG_LEVEL,
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    serializers: { err: serializeError },
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

/**
 * The server's logger (Fastify's `logger` option): loggerOptions, to stdout written
 * asynchronously — a line is handed to the OS while the request goes on, and lines logged while a
 * write is in flight leave together in the next one. pino's default (one blocking write per line)
 * cost ~75 µs of a ~2 ms list read (README "Fast serving path"). No `minLength`: nothing waits for
 * a buffer to fill, so a quiet server's lines still appear at once. pino flushes what is pending
 * when the process exits (exit, uncaught exception, SIGINT/SIGTERM); only a kill -9 or a power cut
 * can lose the last lines.
 */
export function serverLogger(env: Env): LoggerOptions & { stream?: DestinationStream } {
  const options = loggerOptions(env);
  return options.transport ? options : { ...options, stream: destination({ dest: 1, sync: false }) };
}

/**
 * pino's error serializer, minus the values of a failed SQL statement: Drizzle quotes every
 * parameter (a new password's hash, e-mails, anything) in its error's message and stack, and keeps
 * them in `params`, also when the error travels as the `cause` of another. The statement stays.
 */
export function serializeError(err: unknown): unknown {
  const serialized = stdSerializers.err(err as Error);
  const quoted: string[] = [];
  for (
    let e = err, depth = 0;
    e && typeof e === "object" && depth < 10;
    e = (e as { cause?: unknown }).cause, depth++
  ) {
    const params = (e as { params?: unknown }).params;
    if (Array.isArray(params) && params.length > 0) quoted.push(`params: ${params}`);
  }
  return quoted.length > 0 ? withoutParams(serialized, quoted) : serialized;
}

function withoutParams(value: unknown, quoted: string[]): unknown {
  if (typeof value === "string") return quoted.reduce((text, q) => text.split(q).join("params: [redacted]"), value);
  if (Array.isArray(value)) return value.map((v) => withoutParams(v, quoted));
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => [key, key === "params" ? "[redacted]" : withoutParams(v, quoted)]),
  );
}
