/** A unit's page: its place in the tree and the merger, bodies and focal points, coming deadlines, reports, own observations. */
import type { FocalPoint, Organisation } from "../../../schemas/index.ts";
import { formatDateVi } from "../../core/calendar/dates.ts";
import { dueDate, isPeriodic, parsePeriod, periodLabel, periodWindow, type Window } from "../../core/calendar/periods.ts";
import type { BodyEntry, ObservationEntry, UnitEntry } from "../../core/content/content-model.ts";
import { CONTACTS_KEPT_PRIVATE } from "../../core/crypto/sealed-contacts.ts";
import { lifetimeIn, observationsByUnit, observationsOfUnitsIn, unitsBelow } from "../../core/reports/aggregate.ts";
import { deadlinesFor } from "../../core/reports/deadlines.ts";
import { observationPagePath, observationPages } from "../../core/site/links.ts";
import { collator, formatNumber, type Highlight, highlight, levelLabel, organisationName, requireSchedule, unitsNamed, type ViewContext } from "./common.ts";
import { type RangeTrend, rangeTrends, trendRanges } from "./trends.ts";

/** How many sub-units the unit page draws beside its own trend (the busiest; the table lists all). */
export const SUB_UNIT_CHARTS = 8;

/** How many of the unit's own observations the page names. */
export const RECENT = 20;

export interface UnitView {
  unit: UnitEntry;
  level: string;
  parent: UnitEntry | undefined;
  successors: UnitEntry[];
  predecessors: UnitEntry[];
  children: UnitEntry[];
  bodies: { organisation: Organisation; body: BodyEntry }[];
  /** Every focal point of the unit's bodies with its contacts as one line ("Liên hệ được giữ kín" when sealed and not opened). */
  focalPoints: { organisation: string; name: string; title: string; contacts: string }[];
  deadlines: { body: string; period: string; href: string; due: string; state: string; overdue: boolean }[];
  periods: { href: string; label: string }[];
  reports: { href: string; period: string; organisation: string; submitted: string; due: string }[];
  observations: { count: string; heading: string; recent: Highlight[]; months: { href: string; label: string; count: string }[] };
  /** The subtree's trend over the last twelve months, and its sub-units' side by side; undefined when the subtree has no observations then. */
  trend: { own: RangeTrend; subUnits: RangeTrend | undefined } | undefined;
}

/** The unit's own trend and, beside it, the trends of the units below it that existed in the range (`unitsBelow`). */
function unitTrend(context: ViewContext, unitId: string): UnitView["trend"] {
  const { model, tree, today } = context;
  const schedule = requireSchedule(model);
  const months = trendRanges(model, today).slice(0, 1);
  const periods = months[0]?.periods ?? [];
  const first = periods[0];
  const last = periods.at(-1);
  if (!first || !last) return undefined;
  const range: Window = { start: (periodWindow(first, schedule) as Window).start, end: (periodWindow(last, schedule) as Window).end };
  const byUnit = observationsByUnit(model);
  const inRange = observationsOfUnitsIn(byUnit, tree.coverage(unitId), range);
  if (inRange.length === 0) return undefined;
  const name = model.units.get(unitId)?.name ?? unitId;
  const [own] = rangeTrends(model, inRange, months, [], { what: `${name}: số thông tin`, total: true });
  const below = unitsBelow(model, tree, byUnit, unitId, range)
    .filter((item) => item.count > 0)
    .sort((a, b) => collator.compare(a.unit.name, b.unit.name));
  const subUnits =
    below.length === 0
      ? undefined
      : rangeTrends(
          model,
          inRange,
          months,
          [
            // What the unit's own bodies recorded, not in any unit below: the rows then add up to the total.
            ...(inRange.some((entry) => entry.unit === unitId)
              ? [{ id: unitId, label: `${name} (ghi nhận trực tiếp)`, href: undefined, test: (entry: ObservationEntry) => entry.unit === unitId }]
              : []),
            ...below.map(({ unit, relation }) => {
              const covered = tree.coverage(unit.id);
              const lifetime = lifetimeIn(unit, range) as Window;
              return {
                id: unit.id,
                label: `${unit.name}${relation === "predecessor" ? " (trước sáp nhập)" : ""}`,
                href: `/don-vi/${unit.id}/`,
                test: (entry: ObservationEntry) => covered.has(entry.unit) && entry.observed_on >= lifetime.start && entry.observed_on <= lifetime.end,
              };
            }),
          ],
          { what: "số thông tin", maxSeries: SUB_UNIT_CHARTS },
        )[0];
  return own ? { own, subUnits } : undefined;
}

