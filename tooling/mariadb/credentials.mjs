// Connection and credentials: SQL through the `mariadb` client, the root password, the url in
// connection.json.
//
// No npm dependencies: this runs before `pnpm install`.

import fs from "node:fs";
import { findClient, NOT_INSTALLED_MESSAGE } from "./install.mjs";
import { pathsFor, socketPathFor } from "./paths.mjs";
import { checkPort, DEFAULT_PORT } from "./ports.mjs";
import { lastLine, run, writeFileAtomic } from "./system.mjs";

/** @typedef {import('./paths.mjs').ServerPaths} ServerPaths */

/** @param {string} file @returns {string | undefined} */
export function readPassword(file) {
  try {
    const pw = fs.readFileSync(file, "utf8").trim();
    return pw || undefined;
  } catch {
    return undefined;
  }
}

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
export async function sql(target, sql, opts = {}) {
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
export async function canConnect(target) {
  const res = await sql(target, "select 1;\n", { timeoutMs: 10_000 });
  return res.code === 0 && res.stdout.trim() === "1";
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
export const urlFor = (port, password) => `mysql://root:${encodeURIComponent(password)}@127.0.0.1:${port}`;

/** @param {ServerPaths} p @param {string} url */
export function writeConnectionJson(p, url) {
  writeFileAtomic(p.connection, `${JSON.stringify({ url }, null, 2)}\n`, 0o600);
}

/**
 * Set the stored password on every root account (mariadb-install-db leaves them all
 * without one), then check that TCP with the password works.
 * @param {ServerPaths} p
 * @param {number} port
 * @param {string | undefined} authPassword  the password root@localhost has now (undefined = none)
 */
export async function setRootPassword(p, port, authPassword) {
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
