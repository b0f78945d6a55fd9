import { randomBytes } from "node:crypto";
import { mkdir, open, rename, rm, writeFile } from "node:fs/promises";
import { dirname, extname, join, resolve } from "node:path";
import type { Storage, StoredObject } from "./storage.js";

// The directory keeps no metadata: an object's content type is its key's extension's, so put()
// refuses a key whose extension says otherwise (the avatar route names keys after sniffed types).
const TYPES: Record<string, string> = {
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
};

// No segment starts with a dot: no `..`, no dot-files (our temp files); no absolute paths.
const KEY = /^[A-Za-z0-9_-][A-Za-z0-9._-]*(\/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$/;

/** Objects as files under one directory (`STORAGE_DIR`), one file per key. */
export class LocalDirectoryStorage implements Storage {
  readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  async put(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    const expected = TYPES[extname(key).toLowerCase()];
    if (expected !== contentType) {
      throw new Error(`local storage: key ${key} does not carry the extension of ${contentType}`);
    }
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    // Written aside, then renamed: rename is atomic within a directory.
    const temp = join(dirname(path), `.${randomBytes(8).toString("hex")}.tmp`);
    try {
      await writeFile(temp, bytes, { flag: "wx" });
      await rename(temp, path);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<StoredObject | null> {
    if (!KEY.test(key)) return null;
    const contentType = TYPES[extname(key).toLowerCase()] ?? "application/octet-stream";
    // Open first: a delete between a stat and the read cannot break a response already begun.
    const handle = await open(this.pathOf(key), "r").catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT" || error.code === "EISDIR" || error.code === "ENOTDIR") return null;
      throw error;
    });
    if (!handle) return null;
    try {
      const stat = await handle.stat();
      if (!stat.isFile()) {
        await handle.close();
        return null;
      }
      return { body: handle.createReadStream(), contentType, size: stat.size };
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  private pathOf(key: string): string {
    if (!KEY.test(key)) throw new Error(`local storage: invalid key ${JSON.stringify(key)}`);
    return join(this.root, ...key.split("/"));
  }
}
