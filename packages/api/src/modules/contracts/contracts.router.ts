import type { ContractRow } from "@fotostudio/db";
import type { TRPCRouterRecord } from "@trpc/server";
import { applied, removed } from "../../shared/changes.js";
import { asFileOutput, fileOutput, studioFile } from "../../shared/documents/file.js";
import { deletedOutput, idInput } from "../../shared/fields.js";
import { type Page, paginated } from "../../shared/list.js";
import { rest } from "../../shared/rest.js";
import { type AuthedContext, authedProcedure } from "../../trpc.js";
import {
  contractOutput,
  createContractInput,
  expiringContractsInput,
  listContractsInput,
  type PatchContractInput,
  patchContractInput,
  replaceContractInput,
  transitionContractInput,
} from "./contracts.schema.js";
import * as service from "./contracts.service.js";
import {
  contractPaymentOutput,
  contractPaymentsInput,
  contractPaymentsOutput,
  createContractPaymentInput,
} from "./payments.schema.js";
import { studentsRouter } from "./students.router.js";

const shown = (ctx: AuthedContext, row: ContractRow) => service.toContract(ctx.db, row);
const shownPage = async (ctx: AuthedContext, page: Page<service.ContractListRow>) => ({
  ...page,
  results: await service.toContracts(ctx.db, page.results),
});

/** PUT and PATCH: the same change, a whole or a partial contract. */
const update = async (ctx: AuthedContext, { id, ...changes }: PatchContractInput) =>
  shown(ctx, await applied(ctx, service.updateContract(ctx.db, id, changes)));

const TERMS_NOTE =
  "The school must be a client of kind school (400 on `schoolId`), validTo after validFrom (400 on `validTo`), the responsible user an active user of the studio (400 on `responsibleUserId`); packages, when sent, replace the contract's packages.";
const EDIT_NOTE = `${TERMS_NOTE} Only draft and active contracts change (409 ILLEGAL_TRANSITION); the value cannot drop below what was paid (422 OVERPAYMENT).`;

