// pnpm at the version pinned in package.json "packageManager": the one on PATH when it is that
// version, otherwise a copy installed with npm into .tools/pnpm.
//
// No npm dependencies: this runs before `pnpm install`.

import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { repoRoot } from "../mariadb/local.mjs";
import { BootstrapError, runChild, say, withoutNpmRunVars } from "./children.mjs";

/**
 * @typedef {object} Pnpm
 * @property {string} version
 * @property {string} command      executable to spawn
 * @property {string[]} prefixArgs arguments that go before pnpm's own
 * @property {string} [binDir]     directory to put in front of PATH for child processes
 */

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

/**
 * The children's environment (npm's run-script variables dropped, no telemetry) with the pinned
 * pnpm's bin directory first on PATH (turbo looks the package manager up there, and package
 * scripts call `pnpm`), and a function running that pnpm.
 * @param {{ root?: string }} [opts]
 */
export async function preparePnpm({ root = repoRoot } = {}) {
  /** @type {NodeJS.ProcessEnv} */
  const env = withoutNpmRunVars(process.env);
  env.TURBO_TELEMETRY_DISABLED = "1";
  env.DO_NOT_TRACK = "1";
  const pnpm = await ensurePnpm({ root, env });
  if (pnpm.binDir) env.PATH = [pnpm.binDir, env.PATH].filter(Boolean).join(path.delimiter);
  /**
   * @param {string[]} args
   * @param {Parameters<typeof runChild>[2]} [opts]
   */
  const runPnpm = (args, opts) => runChild(pnpm.command, [...pnpm.prefixArgs, ...args], { env, ...opts });
  return { env, pnpm, runPnpm };
}
