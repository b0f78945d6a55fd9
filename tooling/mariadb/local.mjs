// A throwaway local MariaDB server built from Debian's packages
// (mariadb-server-core + mariadb-client-core), for development and tests.
//
// No npm dependencies: this runs before `pnpm install`.
//
// Layout, per port: <repoRoot>/.data/mariadb/<port>/
//   data/             the datadir
//   .initialized      written once mariadb-install-db succeeded
//   .lock             held while starting/stopping (O_EXCL, holds the owner's pid)
//   mariadbd.pid      pid of the running server
//   mariadbd.log      the server's error log
//   password          root password (mode 0600, never printed)
//   connection.json   { "url": "mysql://root:<pw>@127.0.0.1:<port>" }
// The unix socket lives at /tmp/fotostudio-mariadb-<port>.sock (socket paths are
// limited to 107 bytes, the repo path may be long).
//
// This file is the public surface (types in local.d.mts); the parts live beside it:
// paths.mjs and ports.mjs (where and on which port), install.mjs (Debian's packages),
// data-dir.mjs (mariadb-install-db), server-process.mjs (start, readiness, stop),
// credentials.mjs (SQL client, root password, connection.json), lock.mjs, system.mjs.

import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { localConnectionUrl, readPassword, setRootPassword, urlFor, writeConnectionJson } from "./credentials.mjs";
import { initialiseDataDir } from "./data-dir.mjs";
import { binaries } from "./install.mjs";
import { acquireLock } from "./lock.mjs";
import { knownPorts, pathsFor } from "./paths.mjs";
import { checkPort, DEFAULT_PORT, portInUse } from "./ports.mjs";
import { isMariadbd, isUpAndReachable, startServer, terminateServer, waitReady } from "./server-process.mjs";
import { readPid, rmQuiet, stderrLine, writeFileAtomic } from "./system.mjs";

export { localConnectionUrl } from "./credentials.mjs";
export { ensureMariaDBInstalled } from "./install.mjs";
export { dataDirFor, knownPorts, repoRoot, socketPathFor } from "./paths.mjs";
export { DEFAULT_PORT } from "./ports.mjs";

/**
 * @typedef {object} StartResult
 * @property {string} url       mysql://root:<password>@127.0.0.1:<port> (contains the password: never print it)
 * @property {number} port
 * @property {string} dataDir   <repoRoot>/.data/mariadb/<port>
 * @property {boolean} started  false when the server was already running
 */

/**
 * @typedef {object} ServerStatus
 * @property {number} port
 * @property {string} dataDir
 * @property {boolean} running   the pid file points at a live mariadbd
 * @property {number} [pid]
 * @property {boolean} initialised
 */

// ---------------------------------------------------------------------------
// status

/**
 * @param {{ port?: number }} [opts]
 * @returns {ServerStatus}
 */
export function localMariaDBStatus({ port = DEFAULT_PORT } = {}) {
  port = checkPort(port);
  const p = pathsFor(port);
  const pid = readPid(p.pid);
  const running = pid !== undefined && isMariadbd(pid);
  return {
    port,
    dataDir: p.dir,
    running,
    ...(running ? { pid } : {}),
    initialised: fs.existsSync(p.initialised),
  };
}

// ---------------------------------------------------------------------------
// start

/**
 * Start (or reuse) the local MariaDB server on `port`. Idempotent; safe to call from
 * several processes at once.
 * @param {{ port?: number }} [opts]
 * @returns {Promise<StartResult>}
 */
