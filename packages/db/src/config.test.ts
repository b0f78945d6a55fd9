import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { localConnectionUrl } from "../../../tooling/mariadb/local.mjs";
import { main } from "./cli/main.js";
import { dbConfigFromEnv, findRepoRoot, localServerUrl, parseServers } from "./config.js";
import type { DataLayer } from "./data-layer.js";
import { tenantBySlug } from "./provisioning.js";
import { listTenants } from "./tenant-admin.js";
import { createTestLayer, dropControlDatabase, dropTenant, uniqueSlug } from "./testing.js";

const repo = findRepoRoot() as string;
const URL_A = "mysql://app:s3cret@db-a.internal:3306";
const URL_B = "mysql://app:other@db-b.internal:3307";

/** The issues zod reports for `env`, as `path: message` (what the CLI prints). */
function configIssues(env: NodeJS.ProcessEnv): string[] {
  try {
    dbConfigFromEnv(env);
  } catch (error) {
    if (error instanceof ZodError) return error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw error;
  }
  throw new Error("the configuration was accepted");
}

describe("dbConfigFromEnv", () => {
  it("DATABASE_URL alone is one server called primary, with the documented defaults", () => {
    expect(dbConfigFromEnv({ DATABASE_URL: URL_A })).toEqual({
      servers: [{ name: "primary", url: URL_A }],
      controlDatabase: "fotostudio_control",
      maxConnections: 50,
      registryTtlMs: 30_000,
      registryMax: 10_000,
      migrationsDir: { control: join(repo, "drizzle", "control"), tenant: join(repo, "drizzle", "tenant") },
    });
  });

  it("DB_SERVERS names several servers in order (the first holds the control database) and wins over DATABASE_URL", () => {
    const config = dbConfigFromEnv({
      DATABASE_URL: "mysql://ignored@elsewhere:3306",
      DB_SERVERS: ` primary=${URL_A} , ,second-2=${URL_B},`,
    });
    expect(config.servers).toEqual([
      { name: "primary", url: URL_A },
      { name: "second-2", url: URL_B },
    ]);
  });

  it("reads the numeric settings, the control database name and the migrations folder", () => {
    const config = dbConfigFromEnv({
      DATABASE_URL: URL_A,
      DB_MAX_CONNECTIONS: "12",
      TENANT_CACHE_TTL_MS: "0",
      TENANT_CACHE_MAX: "5",
      CONTROL_DATABASE: "fs_control_2",
      MIGRATIONS_DIR: "/srv/release-42/drizzle",
    });
    expect(config).toMatchObject({
      maxConnections: 12,
      registryTtlMs: 0,
      registryMax: 5,
      controlDatabase: "fs_control_2",
      migrationsDir: { control: "/srv/release-42/drizzle/control", tenant: "/srv/release-42/drizzle/tenant" },
    });
  });

  it("refuses bad values, naming the variable and never echoing it", () => {
    const env = { DATABASE_URL: URL_A };
    expect(configIssues({ ...env, DB_MAX_CONNECTIONS: "1" })).toEqual([
      "DB_MAX_CONNECTIONS: Too small: expected number to be >=2",
    ]);
    expect(configIssues({ ...env, DB_MAX_CONNECTIONS: "lots" })).toEqual([
      "DB_MAX_CONNECTIONS: Invalid input: expected number, received NaN",
    ]);
    expect(configIssues({ ...env, DB_MAX_CONNECTIONS: "7.5" })[0]).toMatch(/^DB_MAX_CONNECTIONS: .*expected int/);
    expect(configIssues({ ...env, CONTROL_DATABASE: "Control-DB" })[0]).toMatch(/^CONTROL_DATABASE: /);
    expect(configIssues({ ...env, TENANT_CACHE_TTL_MS: "-1" })[0]).toMatch(/^TENANT_CACHE_TTL_MS: /);
  });

  it("regression: refuses a DATABASE_URL without a host (mysql2 would quietly use localhost)", () => {
    for (const bad of ["db-a.internal:3306", "app:s3cret@db-a.internal", "mysql:///fotostudio", "not a url"]) {
      expect(configIssues({ DATABASE_URL: bad }), bad).toEqual([
        "DATABASE_URL: expected mysql://user:password@host:port",
      ]);
    }
  });

  it("without DATABASE_URL or DB_SERVERS, uses the local MariaDB if it runs, else says what to set", () => {
    expect(() => dbConfigFromEnv({ LOCAL_DB_PORT: "1" })).toThrow(
      "No database configured: set DATABASE_URL (or DB_SERVERS), or start the local MariaDB with `npm run db:start`.",
    );
    const port = Number(process.env.LOCAL_DB_PORT ?? 3307);
    if (existsSync(join(repo, ".data", "mariadb", String(port), "connection.json"))) {
      expect(localServerUrl(port)).toBe(localConnectionUrl(port));
      expect(dbConfigFromEnv({ LOCAL_DB_PORT: String(port) }).servers).toEqual([
        { name: "primary", url: localConnectionUrl(port) },
      ]);
    }
  });
});

