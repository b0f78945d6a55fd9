import { fileTypeFromBuffer } from "file-type";
import { z } from "zod";
import { AppError } from "../errors.js";

/** The image types the studio keeps (avatars, logos, product photos), with their keys' extension. */
export const IMAGE_TYPES: Record<string, string> = { "image/png": "png", "image/jpeg": "jpg", "image/webp": "webp" };

/**
 * The type from the bytes (magic numbers), never from the file name or the declared type: a GIF,
 * an SVG (which can carry scripts) or text named `.png` is refused (415).
 */
export async function sniffImage(bytes: Uint8Array, what: string): Promise<{ mime: string; ext: string }> {
  const type = await fileTypeFromBuffer(bytes);
  const ext = type ? IMAGE_TYPES[type.mime] : undefined;
  if (!type || !ext) {
    throw new AppError(
      "UNSUPPORTED_MEDIA_TYPE",
      `The file is ${type ? type.mime : "not a recognised image"}; ${what} must be PNG, JPEG or WebP`,
    );
  }
  return { mime: type.mime, ext };
}

/**
 * An uploaded image's bytes (or none: remove it), received by an HTTP route (binary bodies fit
 * neither tRPC nor the generated REST) and handed to its procedure in-process through
 * `createCaller` (avatars, the studio's logo). A class on purpose: neither JSON nor superjson can
 * build an instance, so such a procedure called over /trpc fails validation. The bytes are
 * sniffed by the procedure's service, after the session and permission were checked.
 */
export class ImageUpload {
  constructor(readonly bytes: Uint8Array | null) {}
}

/** The input of a procedure only its upload route calls (`route`: where clients send the image). */
export const imageUploadInput = (procedure: string, route: string) =>
  z.custom<ImageUpload>((value) => value instanceof ImageUpload, {
    message: `${procedure} is called by the upload route only (${route})`,
  });
