// Process control: starting mariadbd detached, waiting until it answers, stopping it.
//
// No npm dependencies: this runs before `pnpm install`.

import { spawn } from "node:child_process";
import fs from "node:fs";
import { canConnect, readPassword, sql } from "./credentials.mjs";
import { runAsUserArg } from "./data-dir.mjs";
import { isAlive, readPid, sleep, tail } from "./system.mjs";

/** @typedef {import('./paths.mjs').ServerPaths} ServerPaths */

const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 30_000;

/** Is `pid` a live mariadbd (guards against pid reuse)? @param {number} pid */
export function isMariadbd(pid) {
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

/**
 * Fast path: pid file → live mariadbd, and `select 1` over TCP with the password works.
 * @param {ServerPaths} p
 * @param {number} port
 */
export async function isUpAndReachable(p, port) {
  const pid = readPid(p.pid);
  if (pid === undefined || !isMariadbd(pid)) return false;
  const password = readPassword(p.password);
  if (!password) return false;
  return canConnect({ port, via: "tcp", password });
}

/**
 * @param {ServerPaths} p
 * @param {number} port
 * @param {{ mariadbd: string }} bins
 */
export function startServer(p, port, bins) {
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
    // 1,000 studios' hot pages (a few 16 KiB pages per table a request reads) outgrow 256 MB.
    "--innodb-buffer-pool-size=1G",
    "--innodb-flush-log-at-trx-commit=2",
    "--innodb-doublewrite=0",
    "--sync-frm=0",
    "--performance-schema=OFF",
    // One database per studio: a request touches ~10 tables, so 1,000 studios keep ~10,000 tables
    // in use. MariaDB's defaults (2,000 open, 400 definitions) reopen tables on nearly every
    // request once studios spread (README "Fast serving path"); production servers need the same.
    // InnoDB keeps one descriptor per open .ibd file: it must stay well under the process's file
    // limit (20,000 on the project's VMs), or accept() starts failing with "Too many open files".
    "--table-open-cache=20000",
    "--table-definition-cache=20000",
    "--innodb-open-files=10000",
    "--open-files-limit=65535",
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
 * @param {ServerPaths} p
 * @param {number} port
 * @param {{ child?: import('node:child_process').ChildProcess, pid?: number }} who
 * @returns {Promise<string | undefined>} the password that worked; undefined = root has none yet
 */
export async function waitReady(p, port, who) {
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
 * SIGTERM, wait up to 30 s, then SIGKILL.
 * @param {number} pid
 * @param {number} port
 * @param {(msg: string) => void} log
 */
export async function terminateServer(pid, port, log) {
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
}
