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
// 4. tenants dev-setup (migrate the control database, provision the demo tenants)
// 5. dev: the server in watch mode; test: vitest run; start: build, then the server
//
// The steps live in tooling/bootstrap/: pnpm.mjs (1), dependencies.mjs (2), database.mjs (3, 4),
// children.mjs (child processes and signals), test-run.mjs (5, test). The other root scripts go
// through tooling/run.mjs, which shares steps 1 to 4.
//
// No npm dependencies: this runs before `pnpm install`.

import fs from "node:fs";
import { pathToFileURL } from "node:url";
import { BootstrapError, say } from "./bootstrap/children.mjs";
import { DEV_SETUP_ARGS, ensureDatabase, markDevSetupDone } from "./bootstrap/database.mjs";
import { installDependencies } from "./bootstrap/dependencies.mjs";
import { preparePnpm } from "./bootstrap/pnpm.mjs";
import { runTests } from "./bootstrap/test-run.mjs";
import { repoRoot } from "./mariadb/local.mjs";

export { BootstrapError, runChild, withoutNpmRunVars } from "./bootstrap/children.mjs";
export { ensureDatabase } from "./bootstrap/database.mjs";
export { ensurePnpm, pinnedPnpmVersion } from "./bootstrap/pnpm.mjs";
export { repoRoot };

const MODES = /** @type {const} */ (["dev", "test", "start"]);
/** @typedef {(typeof MODES)[number]} Mode */

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

  // 1. pnpm
  const { env, pnpm, runPnpm } = await preparePnpm();
  say(`pnpm ${pnpm.version} ready`);

  // 2. dependencies
  await installDependencies(runPnpm, env);

  // 3. database
  const db = await ensureDatabase(env);

  // 4. control database + demo tenants
  const setupCode = await runPnpm(DEV_SETUP_ARGS);
  if (setupCode !== 0) {
    process.stderr.write(`✖ pnpm run tenants dev-setup failed (exit ${setupCode})\n`);
    return setupCode;
  }
  if (db.localPort !== undefined) markDevSetupDone(db.localPort);

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
