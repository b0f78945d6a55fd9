import type { IncomingMessage, ServerResponse } from "node:http";
import type { FastifyInstance } from "fastify";
import helmet, { type HelmetOptions } from "helmet";

// helmet's security headers, worked out once at boot. @fastify/helmet calls `helmet(options)` on
// every request — validating the options and re-parsing the CSP directives each time, ~55 µs of a
// ~2 ms list read (README "Fast serving path") — though with static options (no per-request CSP
// nonces, no route-level overrides: we use neither) the headers never change. So helmet runs once
// against a recorder and a hook sets what it set, removes what it removed: the same headers.

interface SecurityHeaders {
  set: [name: string, value: string | number | readonly string[]][];
  remove: string[];
}

/** What helmet does to a response with these options, recorded. */
export function securityHeaders(options: HelmetOptions): SecurityHeaders {
  const recorded: SecurityHeaders = { set: [], remove: [] };
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      recorded.set.push([name, value]);
      return recorder;
    },
    removeHeader(name: string) {
      recorded.remove.push(name);
    },
  };
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
  });
  return recorded;
}

/** Every response carries helmet's headers for `options`, set on the raw response as helmet does. */
export function registerSecurityHeaders(app: FastifyInstance, options: HelmetOptions) {
  const { set, remove } = securityHeaders(options);
  app.addHook("onRequest", (_request, reply, done) => {
    const raw = reply.raw;
    for (const [name, value] of set) raw.setHeader(name, value);
    for (const name of remove) raw.removeHeader(name);
    done();
  });
}
