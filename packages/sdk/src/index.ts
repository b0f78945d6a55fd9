import type { AppErrorCode, AppRouter, Issue } from "@fotostudio/api";
import { createTRPCClient, httpBatchLink, type TRPCClient, type TRPCClientError } from "@trpc/client";
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import superjson from "superjson";

/** The API's router, as a type only: what gives every call its input and output types. */
/** A stable error code the server puts on every error (`error.data.code`), e.g. `"NOT_FOUND"`. */
/** One field problem of a `VALIDATION_ERROR` (`error.data.issues`). */
export type { AppErrorCode, AppRouter, Issue };

/** Input of every procedure: `RouterInputs["clients"]["create"]`. */
export type RouterInputs = inferRouterInputs<AppRouter>;
/** Output of every procedure: `RouterOutputs["clients"]["list"]["results"][number]`. */
export type RouterOutputs = inferRouterOutputs<AppRouter>;

/** The client `createClient` returns: `client.<module>.<procedure>.query(input)` or `.mutate(input)`. */
export type FotoStudioClient = TRPCClient<AppRouter>;

/** An error thrown by a client call; `data.code` is the stable {@link AppErrorCode}. */
export type FotoStudioError = TRPCClientError<AppRouter>;

export interface ClientOptions {
  /** Origin of the API server, e.g. `https://api.fotostudio.cloud` or `http://127.0.0.1:3000`. */
  url: string;
  /** The studio's slug (e.g. `"demo"`), sent as `X-Tenant-ID` on every request. */
  tenant: string;
  /** A fixed access token, sent as `Authorization: Bearer <token>`. */
  token?: string;
  /**
   * Called before every request for the current access token (wins over `token`); return
   * `undefined` or `null` to send no `Authorization` header.
   */
  getToken?: () => string | null | undefined | Promise<string | null | undefined>;
  /** A `fetch` implementation to use instead of the global one (tests, older runtimes). */
  fetch?: typeof globalThis.fetch;
  /** Extra headers for every request. The tenant and token headers above take precedence. */
  headers?: Record<string, string>;
}

/**
 * Creates a typed client for one studio. Calls made in the same tick are batched into one request.
 *
 * @example
 * const api = createClient({ url: "http://127.0.0.1:3000", tenant: "demo" });
 * const page = await api.clients.list.query({ page: 1 });
 */
export function createClient(options: ClientOptions): FotoStudioClient {
  const { tenant, token, getToken, headers } = options;
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: `${options.url.replace(/\/+$/, "")}/trpc`,
        transformer: superjson,
        ...(options.fetch ? { fetch: options.fetch } : {}),
        async headers() {
          const bearer = getToken ? await getToken() : token;
          return {
            ...headers,
            "X-Tenant-ID": tenant,
            ...(bearer ? { Authorization: `Bearer ${bearer}` } : {}),
          };
        },
      }),
    ],
  });
}

/**
 * The stable error code a server error carries (`"TENANT_NOT_FOUND"`, `"VALIDATION_ERROR"`,
 * `"NOT_FOUND"`…), or `undefined` when `err` is not an error answered by the server (a network
 * failure, a bug in your code). Branch on this, never on the message.
 */
export function errorCode(err: unknown): string | undefined {
  if (typeof err !== "object" || err === null || !("data" in err)) return undefined;
  const data = (err as { data?: unknown }).data;
  if (typeof data !== "object" || data === null) return undefined;
  const code = (data as { code?: unknown }).code;
  return typeof code === "string" ? code : undefined;
}

/**
 * Whether `err` is an error answered by the server, and with `code`, whether it carries that code.
 * Narrows `err` so `err.data.issues` (validation problems) and `err.data.httpStatus` are typed.
 *
 * @example
 * try { await api.clients.byId.query({ id }); }
 * catch (err) { if (isAppError(err, "NOT_FOUND")) return null; throw err; }
 */
export function isAppError(err: unknown, code?: AppErrorCode): err is FotoStudioError {
  const actual = errorCode(err);
  return actual !== undefined && (code === undefined || actual === code);
}
