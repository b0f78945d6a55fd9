import { z } from "zod";

const email = z
  .email()
  .max(254)
  .transform((v) => v.toLowerCase())
  .describe("Login e-mail");

export const loginInput = z.object({
  email,
  password: z.string().min(1).max(256).describe("Password"),
});

export const refreshInput = z.object({
  refresh: z.string().min(20).max(100).describe("The refresh token of the last pair (each is spent once)"),
});

export const profileOutput = z
  .object({
    id: z.number().int(),
    email: z.string(),
    name: z.string(),
    phone: z.string().nullable(),
    language: z.string(),
    role: z.object({ key: z.string(), name: z.string() }),
    permissions: z.array(z.string()).describe("What this user may do, `<module>:<action>`"),
    avatarUrl: z.string().nullable().describe("Path of the avatar image on this server, if any"),
  })
  .meta({ id: "Profile" });

export const tokensOutput = z
  .object({
    access: z.string().describe("Access token: send as `Authorization: Bearer <access>`"),
    refresh: z.string().describe("Refresh token: trade it at /api/auth/refresh/ for a new pair; usable once"),
    expiresAt: z.date().describe("When the access token expires unless used (it slides while in use)"),
    user: profileOutput,
  })
  .meta({ id: "LoginResult" });

export const updateProfileInput = z.object({
  name: z.string().trim().min(1).max(200).describe("Display name"),
  phone: z
    .string()
    .trim()
    .max(32)
    .nullish()
    .transform((v) => v || null)
    .describe("Phone"),
  language: z.enum(["es", "en", "pt"]).default("es").describe("Interface language"),
});

export const changePasswordInput = z.object({
  currentPassword: z.string().min(1).max(256).describe("The password in use now"),
  newPassword: z.string().min(1).max(256).describe("At least 10 characters, not the e-mail address"),
});

export const sessionOutput = z
  .object({
    id: z.number().int(),
    current: z.boolean().describe("The session this request uses"),
    createdAt: z.date(),
    lastUsedAt: z.date(),
    expiresAt: z.date(),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
  })
  .meta({ id: "Session" });

export const okOutput = z.object({ ok: z.literal(true) });
