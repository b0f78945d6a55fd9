// Child processes of the bootstrap and the launcher: the environment they get, running them
// with inherited stdio, and passing SIGINT/SIGTERM on to them.
//
// No npm dependencies: this runs before `pnpm install`.

import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import { pathToFileURL } from "node:url";
import { repoRoot } from "../mariadb/local.mjs";

/** An expected failure: reported as one line, no stack trace. */
export class BootstrapError extends Error {
  /** @param {string} message @param {number} [exitCode] */
  constructor(message, exitCode = 1) {
    super(message);
    this.exitCode = exitCode;
  }
}

/** @param {string} msg */
export const say = (msg) => process.stderr.write(`› ${msg}\n`);

/**
 * Runs `main(argv)` when the module at `moduleUrl` is the script node was started with: its
 * result is the exit code; a BootstrapError is one line and its own code, anything else exit 1.
 * @param {string} moduleUrl import.meta.url of the caller
 * @param {(argv: string[]) => Promise<number>} main
 */
export function runIfScript(moduleUrl, main) {
  if (!process.argv[1] || moduleUrl !== pathToFileURL(fs.realpathSync(process.argv[1])).href) return;
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`✖ ${message}\n`);
      process.exitCode = error instanceof BootstrapError ? error.exitCode : 1;
    },
  );
}

/**
 * `npm run` hands its own configuration to scripts as npm_config_* / npm_package_* /
 * npm_lifecycle_* variables; pnpm would read some of them (prefix, user agent…) as its own.
 * Variables the user set are kept, only npm's run-script bookkeeping goes.
 * @param {NodeJS.ProcessEnv} env
 * @returns {NodeJS.ProcessEnv}
 */
export function withoutNpmRunVars(env) {
  if (!env.npm_lifecycle_event) return { ...env };
  const out = { ...env };
  for (const key of Object.keys(out)) {
    if (
      /^npm_(package|lifecycle)_/.test(key) ||
      ["npm_command", "npm_execpath", "npm_node_execpath"].includes(key) ||
      [
        "npm_config_prefix",
        "npm_config_global_prefix",
        "npm_config_local_prefix",
        "npm_config_user_agent",
        "npm_config_npm_version",
        "npm_config_node_gyp",
        "npm_config_globalconfig",
        "npm_config_userconfig",
        "npm_config_init_module",
        "npm_config_cache",
        "npm_config_noproxy",
      ].includes(key)
    ) {
      delete out[key];
    }
  }
  return out;
}

/** @type {Set<import('node:child_process').ChildProcess>} */
const children = new Set();
let signalsForwarded = false;

/**
 * Forward SIGINT/SIGTERM to the running children (and their descendants: pnpm runs scripts
 * through `sh -c`, and a SIGTERM to pnpm alone would orphan the server) instead of dying
 * first. A SIGINT typed at a terminal already reached the whole foreground process group,
 * so it is not sent a second time (a second Ctrl-C means "force quit" to many tools).
 */
function forwardSignals() {
  if (signalsForwarded) return;
  signalsForwarded = true;
  const interactive = Boolean(process.stdin.isTTY || process.stdout.isTTY || process.stderr.isTTY);
  for (const signal of /** @type {const} */ (["SIGINT", "SIGTERM"])) {
    process.on(signal, () => {
      if (children.size === 0) process.exit(128 + os.constants.signals[signal]);
      if (signal === "SIGINT" && interactive) return;
      for (const child of children) {
        if (child.pid === undefined) continue;
        for (const pid of [child.pid, ...descendantsOf(child.pid)]) {
          try {
            process.kill(pid, signal);
          } catch {
            /* already gone */
          }
        }
      }
    });
  }
}

/**
 * Pids of all descendants of `root` (Linux /proc; empty elsewhere).
 * @param {number} root
 * @returns {number[]}
 */
function descendantsOf(root) {
  /** @type {Map<number, number[]>} */
  const byParent = new Map();
  let entries;
  try {
    entries = fs.readdirSync("/proc");
  } catch {
    return [];
  }
  for (const name of entries) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const list = byParent.get(ppid) ?? [];
      list.push(Number(name));
      byParent.set(ppid, list);
    } catch {
      /* exited meanwhile */
    }
  }
  const out = [];
  const queue = [root];
  while (queue.length) {
    for (const pid of byParent.get(/** @type {number} */ (queue.shift())) ?? []) {
      out.push(pid);
      queue.push(pid);
    }
  }
  return out;
}

/**
 * Run a command with inherited stdio; resolve with its exit code (128+n when killed by
 * signal n).
 * @param {string} command
 * @param {string[]} args
 * @param {{ env?: NodeJS.ProcessEnv, cwd?: string, stdio?: import("node:child_process").StdioOptions }} [opts]
 * @returns {Promise<number>}
 */
export function runChild(command, args, opts = {}) {
  forwardSignals();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      stdio: opts.stdio ?? "inherit",
      env: opts.env ?? process.env,
      cwd: opts.cwd ?? repoRoot,
    });
    children.add(child);
    child.on("error", (error) => {
      children.delete(child);
      const code = /** @type {NodeJS.ErrnoException} */ (error).code;
      reject(new BootstrapError(code === "ENOENT" ? `${command}: command not found` : `${command}: ${error.message}`));
    });
    child.on("exit", (code, signal) => {
      children.delete(child);
      if (code !== null) resolve(code);
      else resolve(128 + (signal ? (os.constants.signals[signal] ?? 1) : 1));
    });
  });
}
