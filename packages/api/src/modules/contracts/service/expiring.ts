import { contracts, type Executor } from "@fotostudio/db";
import { and, asc, count, eq, gte, lte } from "drizzle-orm";
import type { Page } from "../../../shared/list.js";
import { addDays, studioToday } from "../../../shared/studio-days.js";
import { readSettings } from "../../config/settings.service.js";
import type { ExpiringContractsInput } from "../contracts.schema.js";
import { type ContractListRow, contractWithSchool } from "./view.js";

/**
 * Active contracts whose last day falls within the next `days` days (today included), soonest
 * first. The window defaults to the studio's alerts setting; days count in the studio's calendar.
 */
export async function expiringContracts(db: Executor, input: ExpiringContractsInput): Promise<Page<ContractListRow>> {
  const days = input.days ?? (await readSettings(db, "alerts")).expiringContractDays;
  const today = await studioToday(db);
  const where = and(
    eq(contracts.status, "active"),
    gte(contracts.validTo, today),
    lte(contracts.validTo, addDays(today, days)),
  );
  const [rows, [counted]] = await Promise.all([
    contractWithSchool(db)
      .where(where)
      .orderBy(asc(contracts.validTo), asc(contracts.id))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    db.select({ n: count() }).from(contracts).where(where),
  ]);
  return { count: counted?.n ?? 0, page: input.page, pageSize: input.pageSize, results: rows };
}
