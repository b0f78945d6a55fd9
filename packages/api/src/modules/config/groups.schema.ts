import { z } from "zod";
import {
  alertSettings,
  backupSettings,
  businessSettings,
  frameSettings,
  securitySettings,
  systemSettings,
} from "./settings.schema.js";

// The typed setting groups over the API. PUT takes the whole group (omitted fields take their
// defaults); PATCH only the fields it sends, merged over what is stored. Read-only fields
// (`business.logo`, set by the logo upload; `backup.lastBackup`, set by the backup job) are not
// part of either body: sent anyway, they are ignored like any unknown field.

type Unwrapped<T> = T extends z.ZodDefault<infer Inner> ? Inner : T;
type PatchShape<S extends z.ZodRawShape> = { [K in keyof S]: z.ZodOptional<Unwrapped<S[K]>> };

/** Every field optional and without its default (a PATCH must not reset what it does not send). */
function patchOf<S extends z.ZodRawShape>(schema: z.ZodObject<S>): z.ZodObject<PatchShape<S>> {
  const shape = Object.fromEntries(
    Object.entries(schema.shape as unknown as Record<string, z.ZodType>).map(([key, field]) => {
      const inner = field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : field;
      // Descriptions go inside .optional(): trpc-to-openapi drops those on the optional wrapper.
      const description = field.description ?? inner.description;
      return [key, (description ? inner.describe(description) : inner).optional()];
    }),
  );
  return z.object(shape) as unknown as z.ZodObject<PatchShape<S>>;
}

export const replaceBusinessInput = businessSettings.omit({ logo: true });
export const patchBusinessInput = patchOf(replaceBusinessInput);
export const replaceSystemInput = systemSettings;
/** The frame parameters merge field by field too. */
export const patchSystemInput = patchOf(systemSettings).extend({
  frame: patchOf(frameSettings).describe("The frame price parameters to change").optional(),
});
export const replaceAlertsInput = alertSettings;
export const patchAlertsInput = patchOf(alertSettings);
export const replaceSecurityInput = securitySettings;
export const patchSecurityInput = patchOf(securitySettings);
export const replaceBackupInput = backupSettings.omit({ lastBackup: true });
export const patchBackupInput = patchOf(replaceBackupInput);

const nullableText = (description: string) => z.string().nullable().describe(description);
const decimal = (description: string, example: string) =>
  z.string().describe(`${description}: a decimal string with two decimals`).meta({ example });

export const businessOutput = z
  .object({
    legalName: nullableText("Legal name (razón social)").meta({ example: "Estudio Luz S.A.C." }),
    tradeName: nullableText("Trade name shown to clients").meta({ example: "Estudio Luz" }),
    taxId: nullableText("Tax id (RUC)").meta({ example: "20123456789" }),
    address: nullableText("Address").meta({ example: "Av. Arequipa 1234, Lima" }),
    phone: nullableText("Phone").meta({ example: "+51 1 234 5678" }),
    email: nullableText("Contact e-mail").meta({ example: "hola@estudioluz.pe" }),
    website: nullableText("Website").meta({ example: "https://estudioluz.pe" }),
    logoUrl: z
      .string()
      .nullable()
      .describe("Where the logo is served (`/media/<key>`, no token needed); set by PUT /config/business/logo")
      .meta({ example: null }),
    primaryColour: z.string().describe("Brand colour").meta({ example: "#1f2937" }),
    secondaryColour: z.string().describe("Second brand colour").meta({ example: "#f59e0b" }),
  })
  .meta({ id: "BusinessSettings" });
export type BusinessView = z.infer<typeof businessOutput>;

const frameOutput = z.object({
  sawAllowance: z.number().int().describe("Saw allowance k"),
  billingStepMm: z.number().int().describe("Moulding billing step, mm"),
  minBilledMm: z.number().int().describe("Minimum billed moulding length, mm"),
  markupBrackets: z.array(
    z.object({
      upTo: z.string().nullable().describe("Components costing up to this; null: no limit").meta({ example: "50.00" }),
      markupPercent: decimal("Markup over cost, percent", "150.00"),
    }),
  ),
  minLinePrice: decimal("Minimum price of a framed piece", "30.00"),
  oversizeThresholdMm: z.number().int().describe("United size above which the surcharge applies"),
  oversizeSurchargePercent: decimal("Surcharge on oversize frames, percent", "20.00"),
  glazingPricePerM2: decimal("Glazing per m² when no material is chosen", "80.00"),
  backingPricePerM2: decimal("Backing per m² when no material is chosen", "30.00"),
  matBoardPricePerM2: decimal("Mat board per m² when no material is chosen", "60.00"),
});

export const systemOutput = z
  .object({
    currency: z.string().describe("ISO 4217").meta({ example: "PEN" }),
    timeZone: z.string().describe("IANA time zone").meta({ example: "America/Lima" }),
    locale: z.string().describe("BCP 47 locale").meta({ example: "es-PE" }),
    taxRate: decimal("Sales tax (IGV) percent", "18.00"),
    pricesIncludeTax: z.boolean().describe("Catalog prices already include the tax"),
    orderNumberPrefix: z.string().describe("Order numbers read <prefix>-<year>-<sequence>").meta({ example: "P" }),
    discountLimitPercent: decimal("Discounts above this percent need prices:write", "10.00"),
    frame: frameOutput.describe("The frame price engine's parameters"),
  })
  .meta({ id: "SystemSettings" });

export const alertsOutput = z
  .object({
    expiringContractDays: z.number().int().describe("Contracts ending within this many days are expiring"),
    lowStock: z.boolean().describe("Alert on low stock"),
    lateOrders: z.boolean().describe("Alert on late orders"),
    wasteThresholdPercent: decimal("Alert when a material's waste passes this percent", "10.00"),
  })
  .meta({ id: "AlertSettings" });

export const securityOutput = z
  .object({
    sessionTimeoutMinutes: z.number().int().describe("A session idle this long ends").meta({ example: 60 }),
    maxFailedLogins: z.number().int().describe("Failed logins before the account is locked").meta({ example: 5 }),
    lockoutMinutes: z
      .number()
      .int()
      .describe("How long a locked account waits (failures count within this window)")
      .meta({ example: 15 }),
    minPasswordLength: z.number().int().describe("Minimum password length").meta({ example: 10 }),
  })
  .meta({ id: "SecuritySettings" });

export const backupOutput = z
  .object({
    schedule: z.enum(["off", "daily", "weekly"]).describe("How often the studio's data is backed up"),
    retentionDays: z.number().int().describe("How long backups are kept"),
    lastBackup: z
      .object({
        at: z.string().describe("When it ran (ISO 8601)"),
        status: z.enum(["ok", "failed"]),
        sizeBytes: z.number().int().nullable(),
      })
      .nullable()
      .describe("The last backup; null until one ran (read-only)")
      .meta({ example: null }),
  })
  .meta({ id: "BackupSettings" });
