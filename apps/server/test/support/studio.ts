import { type DataLayer, SYSTEM_ROLES, type TenantRecord } from "@fotostudio/db";
import { createTestTenant, createTestUser, dropTenant, TEST_PASSWORD } from "@fotostudio/db/testing";
import { type ClientOptions, createClient, type FotoStudioClient } from "@fotostudio/sdk";
import { test } from "vitest";
import type { Env } from "../../src/env.js";
import { type Operator, openOperator } from "./operator.js";
import { getWithHost, type HttpOptions, http, login, startServer, type TestServer } from "./server.js";

export { OPERATOR_PASSWORD, type Operator, openOperator } from "./operator.js";

// The one harness of the end-to-end tests: a real server on a random port over the real database,
// a fresh tenant in it with one logged-in user per default role, and REST and SDK callers bound to
// both. Everything it opens is AsyncDisposable: `await using studio = await openStudio()` (or the
// file-scoped fixture of `studioTest()`) drops the tenants and closes the server however a test ends.

/** The default roles every tenant is seeded with (owner, manager, sales, production, viewer). */
export const DEFAULT_ROLES = SYSTEM_ROLES.map((r) => r.key);
export type DefaultRole = (typeof DEFAULT_ROLES)[number];

export type EnvOverrides = Partial<Record<keyof Env, string>>;
/** A REST (or any HTTP) call with the tenant, and the token, already filled in; `opts` override both. */
export type Http = (method: string, path: string, opts?: HttpOptions) => ReturnType<typeof http>;
export type TenantDb = ReturnType<DataLayer["tenantDb"]>;

export interface StudioUser {
  role: DefaultRole;
  email: string;
  password: string;
  id: number;
  /** The access token of the login made when the tenant opened. */
  token: string;
  /** Calls as this user (Bearer `token`) in this tenant. */
  http: Http;
  /** The typed SDK client, as this user (Bearer `token`) in this tenant. */
  sdk: FotoStudioClient;
  /** Logs in again: a new session's access token. */
  login(): Promise<string>;
}

export interface StudioTenant extends AsyncDisposable {
  record: TenantRecord;
  slug: string;
  /** The tenant's Drizzle instance, for checks a client cannot make. */
  db: TenantDb;
  /** `owner@<slug>.test`, `manager@<slug>.test`, … (password TEST_PASSWORD), each logged in once. */
  users: Record<DefaultRole, StudioUser>;
  owner: StudioUser;
  /** Calls in this tenant without a token. */
  http: Http;
  /** An SDK client for this tenant (no token unless the options give one). */
  sdk(options?: Partial<ClientOptions>): FotoStudioClient;
  /** Logs a user of this tenant in over REST; the access token. */
  login(email: string, password?: string): Promise<string>;
}

export interface Studio extends StudioTenant {
  server: TestServer;
  url: string;
  layer: DataLayer;
  /** Every log line the server wrote, parsed. */
  logs: Record<string, unknown>[];
  /** Calls with no tenant and no token (the platform's routes). */
  platformHttp: Http;
  /** Another tenant on the same server (its own users per role); dropped with the studio at the latest. */
  openTenant(): Promise<StudioTenant>;
  /** A platform operator (control database), logged in; deleted with the studio at the latest. */
  openOperator(password?: string): Promise<Operator>;
  /** Drops, with the studio, a tenant made by a test itself (through the API or the CLI). */
  adopt(slug: string): void;
  /** Runs `cleanup` when the studio closes (last registered, first run). */
  defer(cleanup: () => unknown): void;
  /** A GET through node:http with a Host header of the caller's choice. */
  getWithHost(path: string, host: string, headers?: Record<string, string>): ReturnType<typeof getWithHost>;
}

export interface StudioOptions {
  /** Settings of the server (CORS_ORIGINS, BASE_DOMAIN, …) over the test defaults. */
  env?: EnvOverrides;
  /** Serve over this data layer (left open) instead of a new one (closed with the studio). */
  layer?: DataLayer;
}

/** Cleanups run last-in, first-out; every one runs, and the first failure is rethrown. */
class Cleanups {
  private readonly stack: (() => unknown)[] = [];
  add(cleanup: () => unknown) {
    this.stack.push(cleanup);
  }
  async run() {
    let failure: unknown;
    for (let cleanup = this.stack.pop(); cleanup; cleanup = this.stack.pop()) {
      try {
        await cleanup();
      } catch (error) {
        failure ??= error;
      }
    }
    if (failure) throw failure;
  }
}

