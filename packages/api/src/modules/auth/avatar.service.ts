import { randomBytes } from "node:crypto";
import { type Executor, users } from "@fotostudio/db";
import { eq } from "drizzle-orm";
import type { FileStorage } from "../../context.js";
import { AppError } from "../../errors.js";
import type { Effects } from "../../procedures/effects.js";
import type { SessionUser } from "../../sessions/user-sessions.js";
import { type ImageUpload, sniffImage } from "../../shared/images.js";
import { profileOf } from "./auth.service.js";

/** A tenant's avatars live under `<slug>/avatars/`: keys carry their tenant, never shared. */
export function avatarPrefix(tenantSlug: string): string {
  return `${tenantSlug}/avatars/`;
}

/**
 * Stores the new image (if any) under a fresh random key and points the user at it. The previous
 * key is read under the user's row lock, so of two concurrent uploads each learns the file it
 * replaced. The file is written before the lock is taken (storage I/O never holds the row); it is
 * removed again if the transaction rolls back, and the replaced file is deleted once it commits.
 */
export async function setAvatar(
  db: Executor,
  ports: { storage: FileStorage; effects: Effects },
  tenantSlug: string,
  user: SessionUser,
  upload: ImageUpload,
) {
  let key: string | null = null;
  if (upload.bytes) {
    const type = await sniffImage(upload.bytes, "avatars");
    const stored = `${avatarPrefix(tenantSlug)}${randomBytes(16).toString("base64url")}.${type.ext}`;
    await ports.storage.put(stored, upload.bytes, type.mime);
    ports.effects.afterRollback(() => ports.storage.delete(stored));
    key = stored;
  }
  const [row] = await db.select({ avatarKey: users.avatarKey }).from(users).where(eq(users.id, user.id)).for("update");
  if (!row) throw new AppError("NOT_FOUND", "User not found");
  await db.update(users).set({ avatarKey: key }).where(eq(users.id, user.id));
  const replaced = row.avatarKey;
  if (replaced) ports.effects.afterCommit(() => ports.storage.delete(replaced));
  return {
    before: { avatarKey: replaced },
    after: { avatarKey: key },
    profile: await profileOf(db, { ...user, avatarKey: key }),
  };
}
