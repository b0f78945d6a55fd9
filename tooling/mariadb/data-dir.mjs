// The data directory: created once with mariadb-install-db.
//
// No npm dependencies: this runs before `pnpm install`.

import { randomBytes } from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import { run, writeFileAtomic } from "./system.mjs";

/** @typedef {import('./paths.mjs').ServerPaths} ServerPaths */

/**
 * @param {ServerPaths} p
 * @param {{ installDb: string, mariadbd: string }} bins
 */
export async function initialiseDataDir(p, bins) {
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
export function runAsUserArg() {
  if (process.getuid?.() !== 0) return undefined;
  return "--user=root";
}
