import type mysql from "mysql2/promise";
import { commentNow, tagStatement } from "./query-tag.js";

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
    /** Appended to every statement (query-tag.ts): the call's procedure and studio. */
    private readonly comment = "",
  ) {}

  /** The same client for one call, its statements tagged with `comment`. */
  tagged(comment: string): DatabaseClient {
    return new DatabaseClient(this.pool, this.database, this.parked, comment);
  }

  /**
   * A connection for a transaction (Drizzle checks one out and sends every statement of the
   * transaction on it): switched to this database, its statements tagged with the call's source.
   */
  async getConnection(): Promise<mysql.PoolConnection> {
    const comment = commentNow(this.comment);
    const conn = await this.checkout();
    return comment ? taggedConnection(conn, comment) : conn;
  }

  // Drizzle calls these without a checked-out connection: borrow one, switched to this database.
  query = (sql: string | mysql.QueryOptions, values?: unknown): Promise<unknown> => {
    const statement = tagStatement(sql, commentNow(this.comment));
    return this.withConnection((conn) => conn.query(statement as string, values as mysql.QueryValues));
  };

  execute = (sql: string | mysql.QueryOptions, values?: unknown): Promise<unknown> => {
    const statement = tagStatement(sql, commentNow(this.comment));
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

export type Parked = Map<string, mysql.PoolConnection>;

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
