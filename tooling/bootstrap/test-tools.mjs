// The system tools the tests use besides MariaDB: poppler-utils reads the exported PDFs back
// (pdftotext, pdftoppm, pdfinfo). Installed with apt-get as root, like MariaDB.
//
// No npm dependencies: this runs before `pnpm install`.

import { aptInstall, canApt } from "../mariadb/apt.mjs";
import { which } from "../mariadb/system.mjs";
import { BootstrapError } from "./children.mjs";

/** Each Debian package with a binary that proves it is installed. */
export const TEST_TOOLS = [{ pkg: "poppler-utils", bins: ["pdftotext", "pdftoppm", "pdfinfo"] }];

const missing = () => TEST_TOOLS.filter((t) => t.bins.some((bin) => !which(bin, ["/usr/bin"])));

/** Make sure the test tools are installed, installing them with apt-get when running as root. */
export async function ensureTestTools() {
  const absent = missing();
  if (absent.length === 0) return;
  const packages = absent.map((t) => t.pkg);
  if (!canApt()) {
    throw new BootstrapError(
      `the tests need ${packages.join(", ")} (PDF exports are read back with pdftotext and pdftoppm): ` +
        `sudo apt-get install ${packages.join(" ")}`,
    );
  }
  await aptInstall(packages);
  const still = missing();
  if (still.length > 0)
    throw new BootstrapError(
      `apt-get installed ${packages.join(" ")}, but ${still[0]?.bins.join("/")} are still not found`,
    );
}
