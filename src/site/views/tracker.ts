/**
 * The follow-up tracker: items waiting for an answer (overdue first), narrowed
 * in the browser by unit (with its subtree), organisation and authority, and
 * each authority's answer and resolution rates per quarter it was forwarded in.
 */

import { formatDateVi } from "../../core/calendar/dates.ts";
import { type PeriodicPeriod, periodContaining, periodLabel, periodWindow, previousPeriod, type Window } from "../../core/calendar/periods.ts";
import type { ContentModel, ObservationEntry } from "../../core/content/content-model.ts";
import { authorityOf, awaitingAnswer, followUpRates, type Rates } from "../../core/reports/aggregate.ts";
import { followUpOutcome } from "../../core/reports/follow-up-outcome.ts";
import { type AuthorityRates, rateCellText, ratesOverTime, STAGE, type Stage, type TrackedItem, type TrackerData } from "../../core/reports/tracker.ts";
import { observationHref } from "../../core/site/links.ts";
import { shownDetails } from "../../core/site/visibility.ts";
import { collator, fieldLabel, formatNumber, formatPercent, organisationName, requireSchedule, unitName, type ViewContext } from "./common.ts";

/** How many quarters the rates over time cover. */
export const QUARTERS = 4;

export interface TrackerRow {
  title: string;
  href: string;
  unit: string;
  organisation: string;
  authority: string;
  forwardedOn: string;
  days: string;
  overdue: boolean;
  /** For the browser's narrowing: the units whose subtree holds the item, space-separated. */
  units: string;
  organisationId: string;
}

export interface TrackerView {
  intro: string;
  overdueDays: number;
  rows: TrackerRow[];
  options: { units: { id: string; label: string }[]; organisations: { id: string; label: string }[]; authorities: string[] };
  periods: string[];
  rates: { authority: string; cells: string[] }[];
  data: TrackerData;
  summaries: { id: string; caption: string; heading: string; rows: { label: string; cells: string[] }[] }[];
}

/** What the tracker names as an item's authority: withheld for a restricted item (the visibility rule), grouped under one label. */
export const WITHHELD = "(thông tin hạn chế)";
const shownAuthority = (entry: ObservationEntry, authority = authorityOf(entry)): string => (shownDetails(entry).restricted ? WITHHELD : authority);

const firstForwarded = (model: ContentModel, entry: ObservationEntry) => followUpOutcome(model, entry).firstForwarding?.date;

/** Read from the follow-up log with the status roles of statuses.yaml: resolved then informed back stays resolved. */
function stageOf(model: ContentModel, entry: ObservationEntry): Stage {
  const outcome = followUpOutcome(model, entry);
  return outcome.resolved ? STAGE.resolved : outcome.answered ? STAGE.answered : STAGE.waiting;
}

/** The quarters the rates cover, oldest first, ending with the one containing today. */
function lastQuarters(context: ViewContext): { period: PeriodicPeriod; window: Window }[] {
  const schedule = requireSchedule(context.model);
  const quarters: PeriodicPeriod[] = [periodContaining("quarter", context.today, schedule)];
  while (quarters.length < QUARTERS) quarters.unshift(previousPeriod(quarters[0] as PeriodicPeriod, schedule));
  return quarters.map((period) => ({ period, window: periodWindow(period, schedule) as Window }));
}

export const rateRows = (rates: readonly AuthorityRates[]) => rates.map((row) => ({ authority: row.authority, cells: row.cells.map(rateCellText) }));

