// The database the children use, as `npm run dev` gets it: DATABASE_URL / DB_SERVERS from the
// environment, or the local MariaDB (tooling/mariadb), and the control database and demo tenants
// it needs (`tenants dev-setup`).
//
// No npm dependencies: this runs before `pnpm install`.

import fs from "node:fs";
import path from "node:path";
import { DEFAULT_PORT, dataDirFor, ensureMariaDBInstalled, repoRoot, startLocalMariaDB } from "../mariadb/local.mjs";
import { BootstrapError, say } from "./children.mjs";

/** `tenants dev-setup`, straight to the db package's CLI. */
export const DEV_SETUP_ARGS = ["--silent", "--filter", "@fotostudio/db", "run", "cli", "dev-setup"];

/** The demo studios' data set, loaded through the API by the server package's `demo` script. */
export const DEMO_DATA_ARGS = ["--silent", "--filter", "@fotostudio/server", "run", "demo"];

/**
 * @typedef {object} DatabaseChoice
 * @property {number} [localPort]  set when the children use the local MariaDB on that port
 */

/**
 * DATABASE_URL / DB_SERVERS from the environment, or a local MariaDB.
 * @param {NodeJS.ProcessEnv} env  the children's environment: DATABASE_URL is set in it
 * @param {{ quiet?: boolean }} [opts]  quiet: say something only when a server was started
 * @returns {Promise<DatabaseChoice>}
 */
export async function ensureDatabase(env, { quiet = false } = {}) {
  if (env.DATABASE_URL || env.DB_SERVERS) {
    if (!quiet) say(`using ${env.DATABASE_URL ? "DATABASE_URL" : "DB_SERVERS"}`);
    return {};
  }
  const port = Number(env.LOCAL_DB_PORT ?? DEFAULT_PORT);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new BootstrapError(`LOCAL_DB_PORT is not a port number: ${env.LOCAL_DB_PORT}`);
  }
  await ensureMariaDBInstalled();
  const db = await startLocalMariaDB({ port });
  env.DATABASE_URL = db.url; // never printed: it holds the password
  if (!quiet || db.started) say(`MariaDB ready on 127.0.0.1:${db.port}`);
  return { localPort: db.port };
}

// ---------------------------------------------------------------------------
// has dev-setup run on this local server since anything it depends on changed?

/** @param {number} port */
const devSetupStamp = (port) => path.join(dataDirFor(port), ".dev-setup");

/** What dev-setup's result depends on: the migrations and the db package's code (seeds). */
const DEV_SETUP_INPUTS = ["drizzle", path.join("packages", "db", "src")];

/**
 * True when `tenants dev-setup` succeeded on the local server on `port` after its data directory
 * was initialised and after the last change to the migrations or the db package.
 * @param {number} port
 */
export function devSetupIsCurrent(port) {
  const stamp = mtimeMs(devSetupStamp(port));
  if (stamp === undefined) return false;
  const initialised = mtimeMs(path.join(dataDirFor(port), ".initialized"));
  if (initialised === undefined || initialised > stamp) return false;
  return DEV_SETUP_INPUTS.every((dir) => newestMtimeMs(path.join(repoRoot, dir)) <= stamp);
}

/** @param {number} port */
export function markDevSetupDone(port) {
  fs.writeFileSync(devSetupStamp(port), `${new Date().toISOString()}\n`);
}

/** @param {string} file @returns {number | undefined} */
function mtimeMs(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

/**
 * Newest mtime of a directory and everything in it (0 when it does not exist).
 * @param {string} dir
 * @returns {number}
 */
function newestMtimeMs(dir) {
  let newest = mtimeMs(dir) ?? 0;
  /** @type {fs.Dirent[]} */
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return newest;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    const m = entry.isDirectory() ? newestMtimeMs(full) : (mtimeMs(full) ?? 0);
    if (m > newest) newest = m;
  }
  return newest;
}
