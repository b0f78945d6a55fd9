import { randomBytes } from "node:crypto";
import type { Executor } from "@fotostudio/db";
import type { FileStorage } from "../../context.js";
import type { Effects } from "../../procedures/effects.js";
import type { ImageUpload } from "../../shared/images.js";
import { sniffImage } from "../../shared/images.js";
import { businessView } from "./groups.service.js";
import { lockSettings, writeSettings } from "./settings.service.js";

/** A studio's logos live under `<slug>/logos/`: keys carry their tenant, as avatars' do. */
export function logoPrefix(tenantSlug: string): string {
  return `${tenantSlug}/logos/`;
}

/**
 * Stores the new logo (if any) under a fresh random key and points the business group at it, as
 * the avatar upload does for a user: the file is written before the group's row lock is taken,
 * removed again if the transaction rolls back, and the replaced file is deleted once it commits.
 * `upload` is the in-process upload object only the logo route can build (no client can send one).
 */
export async function setLogo(
  db: Executor,
  ports: { storage: FileStorage; effects: Effects },
  tenantSlug: string,
  upload: ImageUpload,
  userId: number,
) {
  let key: string | null = null;
  if (upload.bytes) {
    const type = await sniffImage(upload.bytes, "logos");
    const stored = `${logoPrefix(tenantSlug)}${randomBytes(16).toString("base64url")}.${type.ext}`;
    await ports.storage.put(stored, upload.bytes, type.mime);
    ports.effects.afterRollback(() => ports.storage.delete(stored));
    key = stored;
  }
  const before = await lockSettings(db, "business");
  const after = { ...before, logo: key };
  await writeSettings(db, "business", after, userId);
  const replaced = before.logo;
  if (replaced && replaced !== key) ports.effects.afterCommit(() => ports.storage.delete(replaced));
  return { before: { logo: replaced }, after: { logo: key }, view: businessView(after) };
}
