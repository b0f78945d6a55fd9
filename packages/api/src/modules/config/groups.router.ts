import type { SettingGroup } from "@fotostudio/db";
import type { z } from "zod";
import { sessionsChanged } from "../../sessions/session-cache.js";
import { applied, record } from "../../shared/changes.js";
import { emptyInput } from "../../shared/fields.js";
import { imageUploadInput } from "../../shared/images.js";
import { rest } from "../../shared/rest.js";
import { authedProcedure } from "../../trpc.js";
import {
  alertsOutput,
  backupOutput,
  businessOutput,
  patchAlertsInput,
  patchBackupInput,
  patchBusinessInput,
  patchSecurityInput,
  patchSystemInput,
  replaceAlertsInput,
  replaceBackupInput,
  replaceBusinessInput,
  replaceSecurityInput,
  replaceSystemInput,
  securityOutput,
  systemOutput,
} from "./groups.schema.js";
import { businessView, patchGroup, replaceGroup } from "./groups.service.js";
import { setLogo } from "./logo.service.js";
import { settingsChanged } from "./settings.cache.js";
import type { SettingsOf } from "./settings.schema.js";
import { readSettings } from "./settings.service.js";

interface GroupSpec<G extends SettingGroup, O extends z.ZodType> {
  group: G;
  output: O;
  /** What GET says of the group (docs). */
  about: string;
  /** The group as the API shows it. */
  show(values: SettingsOf[G]): z.input<O>;
}

const same = <T>(values: T) => values;

/**
 * tRPC cannot relate a generic output schema to the handler's value; `show` is typed against the
 * schema, and the output schema checks the value at run time.
 */
const shown = (value: unknown) => value as never;

/** GET: everyone on the staff reads the settings (config:read). */
const read = <G extends SettingGroup, O extends z.ZodType>(spec: GroupSpec<G, O>) =>
  authedProcedure
    .meta({
      permission: "config:read",
      openapi: rest("GET", `/config/${spec.group}`, `Get the ${spec.group} settings`, spec.about),
    })
    .input(emptyInput)
    .output(spec.output)
    .query(async ({ ctx }) => shown(spec.show(await readSettings(ctx.db, spec.group))));

/** PUT and PATCH: the owner's (config:write). */
const change = <G extends SettingGroup, O extends z.ZodType, I extends z.ZodType<object>>(
  spec: GroupSpec<G, O>,
  method: "PUT" | "PATCH",
  input: I,
) => {
  const apply = method === "PUT" ? replaceGroup : patchGroup;
  const summary = method === "PUT" ? `Replace the ${spec.group} settings` : `Change some ${spec.group} settings`;
  const how =
    method === "PUT"
      ? "The whole group: omitted fields take their defaults."
      : "Only the fields sent change; the rest keep their stored values.";
  return authedProcedure
    .meta({
      permission: "config:write",
      openapi: rest(method, `/config/${spec.group}`, summary, `${how} ${spec.about}`),
    })
    .input(input)
    .output(spec.output)
    .mutation(async ({ ctx, input }) => {
      settingsChanged(ctx);
      // Sessions carry the idle timeout they slide by.
      if (spec.group === "security") sessionsChanged(ctx);
      return shown(spec.show(await applied(ctx, apply(ctx.db, spec.group, input as object, ctx.auth.user.id))));
    });
};

const business: GroupSpec<"business", typeof businessOutput> = {
  group: "business",
  output: businessOutput,
  about:
    "Legal and trade name, RUC, address, contact and brand colours. The logo is uploaded at /config/business/logo (read-only here: `logo` in a body is ignored).",
  show: businessView,
};
const system: GroupSpec<"system", typeof systemOutput> = {
  group: "system",
  output: systemOutput,
  about:
    "Currency (ISO 4217), time zone (IANA: the studio's calendar), locale, sales tax and whether catalog prices include it, the order number prefix, the discount limit and the frame price parameters.",
  show: same,
};
const alerts: GroupSpec<"alerts", typeof alertsOutput> = {
  group: "alerts",
  output: alertsOutput,
  about: "The expiring-contract window, low-stock and late-order alerts, the waste threshold.",
  show: same,
};
const security: GroupSpec<"security", typeof securityOutput> = {
  group: "security",
  output: securityOutput,
  about:
    "They govern the studio's logins from the next one on: the session idle timeout, failed logins before an account is locked and for how long, and the minimum length of new passwords (user creation, password changes).",
  show: same,
};
const backup: GroupSpec<"backup", typeof backupOutput> = {
  group: "backup",
  output: backupOutput,
  about: "The backup policy (schedule, retention) and the last backup's status (read-only: `lastBackup` is ignored).",
  show: same,
};

/** The typed groups: static paths, declared before /config/{id}. */
export const groupProcedures = {
  business: read(business),
  updateBusiness: change(business, "PUT", replaceBusinessInput),
  patchBusiness: change(business, "PATCH", patchBusinessInput),
  system: read(system),
  updateSystem: change(system, "PUT", replaceSystemInput),
  patchSystem: change(system, "PATCH", patchSystemInput),
  alerts: read(alerts),
  updateAlerts: change(alerts, "PUT", replaceAlertsInput),
  patchAlerts: change(alerts, "PATCH", patchAlertsInput),
  security: read(security),
  updateSecurity: change(security, "PUT", replaceSecurityInput),
  patchSecurity: change(security, "PATCH", patchSecurityInput),
  backup: read(backup),
  updateBackup: change(backup, "PUT", replaceBackupInput),
  patchBackup: change(backup, "PATCH", patchBackupInput),
};

export const logoProcedures = {
  // In-process only, like auth.setAvatar: the route's PUT/POST/DELETE are documented in openapi/avatar.ts.
  setLogo: authedProcedure
    .meta({
      permission: "config:write",
      openapi: { ...rest("PUT", "/config/business/logo", "Upload or remove the studio's logo"), enabled: false },
    })
    .input(imageUploadInput("config.setLogo", "PUT /api/config/business/logo/"))
    .output(businessOutput)
    .mutation(async ({ ctx, input }) => {
      settingsChanged(ctx);
      const { view, ...change } = await setLogo(
        ctx.db,
        { storage: ctx.deps.storage, effects: ctx.effects },
        ctx.tenant.slug,
        input,
        ctx.auth.user.id,
      );
      record(ctx, change);
      return view;
    }),
};