/** A fresh tenant on `server` with one logged-in user per default role. */
export async function openTenant(server: TestServer): Promise<StudioTenant> {
  const record = await createTestTenant(server.layer);
  const slug = record.slug;
  let dropped: Promise<void> | undefined;
  const drop = () => {
    dropped ??= dropTenant(server.layer, slug);
    return dropped;
  };
  try {
    const signIn = (email: string, password = TEST_PASSWORD) => login(server.url, slug, email, password);
    const bind =
      (token?: string): Http =>
      (method, path, opts = {}) =>
        http(server.url, method, path, { tenant: slug, token, ...opts });
    const sdk = (options: Partial<ClientOptions> = {}) => createClient({ url: server.url, tenant: slug, ...options });

    const userOf = async (role: DefaultRole): Promise<[DefaultRole, StudioUser]> => {
      const { email, password } =
        role === "owner"
          ? { email: `owner@${slug}.test`, password: TEST_PASSWORD }
          : await createTestUser(server.layer, slug, role);
      const res = await http(server.url, "POST", "/api/auth/login/", { tenant: slug, body: { email, password } });
      if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
      const token: string = res.body.access;
      const user: StudioUser = {
        role,
        email,
        password,
        id: res.body.user.id,
        token,
        http: bind(token),
        sdk: sdk({ token }),
        login: () => signIn(email, password),
      };
      return [role, user];
    };
    const users = Object.fromEntries(await Promise.all(DEFAULT_ROLES.map(userOf))) as Record<DefaultRole, StudioUser>;

    return {
      record,
      slug,
      db: server.layer.tenantDb(record),
      users,
      owner: users.owner,
      http: bind(),
      sdk,
      login: signIn,
      [Symbol.asyncDispose]: drop,
    };
  } catch (error) {
    await drop();
    throw error;
  }
}

/** The real server (random port, real database, logs in memory) and a fresh tenant in it. */
export async function openStudio(options: StudioOptions = {}): Promise<Studio> {
  const cleanups = new Cleanups();
  const server = await startServer(options.env, options.layer);
  cleanups.add(() => server.close());
  try {
    const tenant = await openTenant(server);
    cleanups.add(() => tenant[Symbol.asyncDispose]());
    return {
      ...tenant,
      server,
      url: server.url,
      layer: server.layer,
      logs: server.logs,
      platformHttp: (method, path, opts) => http(server.url, method, path, opts),
      async openTenant() {
        const other = await openTenant(server);
        cleanups.add(() => other[Symbol.asyncDispose]());
        return other;
      },
      async openOperator(password?: string) {
        const operator = await openOperator(server, password);
        cleanups.add(() => operator[Symbol.asyncDispose]());
        return operator;
      },
      adopt: (slug) => cleanups.add(() => dropTenant(server.layer, slug)),
      defer: (cleanup) => cleanups.add(cleanup),
      getWithHost: (path, host, headers) => getWithHost(server.url, path, host, headers),
      [Symbol.asyncDispose]: () => cleanups.run(),
    };
  } catch (error) {
    await cleanups.run();
    throw error;
  }
}

/**
 * `it` with file-scoped fixtures, each made on first use and closed after the file's last test:
 * - `studio`: `openStudio(options)`, one server and tenant for the whole file;
 * - `other`: a second tenant on the same server (for isolation checks);
 * - `operator`: a logged-in platform operator.
 * A test that needs a tenant of its own opens one: `await using t = await studio.openTenant()`.
 */
export function studioTest(options: StudioOptions = {}) {
  return test.extend<{ $file: { studio: Studio; other: StudioTenant; operator: Operator } }>({
    studio: [
      // biome-ignore lint/correctness/noEmptyPattern: vitest reads which fixtures a fixture needs from this pattern
      async ({}, use) => {
        await using studio = await openStudio(options);
        await use(studio);
      },
      { scope: "file" },
    ],
    other: [
      async ({ studio }, use) => {
        await using other = await studio.openTenant();
        await use(other);
      },
      { scope: "file" },
    ],
    operator: [
      async ({ studio }, use) => {
        await using operator = await studio.openOperator();
        await use(operator);
      },
      { scope: "file" },
    ],
  });
}
