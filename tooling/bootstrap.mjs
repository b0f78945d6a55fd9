#!/usr/bin/env node
// The "two commands" bootstrap: `npm run dev` and `npm test` on a fresh machine (Node 20 +
// npm only: no pnpm, no database) end up here.
//
//   node tooling/bootstrap.mjs <dev|test|start> [--] [extra args]
//
// 1. pnpm at the version pinned in package.json "packageManager" (installed into
//    .tools/pnpm with npm when the one on PATH is missing or another version)
// 2. pnpm install
// 3. a database: DATABASE_URL / DB_SERVERS from the environment, or a local MariaDB
//    (tooling/mariadb) whose url is handed to the children as DATABASE_URL
// 4. pnpm run tenants dev-setup (migrate the control database, provision the demo tenants)
// 5. dev: the server in watch mode; test: vitest run; start: build, then the server
//
// No npm dependencies: this runs before `pnpm install`.

import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { DEFAULT_PORT, ensureMariaDBInstalled, repoRoot, startLocalMariaDB } from "./mariadb/local.mjs";

export { repoRoot };

const MODES = /** @type {const} */ (["dev", "test", "start"]);
/** @typedef {(typeof MODES)[number]} Mode */

/**
 * @typedef {object} Pnpm
 * @property {string} version
 * @property {string} command      executable to spawn
 * @property {string[]} prefixArgs arguments that go before pnpm's own
 * @property {string} [binDir]     directory to put in front of PATH for child processes
 */

/** An expected failure: reported as one line, no stack trace. */
export class BootstrapError extends Error {
  /** @param {string} message @param {number} [exitCode] */
  constructor(message, exitCode = 1) {
    super(message);
    this.exitCode = exitCode;
  }
}

/** @param {string} msg */
const say = (msg) => process.stderr.write(`› ${msg}\n`);

// ---------------------------------------------------------------------------
// 1. pnpm

/**
 * The pnpm version pinned in <root>/package.json "packageManager" ("pnpm@x.y.z").
 * @param {string} [root]
 * @returns {string}
 */
export function pinnedPnpmVersion(root = repoRoot) {
  /** @type {any} */
  let pkg;
  try {
    pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
  } catch (error) {
    throw new BootstrapError(`cannot read ${path.join(root, "package.json")}: ${/** @type {Error} */ (error).message}`);
  }
  const match = /^pnpm@(\d+\.\d+\.\d+[^+]*)/.exec(String(pkg?.packageManager ?? ""));
  if (!match) throw new BootstrapError('package.json has no "packageManager": "pnpm@<version>" field');
  return match[1];
}

/**
 * pnpm at the pinned version: the one on PATH if it is exactly that version, otherwise a
 * copy installed with npm into <root>/.tools/pnpm (corepack does not work with this registry).
 * @param {{ root?: string, env?: NodeJS.ProcessEnv }} [opts]
 * @returns {Promise<Pnpm>}
 */
export async function ensurePnpm({ root = repoRoot, env = process.env } = {}) {
  const version = pinnedPnpmVersion(root);

  // cheap: read the version of the pnpm package the `pnpm` on PATH belongs to (starting
  // pnpm just to ask costs most of a second); otherwise ask it
  const fromPackage = pnpmOnPathPackageVersion(env);
  if (fromPackage === version) return { version, command: "pnpm", prefixArgs: [] };
  const onPath = spawnSync("pnpm", ["--version"], {
    cwd: root,
    env: { ...env, COREPACK_ENABLE_DOWNLOAD_PROMPT: "0", COREPACK_ENABLE_STRICT: "0" },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
    timeout: 30_000,
  });
  if (onPath.status === 0 && onPath.stdout.trim() === version) {
    return { version, command: "pnpm", prefixArgs: [] };
  }

  const prefix = path.join(root, ".tools", "pnpm");
  const pkgDir = path.join(prefix, "node_modules", "pnpm");
  const script = path.join(pkgDir, "bin", "pnpm.cjs");
  if (installedVersion(pkgDir) !== version || !fs.existsSync(script)) {
    say(`installing pnpm ${version} into .tools/pnpm…`);
    fs.mkdirSync(prefix, { recursive: true });
    const code = await runChild(
      "npm",
      [
        "install",
        "--prefix",
        prefix,
        "--no-save",
        "--no-audit",
        "--no-fund",
        "--no-package-lock",
        "--loglevel=error",
        `pnpm@${version}`,
      ],
      { cwd: prefix, env: withoutNpmRunVars(env) },
    );
    if (code !== 0) throw new BootstrapError(`npm install pnpm@${version} failed (exit ${code})`);
    if (installedVersion(pkgDir) !== version || !fs.existsSync(script)) {
      throw new BootstrapError(`npm install pnpm@${version} did not produce ${script}`);
    }
  }
  return {
    version,
    command: process.execPath,
    prefixArgs: [script],
    binDir: path.join(prefix, "node_modules", ".bin"),
  };
}

/**
 * Version of the npm package "pnpm" that the `pnpm` on PATH is a script of, if it is one.
 * @param {NodeJS.ProcessEnv} env
 * @returns {string | undefined}
 */
function pnpmOnPathPackageVersion(env) {
  for (const dir of (env.PATH ?? "").split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, "pnpm");
    let real;
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      real = fs.realpathSync(candidate);
    } catch {
      continue;
    }
    // <prefix>/node_modules/pnpm/bin/pnpm.cjs
    const pkgDir = path.dirname(path.dirname(real));
    if (path.basename(path.dirname(real)) !== "bin") return undefined;
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, "package.json"), "utf8"));
      return pkg.name === "pnpm" ? pkg.version : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** @param {string} pkgDir @returns {string | undefined} */