export async function startLocalMariaDB({ port = DEFAULT_PORT } = {}) {
  port = checkPort(port);
  const p = pathsFor(port);

  // 1. already running? (the common case: keep it fast, no lock)
  if (await isUpAndReachable(p, port)) {
    const password = /** @type {string} */ (readPassword(p.password));
    const url = urlFor(port, password);
    if (localConnectionUrl(port) !== url) writeConnectionJson(p, url);
    return { url, port, dataDir: p.dir, started: false };
  }

  const bins = binaries();
  fs.mkdirSync(p.dir, { recursive: true });
  const release = await acquireLock(p.lock);
  try {
    // someone else may have started it while we waited for the lock
    if (await isUpAndReachable(p, port)) {
      const url = urlFor(port, /** @type {string} */ (readPassword(p.password)));
      writeConnectionJson(p, url);
      return { url, port, dataDir: p.dir, started: false };
    }

    // a live mariadbd that does not answer: give it the usual time (it may be starting
    // or recovering), then give up rather than start a second one on the same datadir
    const pid = readPid(p.pid);
    if (pid !== undefined && isMariadbd(pid)) {
      const authPassword = await waitReady(p, port, { pid });
      if (authPassword === undefined || !fs.existsSync(p.connection)) await setRootPassword(p, port, authPassword);
      const url = urlFor(port, /** @type {string} */ (readPassword(p.password)));
      writeConnectionJson(p, url);
      return { url, port, dataDir: p.dir, started: false };
    }
    // stale pid file (process gone)
    rmQuiet(p.pid);

    // 2. initialise the datadir
    if (!fs.existsSync(p.initialised)) {
      await initialiseDataDir(p, bins);
    }
    if (!readPassword(p.password)) {
      // initialised but the password file is gone: only recoverable if root has no password yet
      writeFileAtomic(p.password, `${randomBytes(24).toString("hex")}\n`, 0o600);
    }

    // 3. start mariadbd, detached
    if (await portInUse(port)) {
      throw new Error(
        `port ${port} on 127.0.0.1 is already in use by another process (another checkout's MariaDB?); ` +
          "stop it, or pick another port (LOCAL_DB_PORT / --port)",
      );
    }
    const child = startServer(p, port, bins);

    // 4. wait until it answers
    const authPassword = await waitReady(p, port, { child });

    // 5. fresh install (or an interrupted first start: no connection.json yet): set the root
    //    password on every root account
    if (authPassword === undefined || !fs.existsSync(p.connection)) await setRootPassword(p, port, authPassword);

    // 6. connection.json
    const url = urlFor(port, /** @type {string} */ (readPassword(p.password)));
    writeConnectionJson(p, url);
    return { url, port, dataDir: p.dir, started: true };
  } finally {
    release();
  }
}

// ---------------------------------------------------------------------------
// stop

/**
 * Stop the server on `port`: SIGTERM, wait up to 30 s, then SIGKILL.
 * @param {{ port?: number, quiet?: boolean }} [opts]
 * @returns {Promise<{ stopped: boolean, port: number }>}
 */
export async function stopLocalMariaDB({ port = DEFAULT_PORT, quiet = false } = {}) {
  port = checkPort(port);
  const p = pathsFor(port);
  const log = quiet ? () => {} : stderrLine;
  if (!fs.existsSync(p.dir)) {
    log(`› MariaDB on port ${port} is not running`);
    return { stopped: false, port };
  }
  const release = await acquireLock(p.lock);
  try {
    const pid = readPid(p.pid);
    if (pid === undefined || !isMariadbd(pid)) {
      rmQuiet(p.pid);
      log(`› MariaDB on port ${port} is not running`);
      return { stopped: false, port };
    }
    await terminateServer(pid, port, log);
    rmQuiet(p.pid);
    log(`› MariaDB on port ${port} stopped`);
    return { stopped: true, port };
  } finally {
    release();
  }
}

/**
 * Stop every server under <repoRoot>/.data/mariadb/*.
 * @param {{ quiet?: boolean }} [opts]
 * @returns {Promise<number[]>} the ports that were stopped
 */
export async function stopAll({ quiet = false } = {}) {
  const stopped = [];
  for (const port of knownPorts()) {
    const res = await stopLocalMariaDB({ port, quiet: true });
    if (res.stopped) stopped.push(port);
  }
  if (!quiet) {
    stderrLine(stopped.length ? `› stopped MariaDB on port ${stopped.join(", ")}` : "› no local MariaDB was running");
  }
  return stopped;
}
