/**
 * The search index's records, built from the content model (not from HTML):
 * what each observation and report is found by, what a result shows, and the
 * filters and sort keys. A record holds only what `shownDetails` lets through:
 * a restricted observation's body, follow-up notes and location never enter
 * one, so they cannot reach the index files.
 */
import type { PeriodicKind } from "../../../schemas/schedule.ts";
import { formatDateVi } from "../calendar/dates.ts";
import { parsePeriod, periodEnd, periodIdsOfDay, periodLabel } from "../calendar/periods.ts";
import type { ContentModel, ObservationEntry, ReportEntry } from "../content/content-model.ts";
import { statusChoices, statusLabel, urgencyChoices, urgencyLabel } from "../content/labels.ts";
import { observationHref, reportHref } from "../site/links.ts";
import { shownDetails } from "../site/visibility.ts";
import type { UnitTree } from "../units/unit-tree.ts";
import { dWords } from "./fold.ts";
import type { SearchFilter } from "./state.ts";

export const RECORD_KINDS = { "thong-tin": "Thông tin nắm được", "bao-cao": "Báo cáo" } as const;

export interface SearchRecord {
  /** Site path without the base path, with the item's anchor. */
  url: string;
  /** The searchable text, in Vietnamese (NFC). */
  content: string;
  language: "vi";
  /** What a result shows; `d` holds the words with `đ` written `d`, so "dat dai" finds "đất đai". */
  meta: Record<string, string>;
  /** Values are ids (stable, short, address-friendly); the search page maps them to labels. */
  filters: Partial<Record<SearchFilter, string[]>>;
  sort: { ngay: string };
}