function installedVersion(pkgDir) {
  try {
    return JSON.parse(fs.readFileSync(path.join(pkgDir, "package.json"), "utf8")).version;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------
// child processes

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
 * @param {{ env?: NodeJS.ProcessEnv, cwd?: string }} [opts]
 * @returns {Promise<number>}
 */
export function runChild(command, args, opts = {}) {
  forwardSignals();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      stdio: "inherit",
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

// ---------------------------------------------------------------------------
// 3. database

/**
 * DATABASE_URL / DB_SERVERS from the environment, or a local MariaDB.
 * @param {NodeJS.ProcessEnv} env  the children's environment: DATABASE_URL is set in it
 */
export async function ensureDatabase(env) {
  if (env.DATABASE_URL || env.DB_SERVERS) {
    say(`using ${env.DATABASE_URL ? "DATABASE_URL" : "DB_SERVERS"}`);
    return;
  }
  const port = Number(env.LOCAL_DB_PORT ?? DEFAULT_PORT);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new BootstrapError(`LOCAL_DB_PORT is not a port number: ${env.LOCAL_DB_PORT}`);
  }
  await ensureMariaDBInstalled();
  const db = await startLocalMariaDB({ port });
  env.DATABASE_URL = db.url; // never printed: it holds the password
  say(`MariaDB ready on 127.0.0.1:${db.port}`);
}

// ---------------------------------------------------------------------------
// main

/**
 * @param {string[]} argv  process.argv.slice(2)
 * @returns {{ mode: Mode, extra: string[] }}
 */
export function parseArgs(argv) {
  const [mode, ...rest] = argv;
  if (!MODES.includes(/** @type {Mode} */ (mode))) {
    throw new BootstrapError(
      `usage: node tooling/bootstrap.mjs <${MODES.join("|")}> [-- extra args]${mode ? ` (got "${mode}")` : ""}`,
    );
  }
  const extra = rest[0] === "--" ? rest.slice(1) : rest;
  return { mode: /** @type {Mode} */ (mode), extra };
}

/**
 * @param {string[]} argv
 * @returns {Promise<number>} exit code
 */
export async function main(argv) {
  const { mode, extra } = parseArgs(argv);

  /** @type {NodeJS.ProcessEnv} */
  const env = withoutNpmRunVars(process.env);
  env.TURBO_TELEMETRY_DISABLED = "1";
  env.DO_NOT_TRACK = "1";

  // 1. pnpm
  const pnpm = await ensurePnpm({ env });
  if (pnpm.binDir) env.PATH = [pnpm.binDir, env.PATH].filter(Boolean).join(path.delimiter);
  say(`pnpm ${pnpm.version} ready`);
  /** @param {string[]} args */
  const runPnpm = (args) => runChild(pnpm.command, [...pnpm.prefixArgs, ...args], { env });

  // 2. dependencies
  const ci = env.CI === "true" || env.CI === "1";
  const installCode = await runPnpm(ci ? ["install", "--frozen-lockfile"] : ["install"]);
  if (installCode !== 0) throw new BootstrapError(`pnpm install failed (exit ${installCode})`);

  // 3. database
  await ensureDatabase(env);

  // 4. control database + demo tenants
  const setupCode = await runPnpm(["run", "--silent", "tenants", "dev-setup"]);
  if (setupCode !== 0) {
    process.stderr.write(`✖ pnpm run tenants dev-setup failed (exit ${setupCode})\n`);
    return setupCode;
  }

  // 5. the actual command
  switch (mode) {
    case "dev":
      return runPnpm(["--filter", "@fotostudio/server", "run", "dev", ...extra]);
    case "test":
      return runTests(runPnpm, extra);
    case "start": {
      const buildCode = await runPnpm(["run", "build"]);
      if (buildCode !== 0) {
        process.stderr.write(`✖ pnpm run build failed (exit ${buildCode})\n`);
        return buildCode;
      }
      return runPnpm(["--filter", "@fotostudio/server", "run", "start", ...extra]);
    }
  }
}

/**
 * vitest over the whole repo, then one plain closing line `N passed, N failed` (what CI reads:
 * vitest's own summary is not in a format it knows).
 * @param {(args: string[]) => Promise<number>} runPnpm
 * @param {string[]} extra
 */
async function runTests(runPnpm, extra) {
  const report = path.join(repoRoot, ".data", "test-results.json");
  fs.mkdirSync(path.dirname(report), { recursive: true });
  fs.rmSync(report, { force: true });
  const code = await runPnpm([
    "exec",
    "vitest",
    "run",
    "--config",
    "tooling/vitest/vitest.config.ts",
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${report}`,
    ...extra,
  ]);
  if (fs.existsSync(report)) {
    const results = JSON.parse(fs.readFileSync(report, "utf8"));
    const skipped = results.numPendingTests + results.numTodoTests;
    // A file that fails outside any test (a hook, an import) counts as one failure: it must not
    // read as "0 failed" while the run fails.
    const brokenFiles = results.testResults.filter(
      (/** @type {{ status: string, assertionResults: { status: string }[] }} */ file) =>
        file.status === "failed" && !file.assertionResults.some((a) => a.status === "failed"),
    ).length;
    const failed = results.numFailedTests + brokenFiles;
    process.stdout.write(
      `\n${results.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}\n`,
    );
  }
  return code;
}

if (process.argv[1] && import.meta.url === pathToFileURL(fs.realpathSync(process.argv[1])).href) {
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
