// Installing MariaDB: finding Debian's binaries, or installing them with apt-get as root.
//
// No npm dependencies: this runs before `pnpm install`.

import { aptInstall, canApt } from "./apt.mjs";
import { which } from "./system.mjs";

export const NOT_INSTALLED_MESSAGE =
  "MariaDB is not installed. Install Debian's mariadb-server-core and mariadb-client-core " +
  "(sudo apt-get install mariadb-server-core mariadb-client-core), " +
  "or set DATABASE_URL to a MySQL 8 / MariaDB 10.11+ server.";

export const findMariadbd = () => which("mariadbd", ["/usr/sbin", "/usr/local/sbin"]);
export const findClient = () => which("mariadb", ["/usr/bin", "/usr/local/bin"]);
export const findInstallDb = () => which("mariadb-install-db", ["/usr/bin", "/usr/local/bin"]);

/** @returns {{ mariadbd: string, client: string, installDb: string }} */
export function binaries() {
  const mariadbd = findMariadbd();
  const client = findClient();
  const installDb = findInstallDb();
  if (!mariadbd || !client || !installDb) throw new Error(NOT_INSTALLED_MESSAGE);
  return { mariadbd, client, installDb };
}

// ---------------------------------------------------------------------------
// installation

/**
 * Make sure Debian's MariaDB server and client are installed; install them with apt-get
 * when running as root.
 * @returns {Promise<string>} path of mariadbd
 */
export async function ensureMariaDBInstalled() {
  const found = findMariadbd();
  if (found && findClient() && findInstallDb()) return found;

  if (!canApt()) throw new Error(NOT_INSTALLED_MESSAGE);
  await aptInstall(["mariadb-server-core", "mariadb-client-core"]);
  const mariadbd = findMariadbd();
  if (!mariadbd || !findClient() || !findInstallDb()) {
    throw new Error("apt-get installed MariaDB, but mariadbd / mariadb / mariadb-install-db are still not found");
  }
  return mariadbd;
}