/** Markdown to the plain text worth searching (syntax characters, link targets and quoted ids such as `xa-a/2026-11-06-slug` dropped). */
export function markdownText(markdown: string): string {
  return markdown
    .replace(/`[^`\s]*\/[^`\s]*`/g, "")
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/<[^>]*>/g, " ")
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+/gm, "")
    .replace(/[*_`~]+/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

const PERIOD_FILTERS: [PeriodicKind, SearchFilter][] = [
  ["month", "thang"],
  ["quarter", "quy"],
  ["year", "nam"],
];

export interface SearchLabels {
  /** Filter → value id → label, for the values that occur, in display order. */
  filters: Record<SearchFilter, [string, string][]>;
}

/** The filter values of observations and reports (shared by the records and the search page's facets). */
function filterBuilder(model: ContentModel, tree: UnitTree) {
  const schedule = model.schedule;
  const periodsOf = schedule
    ? periodIdsOfDay(
        PERIOD_FILTERS.map(([kind]) => kind),
        schedule,
      )
    : undefined;
  const periodFilters = (date: string): Partial<Record<SearchFilter, string[]>> => {
    const ids = periodsOf?.(date);
    return ids ? Object.fromEntries(PERIOD_FILTERS.map(([, key], index) => [key, [ids[index] as string]])) : {};
  };
  return {
    observation: (entry: ObservationEntry): Partial<Record<SearchFilter, string[]>> => ({
      loai: ["thong-tin"],
      linh_vuc: [entry.field],
      tieu_muc: entry.subtopics.map((id) => `${entry.field}/${id}`),
      don_vi: [...tree.covering(entry.unit)],
      to_chuc: [entry.organisation],
      kenh: [entry.channel],
      ...periodFilters(entry.observed_on),
      muc_do: [entry.urgency],
      trang_thai: [entry.status],
    }),
    report: (report: ReportEntry): Partial<Record<SearchFilter, string[]>> => {
      const period = parsePeriod(report.period);
      const end = period && schedule ? periodEnd(period, schedule) : undefined;
      return { loai: ["bao-cao"], don_vi: [...tree.covering(report.unit)], to_chuc: [report.organisation], ...(end ? periodFilters(end) : {}) };
    },
  };
}

export function searchRecords(model: ContentModel, tree: UnitTree): SearchRecord[] {
  const build = recordBuilder(model, tree);
  const records: SearchRecord[] = [];
  for (const entry of model.observations.values()) records.push(build.observation(entry));
  for (const report of model.reports.values()) records.push(build.report(report));
  return records;
}

/**
 * The record of one entry. It reads only that entry and the model's shared data (units, the
 * reference lists, the schedule), never another entry: a publish keeps records between runs
 * under the entry's file and the shared files (search-records-process.ts).
 */
export function recordBuilder(
  model: ContentModel,
  tree: UnitTree,
): { observation: (entry: ObservationEntry) => SearchRecord; report: (report: ReportEntry) => SearchRecord } {
  const filtersOf = filterBuilder(model, tree);
  const organisationOf = (id: string) => model.organisations.find((organisation) => organisation.id === id);
  const unitName = (id: string) => model.units.get(id)?.name ?? id;
  return { observation: observationRecord, report: reportRecord };

  function observationRecord(entry: ObservationEntry): SearchRecord {
    const shown = shownDetails(entry);
    const field = model.fields.find((candidate) => candidate.id === entry.field);
    const subtopics = entry.subtopics.map((id) => field?.subtopics.find((subtopic) => subtopic.id === id)?.label ?? id);
    const organisation = organisationOf(entry.organisation);
    const authorities = [...new Set([shown.forwardedTo, ...shown.authorities].filter((name) => name !== undefined))];
    const labels = [
      unitName(entry.unit),
      organisation?.label,
      field?.label,
      ...subtopics,
      model.channels.find((channel) => channel.id === entry.channel)?.label,
      urgencyLabel(model, entry.urgency),
      statusLabel(model, entry.status),
      ...authorities,
      ...entry.tags,
    ];
    const detail = [shown.body ? markdownText(shown.body) : "", shown.location ?? "", ...shown.notes.map((note) => note ?? "")];
    const content = [`${entry.title}.`, ...detail, `${labels.filter(Boolean).join(". ")}.`].filter(Boolean).join("\n");
    return {
      url: observationHref(entry),
      content,
      language: "vi",
      meta: withDWords(
        {
          title: entry.title,
          loai: RECORD_KINDS["thong-tin"],
          don_vi: unitName(entry.unit),
          to_chuc: organisation?.short ?? entry.organisation,
          ngay: formatDateVi(entry.observed_on),
          linh_vuc: field?.label ?? entry.field,
          trang_thai: statusLabel(model, entry.status),
          muc_do: urgencyLabel(model, entry.urgency),
          ...(shown.restricted ? { han_che: "Thông tin hạn chế: chỉ hiển thị tiêu đề" } : {}),
        },
        content,
      ),
      filters: filtersOf.observation(entry),
      sort: { ngay: entry.observed_on },
    };
  }

  function reportRecord(report: ReportEntry): SearchRecord {
    const period = parsePeriod(report.period);
    const organisation = organisationOf(report.organisation);
    const label = period ? periodLabel(period) : report.period;
    const content = [
      `${report.title}.`,
      report.body ? markdownText(report.body) : "",
      `${RECORD_KINDS["bao-cao"]} ${label}. ${unitName(report.unit)}. ${organisation?.label ?? report.organisation}.`,
    ]
      .filter(Boolean)
      .join("\n");
    return {
      url: reportHref(report),
      content,
      language: "vi",
      meta: withDWords(
        {
          title: report.title,
          loai: `${RECORD_KINDS["bao-cao"]} ${label.toLocaleLowerCase("vi")}`,
          don_vi: unitName(report.unit),
          to_chuc: organisation?.short ?? report.organisation,
          ngay: formatDateVi(report.submitted_on),
        },
        content,
      ),
      filters: filtersOf.report(report),
      sort: { ngay: report.submitted_on },
    };
  }
}

function withDWords(meta: Record<string, string>, content: string): Record<string, string> {
  const words = dWords(`${meta.title ?? ""} ${content}`);
  return words.length > 0 ? { ...meta, d: words.join(" ") } : meta;
}

/**
 * Every filter's values with their labels, in the order the search page shows
 * them: units along the tree (indented by depth), periods newest first, the
 * reference lists in their data order.
 */
export function searchFacets(model: ContentModel, tree: UnitTree): SearchLabels {
  const present = new Map<SearchFilter, Set<string>>();
  const filtersOf = filterBuilder(model, tree);
  const filterSets = [...[...model.observations.values()].map(filtersOf.observation), ...[...model.reports.values()].map(filtersOf.report)];
  for (const filters of filterSets) {
    for (const [key, values] of Object.entries(filters) as [SearchFilter, string[]][]) {
      const seen = present.get(key) ?? new Set<string>();
      present.set(key, seen);
      for (const value of values) seen.add(value);
    }
  }
  const keep = (key: SearchFilter, values: [string, string][]) => values.filter(([id]) => present.get(key)?.has(id));
  const units: [string, string][] = [];
  const collator = new Intl.Collator("vi");
  const visit = (id: string, depth: number) => {
    const unit = model.units.get(id);
    if (!unit) return;
    const closed = unit.valid_to ? " (trước sắp xếp)" : "";
    units.push([id, `${"— ".repeat(depth)}${unit.name}${closed}`]);
    const children = [...tree.children(id)].sort((a, b) => collator.compare(model.units.get(a)?.name ?? a, model.units.get(b)?.name ?? b));
    for (const child of children) visit(child, depth + 1);
  };
  for (const unit of model.units.values()) if (!unit.parent) visit(unit.id, 0);
  const periods = (key: SearchFilter) =>
    [...(present.get(key) ?? [])]
      .sort()
      .reverse()
      .map((id): [string, string] => {
        const period = parsePeriod(id);
        return [id, period ? periodLabel(period) : id];
      });
  return {
    filters: {
      loai: keep("loai", Object.entries(RECORD_KINDS)),
      linh_vuc: keep(
        "linh_vuc",
        model.fields.map((field) => [field.id, field.label]),
      ),
      tieu_muc: keep(
        "tieu_muc",
        model.fields.flatMap((field) => field.subtopics.map((subtopic): [string, string] => [`${field.id}/${subtopic.id}`, subtopic.label])),
      ),
      don_vi: keep("don_vi", units),
      to_chuc: keep(
        "to_chuc",
        model.organisations.map((organisation) => [organisation.id, organisation.label]),
      ),
      kenh: keep(
        "kenh",
        model.channels.map((channel) => [channel.id, channel.label]),
      ),
      thang: periods("thang"),
      quy: periods("quy"),
      nam: periods("nam"),
      muc_do: keep(
        "muc_do",
        urgencyChoices(model).map((urgency) => [urgency.id, urgency.label]),
      ),
      trang_thai: keep(
        "trang_thai",
        statusChoices(model).map((status) => [status.id, status.label]),
      ),
    },
  };
}
