import type { ModuleKey } from "../root.js";

/**
 * What each module's tag says in the API documents (/docs, /openapi.json, /postman.json): one line
 * per module key, sorted. A module without its line does not type-check; `npm run gen:module`
 * inserts the new module's line (tooling/gen-module/register.mjs), so keep the shape: each entry on
 * one line (`  key: "…",`, under biome's 120 columns).
 */
export const TAG_DESCRIPTIONS = {
  appointments:
    "The agenda: sessions, deliveries, pickups, school photo days and meetings, booked on resources (photographers, rooms, equipment) that never double-book; reminders and rescheduling history.",
  audit:
    "The audit log, read-only (audit:read): who changed what and when, newest first, with the before and after of each change and no secret ever shown.",
  auth: "Log in (`POST /api/auth/login/` gives the Bearer token), sessions, my profile, avatar and password.",
  clients: "The studio's clients: persons (particulares) and schools (colegios), with their contact details.",
  dashboard:
    "The studio at a glance: revenue this month against last, pending and late orders, deliveries due, stock, production, clients, contracts and the next appointments; sections with series for charts.",
  inventory:
    "The materials catalog per category (mouldings, artworks, printing media, souvenirs, software, painting and design supplies), with the seven legacy per-category lists; costs and margins only for roles holding costs:read.",
  config:
    "Studio settings in typed groups (business, system, alerts, security, backup), the service catalog orders are sold from, and free key/value entries for integrators.",
  contracts:
    "School contracts: validity, value and payments, packages, the students roster (CSV import) and the contracts about to expire.",
  orders:
    "Orders from quote (proforma) to delivery: item and framed-piece lines priced by the frame engine, totals with tax, payments (deposits, payments, refunds) and the status lifecycle.",
  production:
    "Production orders (órdenes de producción): components reserved from stock, the workshop's state machine, output registered with its waste (mermas), and the trace from any movement back to the order and client.",
  products:
    "Finished products (productos terminados): frames, prints and pieces made by production or entered by hand, where they are kept, and their sale.",
  metrics:
    "KPIs computed from the studio's own rows (revenue, orders, clients, inventory, production, efficiency), their trends and comparisons, and saved metric definitions with a target and warning and critical thresholds.",
  reports:
    "Financial, inventory, production, clients and contracts reports over a period in the studio's calendar, and their exports as PDF (with charts), Excel and CSV.",
  platform: "Platform operators' sessions, no studio involved. Operators are made with the tenants CLI.",
  roles: "Roles and the permissions they grant: the five system roles and the studio's custom roles.",
  tenants: "Studios: operators list, create, suspend and resume them; any user reads their own (`current`).",
  users: "The studio's staff accounts: role, state and contact details.",
} satisfies Record<ModuleKey, string>;
