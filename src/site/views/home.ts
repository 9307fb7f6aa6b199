/** The home page: the province's current month at a glance, compared like with like, and the coming deadlines. */

import { daysBetween, formatDateVi } from "../../core/calendar/dates.ts";
import {
  dueDate,
  type PeriodicPeriod,
  periodContaining,
  periodLabel,
  periodPhrase,
  periodWindow,
  previousPeriod,
  type Window,
} from "../../core/calendar/periods.ts";
import type { UnitEntry } from "../../core/content/content-model.ts";
import { urgentLevelsPhrase } from "../../core/content/labels.ts";
import { awaitingAnswer, type Comparison, changePhrase, comparisonWith, countByChannel, countByField, observationsIn } from "../../core/reports/aggregate.ts";
import { compliance } from "../../core/reports/compliance.ts";
import {
  formatNumber,
  type Highlight,
  highlight,
  isUrgentEntry,
  type NumberRow,
  organisationName,
  requireSchedule,
  rootUnit,
  unitName,
  type ViewContext,
} from "./common.ts";
import { comparisonColumns } from "./consolidated-report.ts";

export interface ComingDeadline {
  due: string;
  label: string;
  /** Link to the period's compliance page. */
  href: string;
  expected: number;
  submitted: number;
  daysLeft: number;
}

export interface HomeView {
  root: UnitEntry;
  heading: string;
  intro: string;
  comparison: Comparison;
  total: { count: string; change: string };
  urgentCount: string;
  /** The urgent levels as the page names them: "đột xuất, khẩn" in the demo (urgencies.yaml). */
  urgentPhrase: string;
  waiting: { count: string; overdue: string };
  columns: string[];
  fields: NumberRow[];
  channels: NumberRow[];
  summaries: { href: string; label: string }[];
  urgent: Highlight[];
  featured: { id: string; label: string; items: Highlight[] }[];
  lastReports: { heading: string; rows: { body: string; submitted: string; onTime: string }[] };
  deadlines: ComingDeadline[];
}

/** The next due date of every periodic kind, with how many of the bodies expected to report have sent theirs. */
export function comingDeadlines(context: ViewContext): ComingDeadline[] {
  const { model, today } = context;
  const schedule = requireSchedule(model);
  const kinds = ["month", "quarter", "half", "year"] as const;
  return kinds
    .flatMap((kind) => {
      const period = periodContaining(kind, today, schedule);
      const summary = compliance(model, period, today);
      if (!summary || summary.expected === 0) return [];
      return [
        {
          due: summary.due,
          label: periodLabel(period),
          href: `/tinh-hinh-bao-cao/${period.id}/`,
          expected: summary.expected,
          submitted: summary.submitted,
          daysLeft: daysBetween(today, summary.due),
        },
      ];
    })
    .sort((a, b) => a.due.localeCompare(b.due));
}

export function homeView(context: ViewContext, consolidationPages: ReadonlySet<string>): HomeView {
  const { model, tree, today } = context;
  const schedule = requireSchedule(model);
  const root = rootUnit(model);
  const current = periodContaining("month", today, schedule);
  const previous = previousPeriod(current, schedule);
  const window = periodWindow(current, schedule) as Window;
  const comparison = comparisonWith(window, periodWindow(previous, schedule) as Window, today, periodPhrase(previous));
  const now = observationsIn(model, tree, root.id, window);
  const before = observationsIn(model, tree, root.id, comparison.window);
  const counts = (tallies: { label: string; count: number; previous: number }[]): NumberRow[] =>
    tallies.map((tally) => ({ label: tally.label, cells: [formatNumber(tally.count), formatNumber(tally.previous)] }));
  const waiting = awaitingAnswer(model, [...model.observations.values()], today, schedule.follow_up_overdue_days);
  const lastDue = dueDate(previous, schedule) as string;
  const summaries = (["month", "quarter", "half", "year"] as const)
    .flatMap((kind) => {
      const period = periodContaining(kind, today, schedule);
      return [period, previousPeriod(period, schedule)] as PeriodicPeriod[];
    })
    .filter((period) => consolidationPages.has(`${root.id}/${period.id}`))
    .map((period) => ({ href: `/bao-cao/${root.id}/${period.id}/`, label: periodLabel(period) }));
  return {
    root,
    heading: `${root.name}: ${periodPhrase(current)}`,
    intro: `Kỳ báo cáo từ ${formatDateVi(window.start)} đến ${formatDateVi(window.end)} (hôm nay ${formatDateVi(today)}); ${comparison.phrase}.`,
    comparison,
    total: {
      count: formatNumber(now.length),
      change: `${comparison.partial ? `${comparison.days} ngày đầu kỳ: ` : ""}${changePhrase(now.length, before.length, formatNumber)}`,
    },
    urgentCount: formatNumber(now.filter(isUrgentEntry(model)).length),
    urgentPhrase: urgentLevelsPhrase(model),
    waiting: { count: formatNumber(waiting.length), overdue: formatNumber(waiting.filter((item) => item.overdue).length) },
    columns: comparisonColumns(comparison).slice(0, 2),
    fields: counts(countByField(model, now, before)),
    channels: counts(countByChannel(model, now, before)),
    summaries,
    urgent: now
      .filter(isUrgentEntry(model))
      .sort((a, b) => b.observed_on.localeCompare(a.observed_on))
      .map((entry) => highlight(model, entry)),
    featured: model.fields
      .filter((field) => field.featured)
      .map((field) => ({ id: field.id, label: field.label, items: now.filter((entry) => entry.field === field.id).map((entry) => highlight(model, entry)) })),
    lastReports: {
      heading: `Báo cáo ${periodPhrase(previous)} (hạn ${formatDateVi(lastDue)})`,
      rows: [...model.reports.values()]
        .filter((report) => report.period === previous.id)
        .map((report) => ({
          body: `${unitName(model, report.unit)} — ${organisationName(model, report.organisation, "short")}`,
          submitted: formatDateVi(report.submitted_on),
          onTime: report.submitted_on <= lastDue ? "Đúng hạn" : "Trễ hạn",
        })),
    },
    deadlines: comingDeadlines(context),
  };
}