describe("parseServers", () => {
  it("refuses malformed entries with a message that shows the expected shape, never the URL", () => {
    const shape = "DB_SERVERS entries look like name=mysql://user:password@host:port";
    expect(() => parseServers(URL_A)).toThrow(shape);
    expect(() => parseServers(`=${URL_A}`)).toThrow(shape);
    expect(() => parseServers(`Primary=${URL_A}`)).toThrow('DB_SERVERS: bad server name "Primary"');
    expect(() => parseServers(`9lives=${URL_A}`)).toThrow('DB_SERVERS: bad server name "9lives"');
    expect(() => dbConfigFromEnv({ DB_SERVERS: " , " })).toThrow("DB_SERVERS names no server");
  });

  it("regression: refuses a server without a valid URL, and a name given twice", () => {
    let message = "";
    try {
      parseServers(`primary=${URL_A},second=app:s3cret@db-b.internal`);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe('DB_SERVERS: server "second" has no valid URL (mysql://user:password@host:port)');
    expect(message).not.toContain("s3cret");
    // Before: accepted, and the second URL silently replaced the first (the control server's).
    expect(() => parseServers(`primary=${URL_A},primary=${URL_B}`)).toThrow(
      'DB_SERVERS: server "primary" is named twice',
    );
  });
});

describe("findRepoRoot", () => {
  it("finds the folder holding pnpm-workspace.yaml from anywhere below it, and nothing outside", () => {
    expect(existsSync(join(repo, "pnpm-workspace.yaml"))).toBe(true);
    expect(findRepoRoot(join(repo, "packages", "db", "src", "cli"))).toBe(repo);
    expect(findRepoRoot(repo)).toBe(repo);
    expect(findRepoRoot(tmpdir())).toBeUndefined();
  });

  it("started from outside the repository (the built server), still finds it and its migrations", () => {
    const cwd = process.cwd();
    process.chdir(tmpdir());
    try {
      expect(findRepoRoot()).toBe(repo);
      expect(dbConfigFromEnv({ DATABASE_URL: URL_A }).migrationsDir.tenant).toBe(join(repo, "drizzle", "tenant"));
    } finally {
      process.chdir(cwd);
    }
  });
});

describe("DB_SERVERS with the tenants CLI", () => {
  // Two server names on the one local server: placement and --server work on names.
  let layer: DataLayer;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    const url = dbConfigFromEnv().servers[0]?.url as string;
    const controlDatabase = `fotostudio_control_cfg_${randomBytes(4).toString("hex")}`;
    const servers = [
      { name: "main", url },
      { name: "spare", url },
    ];
    layer = await createTestLayer({ servers, controlDatabase });
    env = {
      ...process.env,
      DATABASE_URL: undefined,
      DB_SERVERS: servers.map((s) => `${s.name}=${s.url}`).join(","),
      CONTROL_DATABASE: controlDatabase,
    };
  });

  afterAll(async () => {
    for (const t of await listTenants(layer)) await dropTenant(layer, t.slug);
    await dropControlDatabase(layer);
    await layer.close();
  });

  const run = (...argv: string[]) =>
    main(argv, {
      out: () => {},
      err: (line) => {
        throw new Error(line);
      },
      env,
    });

  it("places new tenants on the server with the fewest (ties: the first); --server picks one", async () => {
    const slugs = Array.from({ length: 4 }, () => uniqueSlug("cfg"));
    expect(await run("create", slugs[0] as string, "--name", "Uno")).toBe(0);
    expect(await run("create", slugs[1] as string, "--name", "Dos")).toBe(0);
    expect(await run("create", slugs[2] as string, "--name", "Tres", "--server", "spare")).toBe(0);
    expect(await run("create", slugs[3] as string, "--name", "Cuatro")).toBe(0);
    const servers = await Promise.all(slugs.map(async (s) => (await tenantBySlug(layer, s))?.serverName));
    expect(servers).toEqual(["main", "spare", "spare", "main"]);
  });
});
