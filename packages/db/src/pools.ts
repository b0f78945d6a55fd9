import { drizzle } from "drizzle-orm/mysql2";
import { LRUCache } from "lru-cache";
import mysql from "mysql2/promise";
import type { ServerConfig } from "./config.js";
import { DatabaseClient, type Parked } from "./database-client.js";
import * as controlSchema from "./schema/control/index.js";
import * as tenantSchema from "./schema/tenant/index.js";
import type { ControlDatabase, Database } from "./types.js";

export interface PoolStats {
  server: string;
  limit: number;
  open: number;
  idle: number;
  waiting: number;
}

/**
 * One mysql2 pool per database server, sized so that all of them together stay under the
 * process's connection budget; tenants share them. Physical connections therefore grow with the
 * number of servers, never with the number of tenants.
 */
export class ConnectionManager {
  readonly perServerLimit: number;
  private readonly configs: Map<string, ServerConfig>;
  private readonly pools = new Map<string, mysql.Pool>();
  private readonly parked = new Map<string, Parked>();
  private readonly tenantDbs: LRUCache<string, Database>;

  constructor(servers: ServerConfig[], maxConnections: number) {
    this.configs = new Map(servers.map((s) => [s.name, s]));
    this.perServerLimit = Math.max(1, Math.floor(maxConnections / servers.length));
    // Drizzle instances are cheap; the cache only bounds memory when tenants number in the thousands.
    this.tenantDbs = new LRUCache({ max: 20_000 });
  }

  get serverNames(): string[] {
    return [...this.configs.keys()];
  }

  hasServer(name: string): boolean {
    return this.configs.has(name);
  }

  serverConfig(name: string): ServerConfig {
    const config = this.configs.get(name);
    if (!config) throw new Error(`database server "${name}" is not configured in this process (DB_SERVERS)`);
    return config;
  }

  pool(server: string): mysql.Pool {
    let pool = this.pools.get(server);
    if (!pool) {
      const config = this.serverConfig(server);
      pool = mysql.createPool({
        uri: config.url,
        connectionLimit: this.perServerLimit,
        maxIdle: this.perServerLimit,
        idleTimeout: 60_000,
        waitForConnections: true,
        queueLimit: 0,
        connectTimeout: 5_000,
        enableKeepAlive: true,
        timezone: "Z",
        charset: "utf8mb4_unicode_ci",
        supportBigNumbers: true,
        // DECIMAL stays a string: money is never a float (SPEC §4).
        decimalNumbers: false,
        // No stack captured on every query (Error.captureStackTrace, ~3 % of a list read's CPU) to
        // decorate a failure: Drizzle's own query error, raised in the caller's async frames,
        // already says where the statement came from.
        trace: false,
      });
      this.pools.set(server, pool);
    }
    return pool;
  }

  client(server: string, database: string | null): DatabaseClient {
    let parked = this.parked.get(server);
    if (!parked) {
      parked = new Map();
      this.parked.set(server, parked);
    }
    return new DatabaseClient(this.pool(server), database, parked);
  }

  /** The Drizzle instance of one tenant database, created once and reused. */
  tenantDb(server: string, database: string): Database {
    const key = `${server}/${database}`;
    let db = this.tenantDbs.get(key);
    if (!db) {
      db = drizzle({
        // The facade has the pool's shape; Drizzle only calls query/execute/getConnection on it.
        client: this.client(server, database) as unknown as mysql.Pool,
        schema: tenantSchema,
        casing: "snake_case",
        mode: "default",
      });
      this.tenantDbs.set(key, db);
    }
    return db;
  }

  /** The control database; `comment` (query-tag.ts) is appended to every statement it sends. */
  controlDb(server: string, database: string, comment = ""): ControlDatabase {
    return drizzle({
      client: this.client(server, database).tagged(comment) as unknown as mysql.Pool,
      schema: controlSchema,
      casing: "snake_case",
      mode: "default",
    });
  }

  stats(): PoolStats[] {
    return [...this.pools.entries()].map(([server, pool]) => {
      // mysql2 exposes no public counters; these fields are stable across 3.x.
      const core = (pool as unknown as { pool: PoolInternals }).pool;
      return {
        server,
        limit: this.perServerLimit,
        open: core._allConnections.length,
        idle: core._freeConnections.length,
        waiting: core._connectionQueue.length,
      };
    });
  }

  async close(): Promise<void> {
    const pools = [...this.pools.values()];
    for (const parked of this.parked.values()) {
      for (const conn of parked.values()) conn.release();
      parked.clear();
    }
    this.pools.clear();
    this.tenantDbs.clear();
    await Promise.allSettled(pools.map((p) => p.end()));
  }
}

interface PoolInternals {
  _allConnections: { length: number };
  _freeConnections: { length: number };
  _connectionQueue: { length: number };
}
