#!/usr/bin/env node
// The launcher behind the root scripts (`npm run build`, `npm run tenants -- list`, …): each works
// as `npm run <script>` on a machine with Node and npm only, whether or not `npm run dev` ran
// before.
//
//   node tooling/run.mjs [--db] <command> [args…]
//
// 1. pnpm at the pinned version (tooling/bootstrap/pnpm.mjs, as the bootstrap does), its bin
//    directory first on PATH: turbo looks the package manager up there, package scripts call it
// 2. `pnpm install` when node_modules is missing or older than the lockfile or a package.json
// 3. --db: the database as `npm run dev` gets it: DATABASE_URL / DB_SERVERS when set, otherwise
//    the local MariaDB (started when needed; its url handed to the command as DATABASE_URL) with
//    `tenants dev-setup` run when it has not run since the migrations or the db package changed
// 4. the command, from the current directory: `pnpm` is the pinned pnpm; anything else is looked
//    up on PATH with node_modules/.bin first (turbo, biome, tsx…). Its exit code is ours.
//
// Quiet unless it has work to do (installing, starting MariaDB): the command's output is the
// output. No npm dependencies: this runs before `pnpm install`.

import path from "node:path";
import { BootstrapError, runChild, runIfScript, say } from "./bootstrap/children.mjs";
import { DEV_SETUP_ARGS, devSetupIsCurrent, ensureDatabase, markDevSetupDone } from "./bootstrap/database.mjs";
import { dependenciesAreCurrent, installDependencies } from "./bootstrap/dependencies.mjs";
import { preparePnpm } from "./bootstrap/pnpm.mjs";
import { repoRoot } from "./mariadb/local.mjs";

const USAGE = "usage: node tooling/run.mjs [--db] <command> [args…]";

/** The preparations' output goes to stderr: stdout is the command's (`npm run tenants -- list | …`). */
const TO_STDERR = /** @type {import("node:child_process").StdioOptions} */ (["inherit", 2, "inherit"]);

/**
 * @param {string[]} argv  process.argv.slice(2)
 * @returns {{ db: boolean, command: string, args: string[] }}
 */
export function parseArgs(argv) {
  let i = 0;
  let db = false;
  for (; i < argv.length; i++) {
    if (argv[i] === "--db") db = true;
    else if (argv[i] === "--") {
      i++;
      break;
    } else break;
  }
  const [command, ...args] = argv.slice(i);
  if (!command || (command.startsWith("-") && command !== "-")) {
    throw new BootstrapError(`${USAGE}${command ? ` (unknown option "${command}")` : ""}`, 2);
  }
  return { db, command, args };
}

/**
 * @param {string[]} argv
 * @returns {Promise<number>} the command's exit code
 */
export async function main(argv) {
  const { db, command, args } = parseArgs(argv);

  // 1. pnpm; the repo's own binaries first (npm run puts them there too, plain `node` does not)
  const { env, pnpm, runPnpm } = await preparePnpm();
  const localBin = path.join(repoRoot, "node_modules", ".bin");
  env.PATH = [localBin, ...(env.PATH ?? "").split(path.delimiter).filter((dir) => dir && dir !== localBin)].join(
    path.delimiter,
  );
  if (pnpm.binDir) {
    env.PATH = [pnpm.binDir, ...env.PATH.split(path.delimiter).filter((dir) => dir !== pnpm.binDir)].join(
      path.delimiter,
    );
  }

  // 2. dependencies
  if (!dependenciesAreCurrent()) {
    say(`installing dependencies (pnpm ${pnpm.version} install)…`);
    await installDependencies((installArgs) => runPnpm(installArgs, { stdio: TO_STDERR }), env);
  }

  // 3. database (+ control database and demo tenants on the local one)
  if (db) {
    const { localPort } = await ensureDatabase(env, { quiet: true });
    if (localPort !== undefined && !devSetupIsCurrent(localPort)) {
      const code = await runPnpm(DEV_SETUP_ARGS, { stdio: TO_STDERR });
      if (code !== 0) throw new BootstrapError(`tenants dev-setup failed (exit ${code})`, code);
      markDevSetupDone(localPort);
    }
  }

  // 4. the command
  if (command === "pnpm") return runPnpm(args, { cwd: process.cwd() });
  return runChild(command, args, { env, cwd: process.cwd() });
}

runIfScript(import.meta.url, main);
