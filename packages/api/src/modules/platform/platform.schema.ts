import { z } from "zod";

export const operatorLoginInput = z.object({
  email: z
    .email()
    .max(254)
    .transform((v) => v.toLowerCase())
    .describe("The operator's e-mail")
    .meta({ example: "operaciones@fotostudio.cloud" }),
  password: z.string().min(1).max(256).describe("Password").meta({ example: "clave-de-operador-2026" }),
});

export const operatorRefreshInput = z.object({
  refresh: z
    .string()
    .min(20)
    .max(100)
    .describe("The refresh token of the last pair (each is spent once)")
    .meta({ example: "w6ya2nt5qk3xe7mz4bv2rc6lh5dj3sp7fo2ug4ik" }),
});

export const operatorOutput = z
  .object({
    id: z.number().int(),
    email: z.string(),
    name: z.string().meta({ example: "Marta Ríos" }),
    lastLoginAt: z.date().nullable().describe("The previous login (before this one, at login)"),
  })
  .meta({ id: "Operator" });

export const operatorTokensOutput = z
  .object({
    access: z
      .string()
      .describe("Access token: send as `Authorization: Bearer <access>` to platform operations")
      .meta({ example: "p3xk7mq2zt5va6nrc4wl2hyd7eb3so5fju6gi4ta" }),
    refresh: z
      .string()
      .describe("Refresh token: trade it at /api/platform/auth/refresh/ for a new pair; usable once")
      .meta({ example: "w6ya2nt5qk3xe7mz4bv2rc6lh5dj3sp7fo2ug4ik" }),
    expiresAt: z.date().describe("When the access token expires unless used (it slides while in use)"),
    operator: operatorOutput,
  })
  .meta({ id: "OperatorLoginResult" });
