import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

export interface ServerConfig {
  /** Stable name, stored in `db_servers.name`; the URL (with its password) stays in the env. */
  name: string;
  url: string;
}

export interface DbConfig {
  servers: ServerConfig[];
  controlDatabase: string;
  /** Physical connections this process may hold across every database server. */
  maxConnections: number;
  registryTtlMs: number;
  registryMax: number;
  migrationsDir: { control: string; tenant: string };
}

const SERVER_URL_SHAPE = "mysql://user:password@host:port";
/** mysql2 ignores the scheme and quietly uses localhost when a URL has no host: refuse those. */
const isServerUrl = (value: string) => URL.canParse(value) && new URL(value).hostname !== "";

const envSchema = z.object({
  DATABASE_URL: z.string().refine(isServerUrl, `expected ${SERVER_URL_SHAPE}`).optional(),
  DB_SERVERS: z.string().optional(),
  DB_MAX_CONNECTIONS: z.coerce.number().int().min(2).default(50),
  CONTROL_DATABASE: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,63}$/)
    .default("fotostudio_control"),
  TENANT_CACHE_TTL_MS: z.coerce.number().int().min(0).default(30_000),
  TENANT_CACHE_MAX: z.coerce.number().int().min(1).default(10_000),
  LOCAL_DB_PORT: z.coerce.number().int().default(3307),
  MIGRATIONS_DIR: z.string().optional(),
});

/**
 * The repository root: the nearest folder up from `from` holding pnpm-workspace.yaml. By default
 * searched from the working directory, then from this code's own location (the built server may
 * be started from anywhere).
 */
export function findRepoRoot(from?: string): string | undefined {
  if (from === undefined)
    return findRepoRoot(process.cwd()) ?? findRepoRoot(fileURLToPath(new URL(".", import.meta.url)));
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, "pnpm-workspace.yaml"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** The URL the local MariaDB (tooling/mariadb) wrote when it started, if there is one. */
export function localServerUrl(port: number): string | undefined {
  const root = findRepoRoot();
  if (!root) return undefined;
  const file = join(root, ".data", "mariadb", String(port), "connection.json");
  if (!existsSync(file)) return undefined;
  return z.object({ url: z.string() }).parse(JSON.parse(readFileSync(file, "utf8"))).url;
}

/**
 * `DB_SERVERS=primary=mysql://u:p@h1:3306,second=mysql://u:p@h2:3306` names several servers;
 * `DATABASE_URL` alone is one server called `primary`. The first server holds the control database.
 */
export function parseServers(value: string): ServerConfig[] {
  const servers = value
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const eq = part.indexOf("=");
      if (eq <= 0) throw new Error("DB_SERVERS entries look like name=mysql://user:password@host:port");
      const name = part.slice(0, eq);
      if (!/^[a-z][a-z0-9_-]{0,63}$/.test(name)) throw new Error(`DB_SERVERS: bad server name "${name}"`);
      const url = part.slice(eq + 1);
      // Never echo the value: it carries the server's password.
      if (!isServerUrl(url)) throw new Error(`DB_SERVERS: server "${name}" has no valid URL (${SERVER_URL_SHAPE})`);
      return { name, url };
    });
  // A repeated name would silently keep the last URL, moving the control database off the first.
  const seen = new Set<string>();
  for (const { name } of servers) {
    if (seen.has(name)) throw new Error(`DB_SERVERS: server "${name}" is named twice`);
    seen.add(name);
  }
  return servers;
}

export function dbConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DbConfig {
  const parsed = envSchema.parse(env);
  let servers: ServerConfig[];
  if (parsed.DB_SERVERS) servers = parseServers(parsed.DB_SERVERS);
  else if (parsed.DATABASE_URL) servers = [{ name: "primary", url: parsed.DATABASE_URL }];
  else {
    const url = localServerUrl(parsed.LOCAL_DB_PORT);
    if (!url) {
      throw new Error(
        "No database configured: set DATABASE_URL (or DB_SERVERS), or start the local MariaDB with `npm run db:start`.",
      );
    }
    servers = [{ name: "primary", url }];
  }
  if (servers.length === 0) throw new Error("DB_SERVERS names no server");
  const root = findRepoRoot() ?? process.cwd();
  const migrations = parsed.MIGRATIONS_DIR ?? join(root, "drizzle");
  return {
    servers,
    controlDatabase: parsed.CONTROL_DATABASE,
    maxConnections: parsed.DB_MAX_CONNECTIONS,
    registryTtlMs: parsed.TENANT_CACHE_TTL_MS,
    registryMax: parsed.TENANT_CACHE_MAX,
    migrationsDir: { control: join(migrations, "control"), tenant: join(migrations, "tenant") },
  };
}
