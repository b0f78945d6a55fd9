// The registrations a new module needs, as small edits of the files that list modules. Each edit
// is idempotent and fails loudly when the file no longer has the shape it expects.
import fs from "node:fs";
import path from "node:path";

/** @typedef {ReturnType<typeof import("./names.mjs").namesOf>} Names */

/**
 * Inserts `line` among the lines of `file` that match `among`, keeping them sorted; no-op when present.
 * @param {string} file @param {string} line @param {RegExp} among @param {RegExp} [after] where to add when none matches yet
 */
function insertSorted(file, line, among, after) {
  const text = fs.readFileSync(file, "utf8");
  if (text.includes(line)) return;
  const lines = text.split("\n");
  const matching = lines.map((l, i) => [l, i]).filter(([l]) => among.test(/** @type {string} */ (l)));
  let at;
  if (matching.length > 0) {
    const next = matching.find(([l]) => /** @type {string} */ (l).localeCompare(line) > 0);
    at = next ? /** @type {number} */ (next[1]) : /** @type {number} */ (matching[matching.length - 1]?.[1]) + 1;
  } else {
    const anchor = after ? lines.findIndex((l) => after.test(l)) : -1;
    if (anchor < 0) throw new Error(`${file}: no place to register "${line.trim()}"`);
    at = anchor + 1;
  }
  lines.splice(at, 0, line);
  fs.writeFileSync(file, lines.join("\n"));
}

/** @param {string} root @param {Names} n @returns {string[]} the files edited */
export function register(root, n) {
  const schemaIndex = path.join(root, "packages/db/src/schema/tenant/index.ts");
  insertSorted(schemaIndex, `export * from "./${n.kebab}.js";`, /^export \* from "\.\//);

  const rootFile = path.join(root, "packages/api/src/root.ts");
  insertSorted(
    rootFile,
    `import { ${n.key}Router } from "./modules/${n.kebab}/${n.kebab}.router.js";`,
    /^import \{ \w+Router \} from "\.\/modules\//,
  );
  insertSorted(rootFile, `  ${n.key}: ${n.key}Router,`, /^ {2}\w+: \w+Router,$/);

  const permissions = path.join(root, "packages/api/src/permissions.ts");
  insertSorted(permissions, `  "${n.key}:read",`, /^ {2}"[\w-]+:\w+",$/);
  insertSorted(permissions, `  "${n.key}:write",`, /^ {2}"[\w-]+:\w+",$/);

  const tags = path.join(root, "packages/api/src/openapi/tags.ts");
  const edited = [schemaIndex, rootFile, permissions];
  if (fs.existsSync(tags)) {
    insertSorted(tags, `  ${n.key}: "The studio's ${n.title}.",`, /^ {2}\w+: "/);
    edited.push(tags);
  }
  return edited;
}
