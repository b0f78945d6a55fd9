// Installing Debian packages with apt-get when running as root (CI machines, fresh containers).
//
// No npm dependencies: this runs before `pnpm install`.

import { lastLine, run, stderrLine, which } from "./system.mjs";

/** Whether this process may install packages: root on a Debian-like system. */
export const canApt = () => process.getuid?.() === 0 && Boolean(which("apt-get", ["/usr/bin"]));

/**
 * `apt-get update` then `apt-get install` the packages (no recommends), waiting for another apt
 * run's lock up to 5 minutes. Throws with apt's last line on failure.
 * @param {string[]} packages
 */
export async function aptInstall(packages) {
  stderrLine(`› installing ${packages.join(" ")} with apt-get…`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const lockWait = ["-o", "DPkg::Lock::Timeout=300"];
  const update = await run("apt-get", ["-qq", ...lockWait, "update"], { env });
  if (update.code !== 0) {
    throw new Error(
      `apt-get update failed (exit ${update.code}): ${lastLine(update.stderr || update.stdout || String(update.error))}`,
    );
  }
  const install = await run("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...lockWait, ...packages], {
    env,
  });
  if (install.code !== 0) {
    throw new Error(
      `apt-get install ${packages.join(" ")} failed (exit ${install.code}): ` +
        lastLine(install.stderr || install.stdout || String(install.error)),
    );
  }
}
