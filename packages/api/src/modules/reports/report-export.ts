import type { DocumentChart, DocumentFact, DocumentTable } from "../../shared/documents/model.js";
import type { SeriesInput } from "../../shared/periods.js";
import type { AuthedContext } from "../../trpc.js";

/** Costs, margins and valuation at cost are answered only to roles holding costs:read. */
export const seesCosts = (ctx: Pick<AuthedContext, "auth">) => ctx.auth.permissions.has("costs:read");

/** The reports that export (`?report=` of `GET /api/reports/export/{pdf,excel,csv}/`). */
export const reportKeys = ["financial", "inventory", "production", "clients", "contracts"] as const;
export type ReportKey = (typeof reportKeys)[number];

/** A report's content for a file: the export adds the studio's branding and the generation time. */
export interface ReportSections {
  /** `Reporte financiero` */
  title: string;
  subtitle?: string;
  period?: { from: string; to: string };
  facts?: DocumentFact[];
  tables: DocumentTable[];
  charts?: DocumentChart[];
}

/**
 * How one report exports: the same numbers as its JSON endpoint (build it from the same service
 * call), laid out as tables and charts. Each report module exports one of these from
 * `modules/reports/<report>/export.ts`; the export procedure looks them up by key.
 */
export interface ReportExport {
  key: ReportKey;
  /** The file name's stem, `reporte-financiero`; the export appends the period and studio slug. */
  fileStem: string;
  build(ctx: AuthedContext, input: SeriesInput): Promise<ReportSections>;
}
