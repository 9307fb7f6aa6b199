/**
 * Whom a report goes to ("Nơi nhận"), from the data: the report's own
 * `recipients`, else its body's, else the plan's default (section IV.2): the
 * bodies above on the reporting line, the same-level Party committee and
 * People's Committee for the lead organisation (MTTQ) of a unit with a
 * government, and the organisation's central body at the top of the tree.
 */
import type { Recipient } from "../../../schemas/body.ts";
import type { ReportData } from "../../../schemas/report.ts";
import type { ContentModel } from "../content/content-model.ts";
import { reviewLine } from "../units/jurisdiction.ts";
import { governmentOf, inSentence, partyCommitteeOf, wordingOf } from "./names.ts";

const recipientIdOfBody = (bodyId: string): string => bodyId.replace("/", "-");

/** The unit's level is not the last one (the residential area has no Party committee or government of its own). */
function hasGovernment(model: ContentModel, level: string): boolean {
  const last = model.levels[model.levels.length - 1];
  return last !== undefined && last.id !== level;
}

/** The plan's default recipients of a body (IV.2), in print order. */
export function defaultRecipients(model: ContentModel, unitId: string, organisationId: string): Recipient[] {
  const unit = model.units.get(unitId);
  const organisation = model.organisations.find((entry) => entry.id === organisationId);
  if (!unit || !organisation) return [];
  const recipients: Recipient[] = [];
  const bodyId = `${unitId}/${organisationId}`;
  const line = reviewLine(model, { id: bodyId, unit: unitId, organisation: organisationId, reports_to: model.bodies.get(bodyId)?.reports_to });
  if (line.basis !== "peer") {
    for (const target of line.bodies) {
      const [targetUnit, targetOrganisation] = target.split("/") as [string, string];
      const name = model.units.get(targetUnit)?.name;
      const label = model.organisations.find((entry) => entry.id === targetOrganisation)?.label;
      if (name && label) recipients.push({ id: recipientIdOfBody(target), name: `${label} ${inSentence(name)}` });
    }
  }
  if (organisation.lead && hasGovernment(model, unit.level)) {
    recipients.push({ id: `cap-uy-${unitId}`, name: `Thường trực ${partyCommitteeOf(unit)}` });
    recipients.push({ id: `ubnd-${unitId}`, name: governmentOf(unit) });
  }
  const central = wordingOf(organisation).central;
  if (!unit.parent && central) recipients.push({ id: `trung-uong-${organisationId}`, name: central });
  return recipients;
}

/** The recipients of a report: its own, its body's, or the plan's default. */
export function recipientsOf(model: ContentModel, report: Pick<ReportData, "unit" | "organisation" | "recipients">): Recipient[] {
  return (
    report.recipients ?? model.bodies.get(`${report.unit}/${report.organisation}`)?.recipients ?? defaultRecipients(model, report.unit, report.organisation)
  );
}

export interface Delivery {
  recipient: Recipient;
  /** Day it was sent, when the report records it. */
  sentOn: string | undefined;
}

/** Each recipient with the day the report was sent to it (`sent_to`). */
export function deliveries(model: ContentModel, report: Pick<ReportData, "unit" | "organisation" | "recipients" | "sent_to">): Delivery[] {
  const sent = new Map((report.sent_to ?? []).map((entry) => [entry.recipient, entry.date]));
  return recipientsOf(model, report).map((recipient) => ({ recipient, sentOn: sent.get(recipient.id) }));
}

/** `sent_to` entries that name no recipient of the report, by index (for a clear message). */
export function unknownDeliveries(
  model: ContentModel,
  report: Pick<ReportData, "unit" | "organisation" | "recipients" | "sent_to">,
): { index: number; recipient: string }[] {
  const known = new Set(recipientsOf(model, report).map((recipient) => recipient.id));
  return (report.sent_to ?? []).flatMap((entry, index) => (known.has(entry.recipient) ? [] : [{ index, recipient: entry.recipient }]));
}
