import type { Readable } from "node:stream";

/**
 * Where uploaded files live. Keys are `/`-separated paths that callers namespace by tenant
 * (`<slug>/avatars/<random>.png`). The default is a local directory (`LocalDirectoryStorage`);
 * an S3-compatible store implements the same three methods over PutObject, GetObject and
 * DeleteObject and is passed to `buildApp({ storage })`.
 */
export interface Storage {
  /** Writes the whole object; a reader sees the old object or the new one, never half of it. */
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** The object with the content type it was stored with, or null when there is none. */
  get(key: string): Promise<StoredObject | null>;
  /** Removes the object; a missing key is not an error. */
  delete(key: string): Promise<void>;
}

export interface StoredObject {
  body: Readable;
  contentType: string;
  /** Bytes. */
  size: number;
}
