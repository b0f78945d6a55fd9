import {
  date,
  decimal,
  index,
  json,
  mysqlEnum,
  mysqlTable,
  smallint,
  text,
  uniqueIndex,
  varchar,
} from "drizzle-orm/mysql-core";
import { id, instant, ref, timestamps } from "../columns.js";
import { paymentColumns, schoolLevels } from "./orders.js";

export const contractTypes = ["annual", "semester", "monthly", "project"] as const;
export const contractStatuses = ["draft", "active", "completed", "rescinded"] as const;
export type ContractStatus = (typeof contractStatuses)[number];
export const contractDeliveries = ["school", "home"] as const;

/** A school contract: a school (a client of kind school) buys the year's photos and souvenirs. */
export const contracts = mysqlTable(
  "contracts",
  {
    id: id(),
    schoolId: ref().notNull(),
    title: varchar({ length: 200 }).notNull(),
    type: mysqlEnum(contractTypes).notNull(),
    validFrom: date({ mode: "string" }).notNull(),
    validTo: date({ mode: "string" }).notNull(),
    status: mysqlEnum(contractStatuses).notNull().default("draft"),
    value: decimal({ precision: 14, scale: 2 }).notNull().default("0.00"),
    commissionPercent: decimal({ precision: 5, scale: 2 }).notNull().default("0.00"),
    photoDay: date({ mode: "string" }),
    makeupDay: date({ mode: "string" }),
    orderDeadline: date({ mode: "string" }),
    deliveryTo: mysqlEnum(contractDeliveries).notNull().default("school"),
    clauses: text(),
    notes: text(),
    responsibleUserId: ref(),
    rescindedAt: instant(),
    rescindReason: varchar({ length: 500 }),
    ...timestamps,
  },
  (t) => [
    index("contracts_school_idx").on(t.schoolId),
    index("contracts_status_valid_to_idx").on(t.status, t.validTo),
    index("contracts_title_idx").on(t.title),
    index("contracts_created_idx").on(t.createdAt),
  ],
);
export type ContractRow = typeof contracts.$inferSelect;

/** A package the contract offers (name, price, what it holds): its price becomes an order line. */
export const contractPackages = mysqlTable(
  "contract_packages",
  {
    id: id(),
    contractId: ref().notNull(),
    name: varchar({ length: 200 }).notNull(),
    price: decimal({ precision: 14, scale: 2 }).notNull(),
    items: json().$type<string[]>().notNull(),
    position: smallint().notNull().default(0),
  },
  (t) => [index("contract_packages_contract_idx").on(t.contractId)],
);
export type ContractPackageRow = typeof contractPackages.$inferSelect;

/** The roster: students of the school under this contract, each with an access code for guest links. */
export const contractStudents = mysqlTable(
  "contract_students",
  {
    id: id(),
    contractId: ref().notNull(),
    level: mysqlEnum(schoolLevels).notNull(),
    grade: varchar({ length: 20 }).notNull(),
    section: varchar({ length: 20 }),
    name: varchar({ length: 200 }).notNull(),
    guardianName: varchar({ length: 200 }),
    guardianPhone: varchar({ length: 32 }),
    accessCode: varchar({ length: 16 }).notNull(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("contract_students_code_uq").on(t.contractId, t.accessCode),
    index("contract_students_roster_idx").on(t.contractId, t.level, t.grade, t.section, t.name),
  ],
);
export type ContractStudentRow = typeof contractStudents.$inferSelect;

/** Payments on a contract, like an order's: never edited or deleted. */
export const contractPayments = mysqlTable(
  "contract_payments",
  {
    id: id(),
    contractId: ref().notNull(),
    ...paymentColumns(),
  },
  (t) => [index("contract_payments_contract_idx").on(t.contractId, t.createdAt)],
);
export type ContractPaymentRow = typeof contractPayments.$inferSelect;
