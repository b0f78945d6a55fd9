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

import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Absolute path of the repository root (two directories up from this file). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Default port of the local development server. */
export const DEFAULT_PORT = 3307;

const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 30_000;
const LOCK_TIMEOUT_MS = 120_000;
const LOCK_STALE_MS = 180_000;

const NOT_INSTALLED_MESSAGE =
  "MariaDB is not installed. Install Debian's mariadb-server-core and mariadb-client-core " +
  "(sudo apt-get install mariadb-server-core mariadb-client-core), " +
  "or set DATABASE_URL to a MySQL 8 / MariaDB 10.11+ server.";

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

/** @param {string} msg */
const stderrLine = (msg) => process.stderr.write(`${msg}\n`);

// ---------------------------------------------------------------------------
// paths

/** @param {number} [port] */
export function dataDirFor(port = DEFAULT_PORT) {
  return path.join(repoRoot, ".data", "mariadb", String(port));
}

/** @param {number} [port] */
export function socketPathFor(port = DEFAULT_PORT) {
  return `/tmp/fotostudio-mariadb-${port}.sock`;
}

/** @param {number} port */
function pathsFor(port) {
  const dir = dataDirFor(port);
  return {
    dir,
    data: path.join(dir, "data"),
    initialised: path.join(dir, ".initialized"),
    lock: path.join(dir, ".lock"),
    pid: path.join(dir, "mariadbd.pid"),
    log: path.join(dir, "mariadbd.log"),
    password: path.join(dir, "password"),
    connection: path.join(dir, "connection.json"),
    socket: socketPathFor(port),
  };
}

/** @param {unknown} port */
function checkPort(port) {
  const n = Number(port);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new Error(`invalid port: ${String(port)}`);
  return n;
}

// ---------------------------------------------------------------------------
// small helpers

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** @param {string} file */
function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * Find an executable on PATH, then in the given fallback directories.
 * @param {string} name
 * @param {string[]} [fallbackDirs]
 * @returns {string | undefined}
 */
