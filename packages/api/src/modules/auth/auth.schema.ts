import { z } from "zod";
import { email, id, language, phone, text } from "../../shared/fields.js";

export const loginInput = z.object({
  email: email("Login e-mail").meta({ example: "owner@demo.test" }),
  password: z.string().min(1).max(256).describe("Password").meta({ example: "fotostudio-demo" }),
});

export const refreshInput = z.object({
  refresh: z
    .string()
    .min(20)
    .max(100)
    .describe("The refresh token of the last pair (each is spent once)")
    .meta({ example: "mf2xa4tjnzsxg2lpnzzs4y3mn52wi5dpmfqwc3lr" }),
});

export const profileOutput = z
  .object({
    id: z.number().int(),
    email: z.string(),
    name: z.string(),
    phone: z.string().nullable(),
    language: z.string(),
    role: z.object({ key: z.string(), name: z.string() }).meta({ example: { key: "owner", name: "Owner" } }),
    permissions: z
      .array(z.string())
      .describe("What this user may do, `<module>:<action>`")
      .meta({ example: ["clients:read", "clients:write", "users:read"] }),
    avatarUrl: z
      .string()
      .nullable()
      .describe("Path of the avatar image on this server, if any")
      .meta({ example: "/media/demo/avatars/5f1d3c9e0a7b4e2d8c6f1a3b5d7e9f02.webp" }),
  })
  .meta({ id: "Profile" });

export const tokensOutput = z
  .object({
    access: z
      .string()
      .describe("Access token: send as `Authorization: Bearer <access>`")
      .meta({ example: "k4tq7zr2mvx6bq3nfa5ych2wde7jlp4sotu6ga3x" }),
    refresh: z
      .string()
      .describe("Refresh token: trade it at /api/auth/refresh/ for a new pair; usable once")
      .meta({ example: "mf2xa4tjnzsxg2lpnzzs4y3mn52wi5dpmfqwc3lr" }),
    expiresAt: z.date().describe("When the access token expires unless used (it slides while in use)"),
    user: profileOutput,
  })
  .meta({ id: "LoginResult" });

export const updateProfileInput = z.object({
  name: text(200, "Display name").meta({ example: "Rosa Huamán" }),
  phone: phone("Phone"),
  language: language.default("es"),
});

export const changePasswordInput = z.object({
  currentPassword: z.string().min(1).max(256).describe("The password in use now").meta({ example: "fotostudio-demo" }),
  newPassword: z
    .string()
    .min(1)
    .max(256)
    .describe("At least the studio's minimum length (security settings, 10 by default), not the e-mail address")
    .meta({ example: "otra-clave-segura-2026" }),
});

export const sessionOutput = z
  .object({
    id: z.number().int(),
    current: z.boolean().describe("The session this request uses"),
    createdAt: z.date(),
    lastUsedAt: z.date(),
    expiresAt: z.date(),
    ip: z.string().nullable().meta({ example: "203.0.113.24" }),
    userAgent: z.string().nullable().meta({ example: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Firefox/133.0" }),
  })
  .meta({ id: "Session" });

export const sessionListOutput = z.array(sessionOutput);

export const revokeSessionInput = z.object({ id: id("Session") });

/** Logging out everywhere, or changing the password, ends sessions: how many. */
export const revokedOutput = z
  .object({ ok: z.literal(true), revokedSessions: z.number().int().describe("Sessions ended") })
  .meta({ id: "RevokedSessions" });
