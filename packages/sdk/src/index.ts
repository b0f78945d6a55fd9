import type { AppErrorCode, AppRouter, Issue } from "@fotostudio/api";
import { createTRPCClient, httpBatchLink, splitLink, type TRPCClient, type TRPCClientError } from "@trpc/client";
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
  /**
   * Called when a request that carried a token answers 401 `UNAUTHORIZED` (the access token has
   * expired or was revoked): return a new access token, usually from {@link refreshSession}, and
   * the request is sent again once with it (keep it where `getToken` reads it, for the next ones);
   * return `null`/`undefined`, or throw, to let the call fail with `UNAUTHORIZED`.
   * Concurrent failures share one call, so a refresh token is never presented twice (which would
   * revoke the session). Not called for `auth.login` and `auth.refresh` themselves.
   */
  onUnauthorized?: () => Promise<string | null | undefined>;
  /** A `fetch` implementation to use instead of the global one (tests, older runtimes). */
  fetch?: typeof globalThis.fetch;
  /** Extra headers for every request. The tenant and token headers above take precedence. */
  headers?: Record<string, string>;
}

/**
 * Creates a typed client for one studio. Calls made in the same tick are batched into one request.
 *
 * @example
 * const api = createClient({ url: "http://127.0.0.1:3000", tenant: "demo", token: session.access });
 * const page = await api.clients.list.query({ page: 1 });
 */
export function createClient(options: ClientOptions): FotoStudioClient {
  const { tenant, token, getToken, headers } = options;
  const currentToken = async () => (getToken ? await getToken() : token);
  const link = (methodOverride?: "POST") =>
    httpBatchLink({
      ...(methodOverride ? { methodOverride } : {}),
      url: `${options.url.replace(/\/+$/, "")}/trpc`,
      transformer: superjson,
      ...(options.fetch || options.onUnauthorized
        ? {
            fetch: renewingFetch(
              options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
              currentToken,
              options.onUnauthorized,
            ),
          }
        : {}),
      async headers() {
        const bearer = await currentToken();
        return {
          ...headers,
          "X-Tenant-ID": tenant,
          ...(bearer ? { Authorization: `Bearer ${bearer}` } : {}),
        };
      },
    });
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === "query" && POSTED_QUERIES.has(op.path),
        true: link("POST"),
        false: link(),
      }),
    ],
  });
}

/**
 * Reads whose input can outgrow a URL (a quote of many lines): sent by POST, which the server
 * allows for queries. Every other query stays a GET.
 */
const POSTED_QUERIES = new Set(["orders.quote"]);

// The procedures that never take a session: a 401 from them is a wrong password or refresh token.
const SESSIONLESS = /\/trpc\/(?:[^?]*,)?auth\.(?:login|refresh)(?:[,?]|$)/;

/** `fetch` that, on a 401 to a request sent with a token, gets a new token once and resends. */
function renewingFetch(
  fetch: typeof globalThis.fetch,
  currentToken: () => Promise<string | null | undefined>,
  onUnauthorized: ClientOptions["onUnauthorized"],
): typeof globalThis.fetch {
  if (!onUnauthorized) return fetch;
  let renewing: Promise<string | null | undefined> | undefined;
  return async (input, init) => {
    const response = await fetch(input, init);
    const sent = new Headers(init?.headers).get("authorization")?.replace(/^Bearer\s+/i, "");
    if (response.status !== 401 || !sent || SESSIONLESS.test(String(input))) return response;
    // Another request may have renewed the token while this one was in flight: use that one.
    const latest = await currentToken();
    let renewed: string | null | undefined = latest && latest !== sent ? latest : undefined;
    if (!renewed) {
      renewing ??= onUnauthorized().finally(() => {
        renewing = undefined;
      });
      renewed = await renewing.catch(() => undefined);
    }
    if (!renewed) return response;
    const retryHeaders = new Headers(init?.headers);
    retryHeaders.set("authorization", `Bearer ${renewed}`);
    return fetch(input, { ...init, headers: retryHeaders });
  };
}

/** What `auth.login` and `auth.refresh` answer: a token pair and the user's profile. */
export type LoginResult = RouterOutputs["auth"]["login"];

export interface LoginOptions {
  /** Origin of the API server (as for {@link createClient}). */
  url: string;
  /** The studio's slug. */
  tenant: string;
  email: string;
  password: string;
  fetch?: typeof globalThis.fetch;
}

/**
 * Logs in and returns `{ access, refresh, expiresAt, user }`. Keep the pair: send `access` as the
 * client's token and trade `refresh` for a new pair with {@link refreshSession} when it stops
 * working. Wrong credentials throw `UNAUTHORIZED`; too many failures `RATE_LIMITED`.
 *
 * @example
 * let session = await login({ url, tenant: "demo", email, password });
 * const api = createClient({
 *   url,
 *   tenant: "demo",
 *   getToken: () => session.access,
 *   async onUnauthorized() {
 *     session = await refreshSession({ url, tenant: "demo", refresh: session.refresh });
 *     return session.access; // a refresh that fails (session revoked) throws: back to the login screen
 *   },
 * });
 */
export function login(options: LoginOptions): Promise<LoginResult> {
  const { email, password, ...rest } = options;
  return createClient(rest).auth.login.mutate({ email, password });
}

/**
 * Trades a refresh token for a new pair (`auth.refresh`). Each refresh token works once: presenting
 * it again revokes the whole session, so call this once per pair (the client's `onUnauthorized`
 * already shares one call between concurrent requests).
 */
export function refreshSession(options: {
  url: string;
  tenant: string;
  refresh: string;
  fetch?: typeof globalThis.fetch;
}): Promise<LoginResult> {
  const { refresh, ...rest } = options;
  return createClient(rest).auth.refresh.mutate({ refresh });
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

/**
 * The bytes of a file a procedure answers (`reports.exportFile`, `orders.pdf`, `contracts.pdf`):
 * tRPC carries them base64-encoded. In a browser, `new Blob([fileBytes(file)], { type:
 * file.contentType })` makes it downloadable under `file.fileName`.
 */
export function fileBytes(file: { base64: string }): Uint8Array {
  const binary = atob(file.base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
