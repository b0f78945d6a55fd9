// Where a port's server keeps its files, under <repoRoot>/.data/mariadb/<port>/.
//
// No npm dependencies: this runs before `pnpm install`.

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_PORT } from "./ports.mjs";

/** Absolute path of the repository root (two directories up from this file). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** @param {number} [port] */
export function dataDirFor(port = DEFAULT_PORT) {
  return path.join(repoRoot, ".data", "mariadb", String(port));
}

/** @param {number} [port] */
export function socketPathFor(port = DEFAULT_PORT) {
  return `/tmp/fotostudio-mariadb-${port}.sock`;
}

/** @typedef {ReturnType<typeof pathsFor>} ServerPaths */

/** @param {number} port */
export function pathsFor(port) {
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
