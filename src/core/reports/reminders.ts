/**
 * E-mail reminders, planned without IO: before each reporting deadline (some
 * days ahead, 5 and 1 by default) to the focal points of the body that owes the
 * report, and on each urgent submission waiting for review to the focal points
 * of the bodies that may approve it. One message per person and run, listing
 * every event not yet sent to them; each event is keyed so that the sent-log
 * (src/adapters/mail-reminders.ts) never lets it go out twice.
 */
import { daysBetween, formatDateVi } from "../calendar/dates.ts";
import type { ContentModel } from "../content/content-model.ts";
import { reviewLine } from "../units/jurisdiction.ts";
import type { UnitTree } from "../units/unit-tree.ts";
import { calendarDeadlines } from "./calendar-feed.ts";
import { requestDeadlinesFor } from "./requests.ts";

export const DEFAULT_DAYS_AHEAD: readonly number[] = [5, 1];

/** An urgent submission waiting for review, as the reminders need it (see src/adapters/mail-pending.ts). */
export interface PendingUrgent {
  branch: string;
  /** The branch tip: a new push of the same branch is a new event. */
  tip: string;
  /** The submitting body, `<unit>/<organisation>`. */
  body: string;
  submitter: string;
  /** Titles of the observations it adds or changes. */
  titles: string[];
  submittedOn: string;
}

export interface ReminderEvent {
  /** Stable key in the sent-log. */
  key: string;
  /** One line of the message. */
  line: string;
}

export interface ReminderMessage {
  to: string;
  name: string;
  subject: string;
  text: string;
  /** Keys of the events it carries, to record once it is sent. */
  keys: string[];
}

interface Recipient {
  email: string;
  name: string;
  events: ReminderEvent[];
}

/** Which threshold a deadline is at: the smallest of `daysAhead` not below the days left, or none once it has passed or is further away. */
function threshold(daysLeft: number, daysAhead: readonly number[]): number | undefined {
  const fitting = daysAhead.filter((days) => daysLeft <= days);
  return daysLeft < 0 || fitting.length === 0 ? undefined : Math.min(...fitting);
}

export function planReminders(
  model: ContentModel,
  tree: UnitTree,
  today: string,
  pending: readonly PendingUrgent[],
  options: { daysAhead?: readonly number[]; siteUrl?: string; alreadySent?: (key: string, email: string) => boolean } = {},
): ReminderMessage[] {
  const daysAhead = options.daysAhead ?? DEFAULT_DAYS_AHEAD;
  const sent = options.alreadySent ?? (() => false);
  const recipients = new Map<string, Recipient>();
  const tell = (bodyKey: string, event: ReminderEvent, except?: string) => {
    for (const person of model.bodies.get(bodyKey)?.focal_points ?? []) {
      if (!person.email || person.name === except || sent(event.key, person.email)) continue;
      const email = person.email.toLowerCase();
      const recipient = recipients.get(email) ?? { email: person.email, name: person.name, events: [] };
      if (!recipient.events.some((known) => known.key === event.key)) recipient.events.push(event);
      recipients.set(email, recipient);
    }
  };

  for (const [bodyKey, body] of [...model.bodies.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const deadlines = calendarDeadlines(model, body.unit, body.organisation, today, requestDeadlinesFor(model, tree, body.unit, body.organisation));
    for (const deadline of deadlines) {
      if (model.reports.has(`${deadline.period}/${body.unit}/${body.organisation}`)) continue;
      const daysLeft = daysBetween(today, deadline.due);
      const at = threshold(daysLeft, daysAhead);
      if (at === undefined) continue;
      const when = daysLeft === 0 ? "hôm nay" : `còn ${daysLeft} ngày`;
      tell(bodyKey, { key: `han:${deadline.uid}:${at}`, line: `${deadline.summary}: hạn ${formatDateVi(deadline.due)} (${when}).` });
    }
  }

  for (const submission of pending) {
    const body = model.bodies.get(submission.body);
    if (!body) continue;
    const what = submission.titles.length > 0 ? submission.titles.join("; ") : submission.branch;
    const event = {
      key: `khan:${submission.branch}:${submission.tip}`,
      line: `Tin khẩn chờ duyệt: ${what} — ${submission.submitter} gửi ngày ${formatDateVi(submission.submittedOn)} (nhánh ${submission.branch}).`,
    };
    // With no body above, another focal point of the same body reviews ("peer"): never the submitter.
    for (const reviewer of reviewLine(model, body, true).bodies) tell(reviewer, event, submission.submitter);
  }

  const site = options.siteUrl ? `\nTrang nội bộ: ${options.siteUrl}\n` : "";
  return [...recipients.values()]
    .sort((a, b) => a.email.localeCompare(b.email))
    .map((recipient) => {
      const urgent = recipient.events.filter((event) => event.key.startsWith("khan:")).length;
      const deadlines = recipient.events.length - urgent;
      const parts = [deadlines > 0 ? `${deadlines} hạn báo cáo sắp tới` : "", urgent > 0 ? `${urgent} tin khẩn chờ duyệt` : ""].filter(Boolean);
      return {
        to: recipient.email,
        name: recipient.name,
        subject: `[Dân ý] Nhắc việc ngày ${formatDateVi(today)}: ${parts.join(", ")}`,
        text: `Kính gửi ${recipient.name},\n\nDân ý xin nhắc:\n\n${recipient.events.map((event) => `- ${event.line}`).join("\n")}\n${site}\nThư này do hệ thống Dân ý gửi tự động; mỗi việc chỉ được nhắc một lần ở mỗi mốc.\n`,
        keys: recipient.events.map((event) => event.key),
      };
    });
}
