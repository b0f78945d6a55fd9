// `pnpm install`, and whether it is needed: the launcher (tooling/run.mjs) skips it when
// node_modules is newer than everything that decides its content.
//
// No npm dependencies: this runs before `pnpm install`.

import fs from "node:fs";
import path from "node:path";
import { repoRoot } from "../mariadb/local.mjs";
import { BootstrapError } from "./children.mjs";

/** Written after every successful install (gone with node_modules). */
const STAMP = path.join("node_modules", ".fotostudio-installed");

/**
 * `pnpm install` (`--frozen-lockfile` in CI), then the stamp.
 * @param {(args: string[]) => Promise<number>} runPnpm
 * @param {NodeJS.ProcessEnv} env
 * @param {string} [root]
 */
export async function installDependencies(runPnpm, env, root = repoRoot) {
  const ci = env.CI === "true" || env.CI === "1";
  const code = await runPnpm(ci ? ["install", "--frozen-lockfile"] : ["install"]);
  if (code !== 0) throw new BootstrapError(`pnpm install failed (exit ${code})`);
  try {
    fs.writeFileSync(path.join(root, STAMP), `${new Date().toISOString()}\n`);
  } catch {
    /* no node_modules (a workspace without dependencies): the next run installs again */
  }
}

/**
 * True when node_modules was installed after the last change to the lockfile, the workspace file
 * or any workspace package.json, and every workspace package with dependencies has its
 * node_modules.
 * @param {string} [root]
 */
export function dependenciesAreCurrent(root = repoRoot) {
  const installed = mtimeMs(path.join(root, STAMP)) ?? mtimeMs(path.join(root, "node_modules", ".modules.yaml"));
  if (installed === undefined) return false;
  const packages = workspacePackageDirs(root);
  if (packages === undefined) return false;
  const inputs = [
    path.join(root, "package.json"),
    path.join(root, "pnpm-lock.yaml"),
    path.join(root, "pnpm-workspace.yaml"),
    ...packages.map((dir) => path.join(dir, "package.json")),
  ];
  if (inputs.some((file) => (mtimeMs(file) ?? 0) > installed)) return false;
  return packages.every((dir) => !hasDependencies(dir) || fs.existsSync(path.join(dir, "node_modules")));
}

/**
 * The workspace packages, from pnpm-workspace.yaml's `packages:` list; only `dir` and `dir/*`
 * entries are understood (undefined for anything else: then an install decides).
 * @param {string} root
 * @returns {string[] | undefined}
 */
function workspacePackageDirs(root) {
  let text;
  try {
    text = fs.readFileSync(path.join(root, "pnpm-workspace.yaml"), "utf8");
  } catch {
    return [];
  }
  /** @type {string[]} */
  const patterns = [];
  let inPackages = false;
  for (const line of text.split("\n")) {
    if (/^\S/.test(line)) inPackages = /^packages:\s*$/.test(line);
    else if (inPackages) {
      const item = /^\s+-\s+["']?([^"'#\s]+)["']?\s*(#.*)?$/.exec(line);
      if (item?.[1]) patterns.push(item[1]);
    }
  }
  /** @type {string[]} */
  const dirs = [];
  for (const pattern of patterns) {
    if (pattern.startsWith("!")) return undefined;
    if (pattern.endsWith("/*") && !/[*?[{]/.test(pattern.slice(0, -2))) {
      const parent = path.join(root, pattern.slice(0, -2));
      let names = [];
      try {
        names = fs.readdirSync(parent);
      } catch {
        continue;
      }
      for (const name of names) {
        if (fs.existsSync(path.join(parent, name, "package.json"))) dirs.push(path.join(parent, name));
      }
    } else if (!/[*?[{]/.test(pattern)) {
      if (fs.existsSync(path.join(root, pattern, "package.json"))) dirs.push(path.join(root, pattern));
    } else {
      return undefined;
    }
  }
  return dirs;
}

/** @param {string} dir */
function hasDependencies(dir) {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
    return ["dependencies", "devDependencies", "optionalDependencies"].some(
      (field) => Object.keys(pkg[field] ?? {}).length > 0,
    );
  } catch {
    return true;
  }
}

/** @param {string} file @returns {number | undefined} */
function mtimeMs(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}
