import { drizzle } from "drizzle-orm/mysql2";
import { LRUCache } from "lru-cache";
import mysql from "mysql2/promise";
import type { ServerConfig } from "./config.js";
import { queryComment, tagStatement } from "./query-tag.js";
import * as controlSchema from "./schema/control/index.js";
import * as tenantSchema from "./schema/tenant/index.js";
import type { ControlDatabase, Database } from "./types.js";

type Core = mysql.PoolConnection["connection"];

/** The database each physical connection is switched to; kept on the core connection object. */
const currentDatabase = new WeakMap<Core, string>();

/**
 * What a tenant's Drizzle instance talks to: the server's shared pool, seen through one database.
 * Drizzle's mysql2 driver accepts any object with `query`, `execute` and `getConnection` (one with
 * `getConnection` counts as a pool, and transactions check a connection out of it), so every
 * statement runs on a connection that was switched to this database first.
 */
export class DatabaseClient {
  constructor(
    private readonly pool: mysql.Pool,
    /** null: a server-level client (CREATE DATABASE and friends). */
    readonly database: string | null,
    /** Connections just released, still switched to a database, per database (shared per pool). */
    private readonly parked: Parked = new Map(),
  ) {}

  /**
   * A connection for a transaction (Drizzle checks one out and sends every statement of the
   * transaction on it): switched to this database, its statements tagged with the call's source.
   */
  async getConnection(): Promise<mysql.PoolConnection> {
    const conn = await this.checkout();
    const comment = queryComment();
    return comment ? taggedConnection(conn, comment) : conn;
  }

  // Drizzle calls these without a checked-out connection: borrow one, switched to this database.
  query = (sql: string | mysql.QueryOptions, values?: unknown): Promise<unknown> => {
    const statement = tagStatement(sql, queryComment());
    return this.withConnection((conn) => conn.query(statement as string, values as mysql.QueryValues));
  };

  execute = (sql: string | mysql.QueryOptions, values?: unknown): Promise<unknown> => {
    const statement = tagStatement(sql, queryComment());
    return this.withConnection((conn) => conn.execute(statement as string, values as mysql.ExecuteValues));
  };

  private async checkout(): Promise<mysql.PoolConnection> {
    if (this.database !== null) {
      const held = this.parked.get(this.database);
      if (held) {
        this.parked.delete(this.database);
        return held;
      }
    }
    const conn = await this.pool.getConnection();
    const core = conn.connection;
    if (this.database === null) {
      // Server-level statements can change the session's database behind our back (DROP DATABASE
      // of the current one leaves it with none): forget it, so the next tenant checkout switches.
      currentDatabase.delete(core);
      return conn;
    }
    if (currentDatabase.get(core) !== this.database) {
      try {
        await conn.query("USE ??", [this.database]);
      } catch (error) {
        conn.release();
        throw error;
      }
      currentDatabase.set(core, this.database);
    }
    return conn;
  }

  private async withConnection<T>(fn: (conn: mysql.PoolConnection) => Promise<T>): Promise<T> {
    const conn = await this.checkout();
    let result: T;
    try {
      result = await fn(conn);
    } catch (error) {
      conn.release();
      throw error;
    }
    this.park(conn);
    return result;
  }

  /**
   * A request's statements come one after another (session, page, count): the next one of this
   * database, sent before the event loop turns, takes the connection its predecessor used, already
   * switched here. With many studios on few connections a pooled connection is almost never in
   * the right database, so this saves a `USE` round trip per statement after the first. Parked
   * for one turn of the loop at most (setImmediate), then back in the pool; one per database.
   */
  private park(conn: mysql.PoolConnection): void {
    const database = this.database;
    if (database === null || this.parked.has(database)) {
      conn.release();
      return;
    }
    this.parked.set(database, conn);
    setImmediate(() => {
      if (this.parked.get(database) !== conn) return;
      this.parked.delete(database);
      conn.release();
    });
  }
}

type Parked = Map<string, mysql.PoolConnection>;

/** The connection as Drizzle sees it inside a transaction: query and execute append the comment. */
function taggedConnection(conn: mysql.PoolConnection, comment: string): mysql.PoolConnection {
  return new Proxy(conn, {
    get(target, prop) {
      if (prop === "query" || prop === "execute") {
        const method = target[prop] as (sql: string | mysql.QueryOptions, values?: unknown) => unknown;
        return (sql: string | mysql.QueryOptions, values?: unknown) =>
          method.call(target, tagStatement(sql, comment), values);
      }
      const value = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

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

  controlDb(server: string, database: string): ControlDatabase {
    return drizzle({
      client: this.client(server, database) as unknown as mysql.Pool,
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
