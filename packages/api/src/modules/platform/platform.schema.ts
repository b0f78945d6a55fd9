import { z } from "zod";

export const operatorLoginInput = z.object({
  email: z
    .email()
    .max(254)
    .transform((v) => v.toLowerCase())
    .describe("The operator's e-mail"),
  password: z.string().min(1).max(256).describe("Password"),
});

export const operatorRefreshInput = z.object({
  refresh: z.string().min(20).max(100).describe("The refresh token of the last pair (each is spent once)"),
});

export const operatorOutput = z
  .object({
    id: z.number().int(),
    email: z.string(),
    name: z.string(),
    lastLoginAt: z.date().nullable().describe("The previous login (before this one, at login)"),
  })
  .meta({ id: "Operator" });

export const operatorTokensOutput = z
  .object({
    access: z.string().describe("Access token: send as `Authorization: Bearer <access>` to platform operations"),
    refresh: z.string().describe("Refresh token: trade it at /api/platform/auth/refresh/ for a new pair; usable once"),
    expiresAt: z.date().describe("When the access token expires unless used (it slides while in use)"),
    operator: operatorOutput,
  })
  .meta({ id: "OperatorLoginResult" });
