import type { Executor } from "@fotostudio/db";
import type { FileStorage } from "../../context.js";
import { readSettings } from "../../modules/config/settings.service.js";
import type { DocumentStudio } from "./model.js";

const LOGO_MAX_BYTES = 2 * 1024 * 1024;

/**
 * The studio as its documents show it: trade name (else legal name, else the studio's name), RUC,
 * address and contacts from the business settings, the logo's bytes through the storage port
 * (PNG or JPEG; a WebP logo is left out, pdfmake cannot draw it), currency and time zone.
 */
export async function studioBranding(
  db: Executor,
  storage: FileStorage,
  tenant: { slug: string; name: string },
): Promise<DocumentStudio> {
  const [business, system] = await Promise.all([readSettings(db, "business"), readSettings(db, "system")]);
  return {
    slug: tenant.slug,
    name: business.tradeName ?? business.legalName ?? tenant.name,
    taxId: business.taxId,
    address: business.address,
    phone: business.phone,
    email: business.email,
    logo: business.logo ? await logoBytes(storage, business.logo) : null,
    currency: system.currency,
    timeZone: system.timeZone,
  };
}

async function logoBytes(storage: FileStorage, key: string): Promise<Buffer | null> {
  const object = await storage.get(key);
  if (!object || !/^image\/(png|jpeg)$/.test(object.contentType)) return null;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of object.body) {
    size += chunk.length;
    if (size > LOGO_MAX_BYTES) return null;
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}
