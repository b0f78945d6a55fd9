import { formatCents, formatQuantity } from "../fields.js";
import type { CellValue, ColumnType } from "./model.js";

// How values read on paper (PDF): money with the studio's currency in its locale ("S/ 1,250.00"
// for PEN in es-PE), days as DD/MM/YYYY. Files meant for machines (CSV) keep the API's decimal
// strings; Excel gets numbers with a number format (excel.ts).

const moneyFormats = new Map<string, Intl.NumberFormat>();

/** Integer cents in the currency, as the studio's locale writes it. */
export function moneyText(cents: number, currency: string, locale = "es-PE"): string {
  const key = `${locale}|${currency}`;
  let format = moneyFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: "currency", currency, minimumFractionDigits: 2 });
    moneyFormats.set(key, format);
  }
  // Intl works in floats; cents / 100 is exact enough to print (two decimals, never summed).
  return format.format(cents / 100);
}

/** YYYY-MM-DD → DD/MM/YYYY. */
export const dayText = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;

/** A cell as the PDF prints it. */
export function cellText(value: CellValue, type: ColumnType, currency: string, locale?: string): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string" && type !== "date") return value;
  switch (type) {
    case "money":
      return moneyText(Number(value), currency, locale);
    case "integer":
      return new Intl.NumberFormat(locale ?? "es-PE").format(Number(value));
    case "quantity":
      return formatQuantity(Number(value));
    case "percent":
      return `${Number(value).toFixed(2)} %`;
    case "date":
      return dayText(String(value));
    default:
      return String(value);
  }
}

/** A cell as CSV writes it: the API's own representation. */
export function cellCsv(value: CellValue, type: ColumnType): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (type === "money") return formatCents(value);
  if (type === "quantity") return formatQuantity(value);
  if (type === "percent") return value.toFixed(2);
  return String(value);
}