/** A person's contacts as the unit page prints them; sealed contacts the build could not open are "kept private". */
export function contactLine(person: FocalPoint): string {
  const line = [person.phone && `Điện thoại ${person.phone}`, person.email, person.zalo && `Zalo ${person.zalo}`, person.facebook].filter(Boolean).join(" · ");
  return line === "" && person.sealed_contacts ? CONTACTS_KEPT_PRIVATE : line;
}

export function unitView(context: ViewContext, unitId: string, pages: ReadonlySet<string>): UnitView {
  const { model, tree, today } = context;
  const schedule = requireSchedule(model);
  const unit = model.units.get(unitId);
  if (!unit) throw new Error(`unknown unit ${unitId}`);
  const own: ObservationEntry[] = [...(observationsByUnit(model).get(unit.id) ?? [])].sort(
    (a, b) => b.observed_on.localeCompare(a.observed_on) || a.id.localeCompare(b.id),
  );
  const bodies = model.organisations.flatMap((organisation) => {
    const body = model.bodies.get(`${unit.id}/${organisation.id}`);
    return body ? [{ organisation, body }] : [];
  });
  // Deadlines for every organisation the schedule expects here, whether or not its body file exists yet.
  const deadlines = model.organisations
    .flatMap((organisation) => deadlinesFor(model, unit.id, organisation.id, today))
    .sort((a, b) => a.due.localeCompare(b.due))
    .map((deadline) => ({
      body: organisationName(model, deadline.organisation, "short"),
      period: periodLabel(deadline.period),
      href: `/tinh-hinh-bao-cao/${deadline.period.id}/`,
      due: formatDateVi(deadline.due),
      state: deadline.report
        ? `Đã gửi ${formatDateVi(deadline.report.submitted_on)}`
        : deadline.overdue
          ? `Quá hạn ${formatNumber(-deadline.daysLeft)} ngày`
          : deadline.daysLeft === 0
            ? "Hạn hôm nay"
            : `Còn ${formatNumber(deadline.daysLeft)} ngày`,
      overdue: deadline.overdue,
    }));
  return {
    trend: unitTrend(context, unit.id),
    unit,
    level: levelLabel(model, unit.level),
    parent: unit.parent ? model.units.get(unit.parent) : undefined,
    successors: unitsNamed(model, unit.merged_into ?? []),
    predecessors: unitsNamed(
      model,
      [...model.units.values()].filter((candidate) => candidate.merged_into?.includes(unit.id)).map((candidate) => candidate.id),
    ),
    children: unitsNamed(model, tree.children(unit.id)),
    bodies,
    focalPoints: bodies.flatMap(({ organisation, body }) =>
      body.focal_points.map((person) => ({ organisation: organisation.label, name: person.name, title: person.title, contacts: contactLine(person) })),
    ),
    deadlines,
    periods: [...pages]
      .filter((page) => page.startsWith(`${unit.id}/`))
      .map((page) => page.slice(unit.id.length + 1))
      .sort()
      .reverse()
      .flatMap((id) => {
        const period = parsePeriod(id);
        return period ? [{ href: `/bao-cao/${unit.id}/${id}/`, label: periodLabel(period) }] : [];
      }),
    reports: [...model.reports.values()]
      .filter((report) => report.unit === unit.id)
      .sort((a, b) => b.period.localeCompare(a.period) || a.organisation.localeCompare(b.organisation))
      .map((report) => {
        const period = parsePeriod(report.period);
        const due = period && isPeriodic(period) ? dueDate(period, schedule) : undefined;
        return {
          href: `/bao-cao/${unit.id}/${report.period}/`,
          period: period ? periodLabel(period) : report.period,
          organisation: organisationName(model, report.organisation, "short"),
          submitted: formatDateVi(report.submitted_on),
          due: due ? `${formatDateVi(due)} — ${report.submitted_on <= due ? "đúng hạn" : "trễ hạn"}` : "đột xuất",
        };
      }),
    observations: {
      count: formatNumber(own.length),
      heading: own.length > RECENT ? `${RECENT} thông tin gần nhất` : "Tất cả",
      recent: own.slice(0, RECENT).map((entry) => highlight(model, entry)),
      months: [...observationPages(own)]
        .map(([key, entries]) => ({ month: key.slice(unit.id.length + 1), count: entries.length }))
        .sort((a, b) => b.month.localeCompare(a.month))
        .map(({ month, count }) => ({
          href: observationPagePath(unit.id, month),
          label: `Tháng ${month.slice(5)}/${month.slice(0, 4)}`,
          count: formatNumber(count),
        })),
    },
  };
}
