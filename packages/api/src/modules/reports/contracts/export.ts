import { table } from "../../../shared/documents/model.js";
import { parseCents } from "../../../shared/fields.js";
import type { ReportExport } from "../report-export.js";
import { contractsReport } from "./contracts.service.js";

const c = (money: string) => parseCents(money) as number;

const STATUSES: Record<string, string> = { active: "Vigente", completed: "Concluido", rescinded: "Rescindido" };

const accountColumns = [
  { key: "value", header: "Valor", type: "money", width: 14 },
  { key: "paid", header: "Pagado", type: "money", width: 14 },
  { key: "balance", header: "Saldo", type: "money", width: 14 },
] as const;

/** The contracts report on paper: the same service call as the JSON, laid out in Spanish. */
export const contractsExport: ReportExport = {
  key: "contracts",
  fileStem: "reporte-de-contratos",
  async build(ctx, input) {
    const r = await contractsReport(ctx.db, input);
    const totals = { value: c(r.totals.value), paid: c(r.totals.paid), balance: c(r.totals.balance) };
    return {
      title: "Reporte de contratos",
      period: r.period,
      facts: [
        { label: "Contratos del periodo", value: r.totals.count, type: "integer" },
        { label: "Valor total", value: totals.value, type: "money" },
        { label: "Pagado", value: totals.paid, type: "money" },
        { label: "Saldo", value: totals.balance, type: "money" },
        { label: "% pagado", value: r.totals.paidPercent, type: "percent" },
        { label: `Por vencer (próximos ${r.expiring.days} días)`, value: r.expiring.count, type: "integer" },
      ],
      tables: [
        // The school first: a PDF table's first column takes what the others leave, and nine
        // columns do not fit a portrait page, so the contract's type stays out.
        table({
          title: "Contratos",
          columns: [
            { key: "school", header: "Colegio", type: "text", width: 22 },
            { key: "id", header: "N.º", type: "integer" },
            { key: "title", header: "Contrato", type: "text", width: 16 },
            { key: "status", header: "Estado", type: "text" },
            { key: "validTo", header: "Fin", type: "date" },
            ...accountColumns,
          ],
          rows: r.contracts.map((k) => ({
            school: k.schoolName ?? "",
            id: k.id,
            title: k.title,
            status: STATUSES[k.status] ?? k.status,
            validTo: k.validTo,
            value: c(k.value),
            paid: c(k.paid),
            balance: c(k.balance),
          })),
          totals: { school: "Total", id: null, title: "", status: "", validTo: null, ...totals },
        }),
        table({
          title: "Contratos por estado",
          columns: [
            { key: "status", header: "Estado", type: "text", width: 16 },
            { key: "count", header: "Contratos", type: "integer" },
            ...accountColumns,
          ],
          rows: r.byStatus.map((s) => ({
            status: STATUSES[s.status] ?? s.status,
            count: s.count,
            value: c(s.value),
            paid: c(s.paid),
            balance: c(s.balance),
          })),
          totals: { status: "Total", count: r.totals.count, ...totals },
        }),
        table({
          title: "Por vencer",
          columns: [
            { key: "school", header: "Colegio", type: "text", width: 22 },
            { key: "id", header: "N.º", type: "integer" },
            { key: "title", header: "Contrato", type: "text", width: 22 },
            { key: "validTo", header: "Fin", type: "date" },
          ],
          rows: r.expiring.first.map((k) => ({
            school: k.schoolName ?? "",
            id: k.id,
            title: k.title,
            validTo: k.validTo,
          })),
        }),
      ],
      charts: [
        {
          kind: "pie",
          title: "Contratos por estado",
          points: r.byStatus
            .filter((s) => s.count > 0)
            .map((s) => ({ label: STATUSES[s.status] ?? s.status, value: s.count })),
        },
      ],
    };
  },
};