function which(name, fallbackDirs = []) {
  const dirs = (process.env.PATH ?? "").split(path.delimiter).filter(Boolean);
  for (const dir of [...dirs, ...fallbackDirs]) {
    const candidate = path.join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

const findMariadbd = () => which("mariadbd", ["/usr/sbin", "/usr/local/sbin"]);
const findClient = () => which("mariadb", ["/usr/bin", "/usr/local/bin"]);
const findInstallDb = () => which("mariadb-install-db", ["/usr/bin", "/usr/local/bin"]);

/** @returns {{ mariadbd: string, client: string, installDb: string }} */
function binaries() {
  const mariadbd = findMariadbd();
  const client = findClient();
  const installDb = findInstallDb();
  if (!mariadbd || !client || !installDb) throw new Error(NOT_INSTALLED_MESSAGE);
  return { mariadbd, client, installDb };
}

/**
 * Run a command, capturing its output.
 * @param {string} cmd
 * @param {string[]} args
 * @param {{ input?: string, env?: NodeJS.ProcessEnv, timeoutMs?: number }} [opts]
 * @returns {Promise<{ code: number | null, stdout: string, stderr: string, error?: Error }>}
 */
function run(cmd, args, opts = {}) {
  return new Promise((resolve) => {
    /** @type {import('node:child_process').ChildProcess} */
    let child;
    try {
      child = spawn(cmd, args, {
        stdio: ["pipe", "pipe", "pipe"],
        env: opts.env ?? process.env,
      });
    } catch (error) {
      resolve({ code: null, stdout: "", stderr: "", error: /** @type {Error} */ (error) });
      return;
    }
    let stdout = "";
    let stderr = "";
    /** @type {NodeJS.Timeout | undefined} */
    let timer;
    child.stdout?.setEncoding("utf8").on("data", (d) => (stdout += d));
    child.stderr?.setEncoding("utf8").on("data", (d) => (stderr += d));
    child.stdin?.on("error", () => {}); // EPIPE when the child exits early
    child.on("error", (error) => {
      clearTimeout(timer);
      resolve({ code: null, stdout, stderr, error });
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    if (opts.timeoutMs) {
      timer = setTimeout(() => child.kill("SIGKILL"), opts.timeoutMs);
    }
    child.stdin?.end(opts.input ?? "");
  });
}

/**
 * Does something accept TCP connections on 127.0.0.1:port?
 * @param {number} port
 * @returns {Promise<boolean>}
 */
function portInUse(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    const done = (/** @type {boolean} */ inUse) => {
      socket.destroy();
      resolve(inUse);
    };
    socket.setTimeout(1_000, () => done(true));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

/** @param {string} file @param {number} [lines] */
function tail(file, lines = 12) {
  try {
    const text = fs.readFileSync(file, "utf8").trimEnd();
    return text.split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

/** @param {number} pid */
function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return /** @type {NodeJS.ErrnoException} */ (error).code === "EPERM";
  }
}

/** Is `pid` a live mariadbd (guards against pid reuse)? @param {number} pid */
function isMariadbd(pid) {
  if (!isAlive(pid)) return false;
  try {
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // state field follows the "(comm)"; Z = zombie
    const state = stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
    if (state === "Z") return false;
    return /mariadbd|mysqld/.test(cmdline.split("\0")[0] ?? "");
  } catch {
    return true; // no /proc: trust kill(0)
  }
}

/** @param {string} file @returns {number | undefined} */
function readPid(file) {
  try {
    const pid = Number.parseInt(fs.readFileSync(file, "utf8").trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** @param {string} file @returns {string | undefined} */
function readPassword(file) {
  try {
    const pw = fs.readFileSync(file, "utf8").trim();
    return pw || undefined;
  } catch {
    return undefined;
  }
}

/** @param {string} file @param {string} content @param {number} [mode] */
function writeFileAtomic(file, content, mode = 0o644) {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, content, { mode });
  fs.chmodSync(tmp, mode);
  fs.renameSync(tmp, file);
}

// ---------------------------------------------------------------------------
// SQL through the `mariadb` client (the core packages ship no mariadb-admin)

/**
 * @typedef {object} ClientTarget
 * @property {number} port
 * @property {'socket' | 'tcp'} via
 * @property {string} [password]   omitted = empty password
 */

/**
 * Run SQL with the mariadb client. The SQL goes through stdin and the password through
 * MYSQL_PWD, so neither shows up in `ps`.
 * @param {ClientTarget} target
 * @param {string} sql
 * @param {{ timeoutMs?: number }} [opts]
 */
async function sql(target, sql, opts = {}) {
  const client = findClient();
  if (!client) throw new Error(NOT_INSTALLED_MESSAGE);
  const args = ["--no-defaults", "--batch", "--skip-column-names", "--connect-timeout=5", "-uroot"];
  if (target.via === "socket") args.push("--protocol=SOCKET", `--socket=${socketPathFor(target.port)}`);
  else args.push("--protocol=TCP", "-h127.0.0.1", `-P${target.port}`);
  const env = { ...process.env };
  delete env.MYSQL_PWD;
  if (target.password) env.MYSQL_PWD = target.password;
  else args.push("--skip-password");
  return run(client, args, { input: sql, env, timeoutMs: opts.timeoutMs ?? 15_000 });
}

/**
 * @param {ClientTarget} target
 * @returns {Promise<boolean>}
 */
async function canConnect(target) {
  const res = await sql(target, "select 1;\n", { timeoutMs: 10_000 });
  return res.code === 0 && res.stdout.trim() === "1";
}

// ---------------------------------------------------------------------------
// locking

/**
 * Take <dataDir>/.lock (O_EXCL). A lock whose owner pid is dead, or older than
 * LOCK_STALE_MS, is considered stale and removed.
 * @param {string} lockFile
 * @returns {Promise<() => void>} release
 */
async function acquireLock(lockFile) {
  const deadline = Date.now() + LOCK_TIMEOUT_MS;
  for (;;) {
    try {
      const fd = fs.openSync(lockFile, "wx", 0o644);
      fs.writeSync(fd, `${process.pid}\n`);
      fs.closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.removeListener("exit", release);
        try {
          if (readPid(lockFile) === process.pid) fs.unlinkSync(lockFile);
        } catch {
          /* already gone */
        }
      };
      process.on("exit", release);
      return release;
    } catch (error) {
      if (/** @type {NodeJS.ErrnoException} */ (error).code !== "EEXIST") throw error;
    }
    // someone holds it: stale?
    let stale = false;
    try {
      const owner = readPid(lockFile);
      const age = Date.now() - fs.statSync(lockFile).mtimeMs;
      if (owner === undefined)
        stale = age > 5_000; // being written right now, or garbage
      else stale = (!isAlive(owner) && owner !== process.pid) || age > LOCK_STALE_MS;
    } catch {
      continue; // vanished between open and stat: retry at once
    }
    if (stale) {
      try {
        fs.unlinkSync(lockFile);
      } catch {
        /* someone else removed it */
      }
      continue;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${lockFile} (held by pid ${readPid(lockFile) ?? "?"})`);
    }
    await sleep(100);
  }
}

// ---------------------------------------------------------------------------
// installation

/**
 * Make sure Debian's MariaDB server and client are installed; install them with apt-get
 * when running as root.
 * @returns {Promise<string>} path of mariadbd
 */
export async function ensureMariaDBInstalled() {
  const found = findMariadbd();
  if (found && findClient() && findInstallDb()) return found;

  if (process.getuid?.() !== 0) throw new Error(NOT_INSTALLED_MESSAGE);
  if (!which("apt-get", ["/usr/bin"])) throw new Error(NOT_INSTALLED_MESSAGE);

  stderrLine("› installing mariadb-server-core mariadb-client-core with apt-get…");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const lockWait = ["-o", "DPkg::Lock::Timeout=300"];
  const update = await run("apt-get", ["-qq", ...lockWait, "update"], { env });
  if (update.code !== 0) {
    throw new Error(
      `apt-get update failed (exit ${update.code}): ${lastLine(update.stderr || update.stdout || String(update.error))}`,
    );
  }
  const install = await run(
    "apt-get",
    ["install", "-y", "-qq", "--no-install-recommends", ...lockWait, "mariadb-server-core", "mariadb-client-core"],
    { env },
  );
  if (install.code !== 0) {
    throw new Error(
      `apt-get install mariadb-server-core mariadb-client-core failed (exit ${install.code}): ` +
        lastLine(install.stderr || install.stdout || String(install.error)),
    );
  }
  const mariadbd = findMariadbd();
  if (!mariadbd || !findClient() || !findInstallDb()) {
    throw new Error("apt-get installed MariaDB, but mariadbd / mariadb / mariadb-install-db are still not found");
  }
  return mariadbd;
}

/** @param {string} text */
function lastLine(text) {
  const lines = text
    .trim()
    .split("\n")
    .filter((l) => l.trim());
  return lines.length ? lines[lines.length - 1].trim() : "(no output)";
}

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

/**
 * The url stored in <dataDir>/connection.json, or undefined.
 * @param {number} [port]
 * @returns {string | undefined}
 */
export function localConnectionUrl(port = DEFAULT_PORT) {
  try {
    const json = JSON.parse(fs.readFileSync(pathsFor(checkPort(port)).connection, "utf8"));
    return typeof json?.url === "string" ? json.url : undefined;
  } catch {
    return undefined;
  }
}

/** @param {number} port @param {string} password */
const urlFor = (port, password) => `mysql://root:${encodeURIComponent(password)}@127.0.0.1:${port}`;

/**
 * Fast path: pid file → live mariadbd, and `select 1` over TCP with the password works.
 * @param {ReturnType<typeof pathsFor>} p
 * @param {number} port
 */
async function isUpAndReachable(p, port) {
  const pid = readPid(p.pid);
  if (pid === undefined || !isMariadbd(pid)) return false;
  const password = readPassword(p.password);
  if (!password) return false;
  return canConnect({ port, via: "tcp", password });
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

/** @param {ReturnType<typeof pathsFor>} p @param {string} url */
function writeConnectionJson(p, url) {
  writeFileAtomic(p.connection, `${JSON.stringify({ url }, null, 2)}\n`, 0o600);
}

/** @param {string} file */
function rmQuiet(file) {
  try {
    fs.rmSync(file, { force: true });
  } catch {
    /* ignore */
  }
}

/**
 * @param {ReturnType<typeof pathsFor>} p
 * @param {{ installDb: string, mariadbd: string }} bins
 */
async function initialiseDataDir(p, bins) {
  // a half-initialised datadir (interrupted earlier) is thrown away
  await fsp.rm(p.data, { recursive: true, force: true });
  fs.mkdirSync(p.data, { recursive: true });
  const args = [
    "--no-defaults",
    `--datadir=${p.data}`,
    "--auth-root-authentication-method=normal",
    "--skip-test-db",
    // no root@<host name> account (the server runs with --skip-name-resolve, which ignores it,
    // and ALTER USER fails on it), and no host name lookup with resolveip (may fail in containers)
    "--cross-bootstrap",
  ];
  const userArg = runAsUserArg();
  if (userArg) args.push(userArg);
  const res = await run(bins.installDb, args, { timeoutMs: 300_000 });
  if (res.code !== 0) {
    const out = `${res.stdout}\n${res.stderr}`.trim().split("\n").slice(-15).join("\n");
    throw new Error(`mariadb-install-db failed (exit ${res.code}):\n${out || String(res.error)}`);
  }
  writeFileAtomic(p.password, `${randomBytes(24).toString("hex")}\n`, 0o600);
  // the auth state is now "root without password"; a new password file goes with it
  fs.writeFileSync(p.initialised, `${new Date().toISOString()}\n`);
}

/** mariadbd refuses to run as root unless told --user=root; as non-root --user is pointless. */
function runAsUserArg() {
  if (process.getuid?.() !== 0) return undefined;
  return "--user=root";
}

/**
 * @param {ReturnType<typeof pathsFor>} p
 * @param {number} port
 * @param {{ mariadbd: string }} bins
 */
function startServer(p, port, bins) {
  const args = [
    "--no-defaults",
    `--datadir=${p.data}`,
    `--port=${port}`,
    "--bind-address=127.0.0.1",
    `--socket=${p.socket}`,
    `--pid-file=${p.pid}`,
    `--log-error=${p.log}`,
    "--default-time-zone=+00:00",
    "--character-set-server=utf8mb4",
    "--collation-server=utf8mb4_unicode_ci",
    "--skip-log-bin",
    "--max-connections=500",
    "--max-allowed-packet=64M",
    "--skip-name-resolve",
    // a throwaway dev/test server: trade durability for speed
    "--innodb-buffer-pool-size=256M",
    "--innodb-flush-log-at-trx-commit=2",
    "--innodb-doublewrite=0",
    "--sync-frm=0",
    "--performance-schema=OFF",
  ];
  const userArg = runAsUserArg();
  if (userArg) args.push(userArg);
  const out = fs.openSync(p.log, "a"); // anything mariadbd prints before it opens --log-error
  try {
    const child = spawn(bins.mariadbd, args, {
      detached: true,
      stdio: ["ignore", out, out],
      cwd: p.dir,
    });
    child.on("error", () => {}); // reported through waitReady (exit before ready)
    child.unref();
    return child;
  } finally {
    fs.closeSync(out);
  }
}

/**
 * Wait until the server answers `select 1`, over the socket as root, without password
 * (fresh install) or with the stored password.
 * @param {ReturnType<typeof pathsFor>} p
 * @param {number} port
 * @param {{ child?: import('node:child_process').ChildProcess, pid?: number }} who
 * @returns {Promise<string | undefined>} the password that worked; undefined = root has none yet
 */
async function waitReady(p, port, who) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  const password = readPassword(p.password);
  const passwordFirst = password !== undefined && fs.existsSync(p.connection);
  /** @type {number | null | undefined} */
  let exitCode;
  let exited = false;
  who.child?.once("exit", (code, signal) => {
    exited = true;
    exitCode = code ?? (signal ? -1 : null);
  });
  for (;;) {
    if (fs.existsSync(p.socket)) {
      // try the likely credentials first (keeps "access denied" noise out of the log)
      if (passwordFirst && (await canConnect({ port, via: "socket", password }))) return password;
      if (await canConnect({ port, via: "socket" })) return undefined;
      if (!passwordFirst && password && (await canConnect({ port, via: "socket", password }))) return password;
    }
    const pid = who.pid ?? who.child?.pid;
    if (exited || (pid !== undefined && !isAlive(pid))) {
      throw new Error(
        `mariadbd exited during startup${exitCode != null ? ` (exit ${exitCode})` : ""}; ` +
          `last lines of ${p.log}:\n${tail(p.log)}`,
      );
    }
    if (Date.now() > deadline) {
      if (fs.existsSync(p.socket) && password) {
        // it answers, but neither without nor with our password
        const res = await sql({ port, via: "socket", password }, "select 1;\n");
        if (/Access denied/i.test(res.stderr)) {
          throw new Error(
            `MariaDB on port ${port} rejects the password in ${p.password}. ` +
              `Stop it and delete ${p.dir} to start from scratch.`,
          );
        }
      }
      throw new Error(
        `MariaDB on port ${port} was not ready after ${READY_TIMEOUT_MS / 1000}s; ` +
          `last lines of ${p.log}:\n${tail(p.log)}`,
      );
    }
    await sleep(150);
  }
}

/**
 * Set the stored password on every root account (mariadb-install-db leaves them all
 * without one), then check that TCP with the password works.
 * @param {ReturnType<typeof pathsFor>} p
 * @param {number} port
 * @param {string | undefined} authPassword  the password root@localhost has now (undefined = none)
 */
async function setRootPassword(p, port, authPassword) {
  const password = readPassword(p.password);
  if (!password || !/^[0-9a-f]+$/.test(password)) {
    throw new Error(`unexpected content in ${p.password}`);
  }
  const list = await sql(
    { port, via: "socket", password: authPassword },
    "select user, host from mysql.user where user='root';\n",
  );
  if (list.code !== 0) throw new Error(`listing root accounts failed: ${lastLine(list.stderr)}`);
  const hosts = list.stdout
    .split("\n")
    .map((line) => line.split("\t"))
    .filter((cols) => cols.length === 2 && cols[0] === "root")
    .map((cols) => cols[1]);
  if (!hosts.length) throw new Error("no root account found in mysql.user");
  const quote = (/** @type {string} */ s) => `'${s.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
  // accounts for a host *name* are ignored under --skip-name-resolve (ALTER USER fails on
  // them): remove them rather than leave a password-less account behind
  const isAddress = (/** @type {string} */ h) =>
    h === "localhost" || /^[\d.%_/]+$/.test(h) || /^[0-9a-fA-F.%_/]*:[0-9a-fA-F:.%_/]*$/.test(h);
  const statements = hosts
    .map((host) =>
      isAddress(host)
        ? `ALTER USER 'root'@${quote(host)} IDENTIFIED BY '${password}';`
        : `DELETE FROM mysql.global_priv WHERE User='root' AND Host=${quote(host)};\n` +
          `DELETE FROM mysql.proxies_priv WHERE Host=${quote(host)};`,
    )
    .join("\n");
  const alter = await sql({ port, via: "socket", password: authPassword }, `${statements}\nFLUSH PRIVILEGES;\n`);
  if (alter.code !== 0) throw new Error(`setting the root password failed: ${lastLine(alter.stderr)}`);
  if (!(await canConnect({ port, via: "tcp", password }))) {
    const res = await sql({ port, via: "tcp", password }, "select 1;\n");
    throw new Error(`TCP login as root with the new password failed: ${lastLine(res.stderr)}`);
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
    process.kill(pid, "SIGTERM");
    const deadline = Date.now() + STOP_TIMEOUT_MS;
    while (isMariadbd(pid) && Date.now() < deadline) await sleep(100);
    if (isMariadbd(pid)) {
      log(`› MariaDB on port ${port} did not stop within ${STOP_TIMEOUT_MS / 1000}s, killing it`);
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        /* gone */
      }
      const killDeadline = Date.now() + 5_000;
      while (isMariadbd(pid) && Date.now() < killDeadline) await sleep(50);
    }
    rmQuiet(p.pid);
    log(`› MariaDB on port ${port} stopped`);
    return { stopped: true, port };
  } finally {
    release();
  }
}

/**
 * Ports that have a directory under <repoRoot>/.data/mariadb/.
 * @returns {number[]}
 */
export function knownPorts() {
  try {
    return fs
      .readdirSync(path.join(repoRoot, ".data", "mariadb"), { withFileTypes: true })
      .filter((d) => d.isDirectory() && /^\d+$/.test(d.name))
      .map((d) => Number(d.name))
      .sort((a, b) => a - b);
  } catch {
    return [];
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