export function trackerView(context: ViewContext): TrackerView {
  const { model, tree, today } = context;
  const schedule = requireSchedule(model);
  const overdueDays = schedule.follow_up_overdue_days;
  const observations = [...model.observations.values()];
  const waiting = awaitingAnswer(model, observations, today, overdueDays).sort((a, b) => Number(b.overdue) - Number(a.overdue) || b.days - a.days);
  const forwarded = observations.filter((entry) => firstForwarded(model, entry) !== undefined);
  const quarters = lastQuarters(context);

  // The compact table the browser narrows: units and authorities by index.
  const unitIndex = new Map<string, number>();
  const units: string[] = [];
  const indexOf = (id: string) => {
    let index = unitIndex.get(id);
    if (index === undefined) {
      index = units.push(id) - 1;
      unitIndex.set(id, index);
    }
    return index;
  };
  const covering: number[][] = [];
  const authorities = [...new Set(forwarded.map((entry) => shownAuthority(entry)))].sort(collator.compare);
  const organisations = model.organisations.map((organisation) => organisation.id);
  const items: TrackedItem[] = forwarded.map((entry) => {
    const unit = indexOf(entry.unit);
    covering[unit] ??= [...tree.covering(entry.unit)].map(indexOf);
    const date = firstForwarded(model, entry) as string;
    const period = quarters.findIndex(({ window }) => date >= window.start && date <= window.end);
    return [unit, organisations.indexOf(entry.organisation), authorities.indexOf(shownAuthority(entry)), period, stageOf(model, entry)];
  });
  const data: TrackerData = {
    units,
    covering: units.map((_, index) => covering[index] ?? [index]),
    organisations,
    authorities,
    periods: quarters.map(({ period }) => periodLabel(period)),
    items,
  };

  const summary = (id: string, caption: string, heading: string, rates: Rates[], label: (key: string) => string) => ({
    id,
    caption,
    heading,
    rows: rates.map((row) => ({
      label: label(row.key),
      cells: [
        formatNumber(row.forwarded),
        formatNumber(row.answered),
        formatNumber(row.resolved),
        formatPercent(row.answeredRate),
        formatPercent(row.resolvedRate),
      ],
    })),
  });
  const overdue = waiting.filter((item) => item.overdue).length;
  return {
    intro: `Tính đến ngày ${formatDateVi(today)}: ${formatNumber(waiting.length)} nội dung đã chuyển cơ quan chức năng đang chờ trả lời, trong đó ${formatNumber(overdue)} quá ${overdueDays} ngày.`,
    overdueDays,
    rows: waiting.map((item) => ({
      title: item.observation.title,
      href: observationHref(item.observation),
      unit: unitName(model, item.observation.unit),
      organisation: organisationName(model, item.observation.organisation, "short"),
      authority: shownAuthority(item.observation, item.authority),
      forwardedOn: formatDateVi(item.forwardedOn),
      days: formatNumber(item.days),
      overdue: item.overdue,
      units: [...tree.covering(item.observation.unit)].join(" "),
      organisationId: item.observation.organisation,
    })),
    options: {
      units: units
        .map((id) => ({ id, label: `${unitName(model, id)}${model.units.get(id)?.valid_to ? " (cũ)" : ""}` }))
        .sort((a, b) => collator.compare(a.label, b.label)),
      organisations: model.organisations.map((organisation) => ({ id: organisation.id, label: organisation.label })),
      authorities,
    },
    periods: data.periods,
    rates: rateRows(ratesOverTime(data, items)),
    data,
    summaries: [
      summary(
        "co-quan",
        "Tỉ lệ trả lời và giải quyết theo cơ quan được chuyển (toàn tỉnh, mọi thời gian)",
        "Cơ quan",
        followUpRates(model, observations, (entry) => shownAuthority(entry)),
        (key) => key,
      ),
      summary(
        "linh-vuc",
        "Tỉ lệ trả lời và giải quyết theo lĩnh vực",
        "Lĩnh vực",
        followUpRates(model, observations, (entry) => entry.field),
        (key) => fieldLabel(model, key),
      ),
      summary(
        "don-vi",
        "Tỉ lệ trả lời và giải quyết theo đơn vị",
        "Đơn vị",
        followUpRates(model, observations, (entry) => entry.unit).sort(
          (a, b) => b.forwarded - a.forwarded || collator.compare(unitName(model, a.key), unitName(model, b.key)),
        ),
        (key) => unitName(model, key),
      ),
    ],
  };
}

/** The tracker's data for the page's JSON block: `<` escaped so that no text can close the block. */
export const trackerJson = (data: TrackerData): string => JSON.stringify(data).replace(/</g, "\\u003c");