export const contractsRouter = {
  list: authedProcedure
    .meta({
      permission: "contracts:read",
      openapi: rest(
        "GET",
        "/contracts",
        "List contracts",
        "School contracts, paginated, with their account (paid, balance, paidPercent), days left and packages; filter by status, type, school and expired; search matches the title and the school's name.",
      ),
    })
    .input(listContractsInput)
    .output(paginated(contractOutput))
    .query(async ({ ctx, input }) => shownPage(ctx, await service.listContracts(ctx.db, input))),

  // A static path: declared before /contracts/{id}.
  expiring: authedProcedure
    .meta({
      permission: "contracts:read",
      openapi: rest(
        "GET",
        "/contracts/expiring",
        "List contracts about to end",
        "Active contracts whose last day is within `days` days from today (today included; the alerts setting expiringContractDays, 30, by default), soonest first, each with daysLeft counted in the studio's calendar. Drafts, completed, rescinded and already expired contracts are never listed.",
      ),
    })
    .input(expiringContractsInput)
    .output(paginated(contractOutput))
    .query(async ({ ctx, input }) => shownPage(ctx, await service.expiringContracts(ctx.db, input))),

  byId: authedProcedure
    .meta({ permission: "contracts:read", openapi: rest("GET", "/contracts/{id}", "Get a contract") })
    .input(idInput("Contract"))
    .output(contractOutput)
    .query(async ({ ctx, input }) => shown(ctx, await service.getContract(ctx.db, input.id))),

  /** The contract as a PDF; over tRPC in base64, over REST the bytes at `GET /api/contracts/{id}/pdf/`. */
  pdf: authedProcedure
    .meta({
      permission: "contracts:read",
      openapi: { ...rest("GET", "/contracts/{id}/pdf", "Print a contract"), enabled: false },
    })
    .input(idInput("Contract"))
    .output(fileOutput)
    .query(async ({ ctx, input }) =>
      asFileOutput(await studioFile(ctx, "pdf", service.contractPrintable(ctx.db, input.id))),
    ),

  create: authedProcedure
    .meta({
      permission: "contracts:write",
      created: true,
      openapi: rest(
        "POST",
        "/contracts",
        "Create a contract",
        `Starts as draft unless status is active. ${TERMS_NOTE}`,
      ),
    })
    .input(createContractInput)
    .output(contractOutput)
    .mutation(async ({ ctx, input }) => shown(ctx, await applied(ctx, service.createContract(ctx.db, input)))),

  update: authedProcedure
    .meta({
      permission: "contracts:write",
      errors: ["ILLEGAL_TRANSITION", "OVERPAYMENT"],
      openapi: rest(
        "PUT",
        "/contracts/{id}",
        "Replace a contract's terms",
        `Every field is set; omitted optional fields become empty or their default (no packages: none). ${EDIT_NOTE}`,
      ),
    })
    .input(replaceContractInput)
    .output(contractOutput)
    .mutation(({ ctx, input }) => update(ctx, input)),

  patch: authedProcedure
    .meta({
      permission: "contracts:write",
      errors: ["ILLEGAL_TRANSITION", "OVERPAYMENT"],
      openapi: rest("PATCH", "/contracts/{id}", "Update some terms of a contract", EDIT_NOTE),
    })
    .input(patchContractInput)
    .output(contractOutput)
    .mutation(({ ctx, input }) => update(ctx, input)),

  delete: authedProcedure
    .meta({
      permission: "contracts:write",
      errors: ["ILLEGAL_TRANSITION", "CONFLICT"],
      openapi: rest(
        "DELETE",
        "/contracts/{id}",
        "Delete a draft contract",
        "Only drafts are deleted, with their packages and roster (409 ILLEGAL_TRANSITION otherwise: rescind it); a draft with payments stays (409 CONFLICT), since payments are never deleted.",
      ),
    })
    .input(idInput("Contract"))
    .output(deletedOutput)
    .mutation(({ ctx, input }) => removed(ctx, input.id, service.deleteContract(ctx.db, input.id))),

  transition: authedProcedure
    .meta({
      permission: "contracts:write",
      errors: ["ILLEGAL_TRANSITION"],
      openapi: rest(
        "POST",
        "/contracts/{id}/transition",
        "Change a contract's status",
        "draft → active → completed; draft or active → rescinded, which needs a reason (400 on `reason`) and is final. Any other move is 409 ILLEGAL_TRANSITION and changes nothing.",
      ),
    })
    .input(transitionContractInput)
    .output(contractOutput)
    .mutation(async ({ ctx, input }) => shown(ctx, await applied(ctx, service.transitionContract(ctx.db, input)))),

  ...studentsRouter,

  payments: authedProcedure
    .meta({
      permission: "contracts:read",
      openapi: rest(
        "GET",
        "/contracts/{id}/payments",
        "A contract's payments",
        "The contract's value, what was paid (deposits + payments − refunds), the balance and paidPercent, and every payment, oldest first.",
      ),
    })
    .input(contractPaymentsInput)
    .output(contractPaymentsOutput)
    .query(({ ctx, input }) => service.listPayments(ctx.db, input.id)),

  addPayment: authedProcedure
    .meta({
      permission: "contracts:write",
      created: true,
      errors: ["OVERPAYMENT", "REFUND_EXCEEDS_PAID", "CONTRACT_NOT_ACTIVE"],
      openapi: rest(
        "POST",
        "/contracts/{id}/payments",
        "Take a payment on a contract",
        "A deposit, payment or refund; payments are never edited or deleted. What was paid never exceeds the contract's value (422 OVERPAYMENT), a refund never exceeds what was paid (422 REFUND_EXCEEDS_PAID), and a rescinded contract takes refunds only (422 CONTRACT_NOT_ACTIVE).",
      ),
    })
    .input(createContractPaymentInput)
    .output(contractPaymentOutput)
    .mutation(async ({ ctx, input }) =>
      service.toPayment(await applied(ctx, service.addPayment(ctx.db, ctx.auth.user.id, input))),
    ),
} satisfies TRPCRouterRecord;
