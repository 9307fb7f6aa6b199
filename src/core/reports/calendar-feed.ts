/**
 * A body's reporting calendar (iCalendar, RFC 5545): every periodic report the
 * schedule expects of it (schedule.yaml `expected_reports`) from a year back to
 * a year ahead, and every ad-hoc request addressed to it, as all-day events on
 * the due date with reminders 5 days and 1 day before, so a focal point's phone
 * calendar reminds them. UIDs are built from the period, unit and organisation
 * only, so they stay the same across builds and a subscribed calendar updates
 * events instead of duplicating them.
 */
import ical, { ICalAlarmType, ICalCalendarMethod } from "ical-generator";
import type { PeriodicKind } from "../../../schemas/schedule.ts";
import { addDays, formatDateVi } from "../calendar/dates.ts";
import { dueDate, type PeriodicPeriod, periodContaining, periodPhrase, periodWindow } from "../calendar/periods.ts";
import type { ContentModel } from "../content/content-model.ts";

const KINDS: readonly PeriodicKind[] = ["month", "quarter", "half", "year"];
/** Reminder days before the due date. */
export const REMINDER_DAYS: readonly number[] = [5, 1];

export interface CalendarDeadline {
  uid: string;
  /** ISO date. */
  due: string;
  summary: string;
  description: string;
  /** Report period id the report is filed under. */
  period: string;
  /** Ad-hoc requests carry who asked. */
  requestedBy?: string;
}

/** An ad-hoc request's deadline for one body (from `content/requests/`), already resolved to the body. */
export interface AdHocDeadline {
  /** Request id: its file name, `<yyyy-mm-dd>-<slug>`. */
  id: string;
  title: string;
  due: string;
  /** Report period id: `<due>-<slug>`. */
  period: string;
  requestedBy: string;
  about: string;
}

const organisationLabel = (model: ContentModel, id: string) => {
  const organisation = model.organisations.find((candidate) => candidate.id === id);
  return organisation?.short ?? organisation?.label ?? id;
};

/** The kinds of periodic report the schedule expects of a body. */
export function expectedKinds(model: ContentModel, unitId: string, organisation: string): PeriodicKind[] {
  const unit = model.units.get(unitId);
  const rules = model.schedule?.expected_reports ?? [];
  return KINDS.filter((kind) => rules.some((rule) => unit?.level === rule.level && rule.organisations.includes(organisation) && rule.kinds.includes(kind)));
}

/** Every periodic deadline of a body with a due date in [from, to] while its unit exists, soonest first. */
export function periodicDeadlines(model: ContentModel, unitId: string, organisation: string, from: string, to: string): CalendarDeadline[] {
  const schedule = model.schedule;
  const unit = model.units.get(unitId);
  if (!schedule || !unit) return [];
  const exists = (day: string) => (!unit.valid_from || unit.valid_from <= day) && (!unit.valid_to || day <= unit.valid_to);
  const deadlines: CalendarDeadline[] = [];
  for (const kind of expectedKinds(model, unitId, organisation)) {
    let period: PeriodicPeriod = periodContaining(kind, from, schedule);
    for (let due = dueDate(period, schedule); due && due <= to; due = dueDate(period, schedule)) {
      if (exists(due)) {
        const window = periodWindow(period, schedule);
        const report = model.reports.get(`${period.id}/${unitId}/${organisation}`);
        const sent = report ? ` Đã gửi ngày ${formatDateVi(report.submitted_on)}.` : "";
        deadlines.push({
          uid: `bao-cao-${period.id}-${unitId}-${organisation}@dan-y`,
          due,
          period: period.id,
          summary: `Hạn báo cáo ${periodPhrase(period)} — ${organisationLabel(model, organisation)} ${unit.name}`,
          description: `Báo cáo tình hình Nhân dân ${periodPhrase(period)}${window ? ` (từ ${formatDateVi(window.start)} đến ${formatDateVi(window.end)})` : ""}, hạn gửi ${formatDateVi(due)}.${sent}`,
        });
      }
      period = periodContaining(kind, addDays(due, 1), schedule);
    }
  }
  return deadlines.sort((a, b) => a.due.localeCompare(b.due) || a.uid.localeCompare(b.uid));
}

function adHocDeadline(model: ContentModel, unitId: string, organisation: string, request: AdHocDeadline): CalendarDeadline {
  const unit = model.units.get(unitId)?.name ?? unitId;
  return {
    uid: `yeu-cau-${request.id}-${unitId}-${organisation}@dan-y`,
    due: request.due,
    period: request.period,
    requestedBy: request.requestedBy,
    summary: `Hạn báo cáo đột xuất: ${request.title} — ${organisationLabel(model, organisation)} ${unit}`,
    description: `Yêu cầu của ${request.requestedBy}: ${request.about} Hạn gửi ${formatDateVi(request.due)}.`,
  };
}

/** The deadlines of a body's calendar: a year back to a year ahead of `today`, and its ad-hoc requests. */
export function calendarDeadlines(
  model: ContentModel,
  unitId: string,
  organisation: string,
  today: string,
  requests: readonly AdHocDeadline[] = [],
): CalendarDeadline[] {
  return [
    ...periodicDeadlines(model, unitId, organisation, addDays(today, -366), addDays(today, 366)),
    ...requests.map((request) => adHocDeadline(model, unitId, organisation, request)),
  ].sort((a, b) => a.due.localeCompare(b.due) || a.uid.localeCompare(b.uid));
}

/**
 * The `.ics` text. `stamp` (DTSTAMP) is the build's day, not the clock, so the
 * same content gives the same bytes; `url` links each event to the site.
 */
export function calendarText(
  model: ContentModel,
  unitId: string,
  organisation: string,
  deadlines: readonly CalendarDeadline[],
  stamp: string,
  url?: string,
): string {
  const unit = model.units.get(unitId)?.name ?? unitId;
  const calendar = ical({
    name: `Hạn báo cáo — ${organisationLabel(model, organisation)} ${unit}`,
    description: "Hạn gửi báo cáo định kỳ và đột xuất (Dân ý)",
    prodId: { company: "Dân ý", product: "lich-bao-cao", language: "VI" },
    method: ICalCalendarMethod.PUBLISH,
  });
  const [year, month, day] = stamp.split("-").map(Number) as [number, number, number];
  for (const deadline of deadlines) {
    const [dueYear, dueMonth, dueDay] = deadline.due.split("-").map(Number) as [number, number, number];
    const event = calendar.createEvent({
      id: deadline.uid,
      start: new Date(Date.UTC(dueYear, dueMonth - 1, dueDay)),
      allDay: true,
      summary: deadline.summary,
      description: deadline.description,
      stamp: new Date(Date.UTC(year, month - 1, day)),
      ...(url ? { url } : {}),
    });
    for (const days of REMINDER_DAYS) event.createAlarm({ type: ICalAlarmType.display, trigger: days * 86_400, description: deadline.summary });
  }
  // Every content line ends with CRLF (RFC 5545 §3.1), the last one too.
  const text = calendar.toString();
  return text.endsWith("\r\n") ? text : `${text}\r\n`;
}

/** Where a body's calendar lives on the site. */
export const calendarHref = (unitId: string, organisation: string): string => `/lich/${unitId}/${organisation}.ics`;
