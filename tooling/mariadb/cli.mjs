#!/usr/bin/env node
// Local throwaway MariaDB for development and tests.
//
//   node tooling/mariadb/cli.mjs start  [--port 3307]
//   node tooling/mariadb/cli.mjs stop   [--port 3307] [--all]
//   node tooling/mariadb/cli.mjs status
//   node tooling/mariadb/cli.mjs url    [--port 3307]
//
// No npm dependencies: this runs before `pnpm install`.

import {
  DEFAULT_PORT,
  ensureMariaDBInstalled,
  knownPorts,
  localConnectionUrl,
  localMariaDBStatus,
  startLocalMariaDB,
  stopAll,
  stopLocalMariaDB,
} from "./local.mjs";

const USAGE = `usage: node tooling/mariadb/cli.mjs <command> [options]

commands:
  start  [--port N]          install (apt, as root) and start a local MariaDB, or reuse a running one
  stop   [--port N] [--all]  stop the server on port N (default ${DEFAULT_PORT}), or every local server
  status                     list the local servers and whether they run
  url    [--port N]          print the connection url (contains the password)

env: LOCAL_DB_PORT sets the default port (${DEFAULT_PORT}).`;

/**
 * @param {string[]} argv
 * @returns {{ command: string | undefined, port: number, all: boolean, help: boolean }}
 */
function parseArgs(argv) {
  const envPort = process.env.LOCAL_DB_PORT;
  let port = envPort ? Number(envPort) : DEFAULT_PORT;
  let all = false;
  let help = false;
  /** @type {string | undefined} */
  let command;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--port" || arg === "-p") {
      const value = argv[++i];
      if (value === undefined) throw new UsageError("--port needs a value");
      port = Number(value);
    } else if (arg.startsWith("--port=")) {
      port = Number(arg.slice("--port=".length));
    } else if (arg === "--all") {
      all = true;
    } else if (arg === "--help" || arg === "-h" || arg === "help") {
      help = true;
    } else if (!arg.startsWith("-") && command === undefined) {
      command = arg;
    } else {
      throw new UsageError(`unknown argument: ${arg}`);
    }
  }
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError(`invalid port: ${port}`);
  return { command, port, all, help };
}

class UsageError extends Error {}

async function main() {
  const { command, port, all, help } = parseArgs(process.argv.slice(2));
  if (help || command === undefined) {
    (help ? process.stdout : process.stderr).write(`${USAGE}\n`);
    return help ? 0 : 2;
  }
  switch (command) {
    case "start": {
      await ensureMariaDBInstalled();
      const started = Date.now();
      const res = await startLocalMariaDB({ port });
      const how = res.started ? `started in ${((Date.now() - started) / 1000).toFixed(1)}s` : "already running";
      process.stderr.write(`› MariaDB ready on 127.0.0.1:${res.port} (${how})\n`);
      return 0;
    }
    case "stop":
      if (all) await stopAll();
      else await stopLocalMariaDB({ port });
      return 0;
    case "status": {
      const ports = knownPorts();
      if (!ports.length) {
        process.stdout.write("no local MariaDB servers (none started yet)\n");
        return 0;
      }
      for (const p of ports) {
        const s = localMariaDBStatus({ port: p });
        const state = s.running ? `running (pid ${s.pid})` : s.initialised ? "stopped" : "not initialised";
        process.stdout.write(`127.0.0.1:${p}  ${state}  ${s.dataDir}\n`);
      }
      return 0;
    }
    case "url": {
      const url = localConnectionUrl(port);
      if (!url) {
        process.stderr.write(
          `✖ no local MariaDB on port ${port} yet: run \`node tooling/mariadb/cli.mjs start --port ${port}\`\n`,
        );
        return 1;
      }
      process.stdout.write(`${url}\n`);
      return 0;
    }
    default:
      throw new UsageError(`unknown command: ${command}`);
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    if (error instanceof UsageError) {
      process.stderr.write(`✖ ${error.message}\n${USAGE}\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`✖ ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
