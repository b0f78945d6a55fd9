import { fileTypeFromBuffer } from "file-type";
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
