/**
 * Cache keys made from a page's inputs rather than from its rendered view: the
 * shared data every page may show (reference lists, schedule, requests), and for
 * each page the digests of exactly the items, units and bodies its view reads,
 * the build's date where the page depends on it. Computing every view only to
 * hash it cost most of an incremental publish (10k: about 20 s of CPU for 8k
 * pages); these keys cost a few milliseconds in all.
 *
 * Observations are summed per unit: each observation's digest (its file, front
 * matter, body and approval record) is XOR-ed into prefix sums over the unit's
 * observations ordered by date, so the digest of any unit's observations in any
 * date range is two binary searches and one XOR. A page's key then takes, for
 * each unit its view covers, the digest and count of that unit's observations in
 * the date range the view reads (its window, the periods it compares with, its trend).
 *
 * A key must change whenever what the page shows may change: when a view reads
 * something new, add it here (the publish equality test compares an incremental
 * publish with a full one after each kind of change).
 */
import { createHash } from "node:crypto";
import { isPeriodic, type PeriodicPeriod, parsePeriod, periodWindow, previousPeriod } from "../core/calendar/periods.ts";
import type { ContentModel, ObservationEntry } from "../core/content/content-model.ts";
import { lowerReportGaps } from "../core/reports/compliance.ts";
import { DEFAULT_HOTSPOT_SETTINGS } from "../core/reports/hotspots.ts";
import { hotspotsForReport } from "../core/reports/hotspots-view.ts";
import { stableJson } from "./cache-key.ts";
import { complianceOf, consolidationPages, type SiteData } from "./data.ts";
import { TREND_PERIODS } from "./views/consolidated-report.ts";
import type { MonthPageProps } from "./views/observation-month.ts";

/** Four 32-bit lanes: a 128-bit digest that XORs cheaply. */
const LANES = 4;

const sha = (text: string) => createHash("sha256").update(text).digest();

/** The observations of one unit ordered by date, with prefix XORs of their digests. */
interface UnitSeries {
  dates: string[];
  /** `(dates.length + 1) * LANES` lanes: entry i holds the XOR of the first i digests. */
  prefix: Int32Array;
}

export interface PageKeys {
  /** `thong-tin/<unit>/<month>/`. */
  monthPage(props: MonthPageProps): string;
  /** `bao-cao/<unit>/<period>/`. */
  reportPage(unit: string, period: string): string;
  /** `don-vi/<unit>/`. */
  unitPage(unit: string): string;
  /** `linh-vuc/<field>/`: every observation of the field, the units (names in its list), the date (its ranges). */
  fieldPage(field: string): string;
  /** `kenh/<channel>/`: as a field's page, over the channel's observations. */
  channelPage(channel: string): string;
  /**
   * A month's hot-spot detection (hotspot-cache.ts): every observation of its window and baseline
   * months, all units, and the first month with observations (it bounds the baseline).
   */
  hotspotMonth(monthId: string, firstMonth: string | undefined): string;
}

const keysByModel = new WeakMap<ContentModel, PageKeys>();

/** The keys of the site's pages, computed once per model. */
export function pageKeys(data: SiteData): PageKeys {
  const known = keysByModel.get(data.model);
  if (known) return known;
  const keys = buildPageKeys(data);
  keysByModel.set(data.model, keys);
  return keys;
}

function buildPageKeys(data: SiteData): PageKeys {
  const { model, tree, today, provenance } = data;
  const { observations: _o, reports: _r, units: _u, bodies: _b, referenceSources: _s, ...rest } = model;
  const shared = sha(stableJson(rest)).toString("hex");

  const approvalOf = (entry: ObservationEntry) => provenance.get(entry.source.file.replace(/^.*?observations\//, "observations/"));
  const itemDigests = new Map<string, Buffer>();
  const series = new Map<string, UnitSeries>();
  const byUnit = new Map<string, ObservationEntry[]>();
  for (const entry of model.observations.values()) {
    const list = byUnit.get(entry.unit);
    if (list) list.push(entry);
    else byUnit.set(entry.unit, [entry]);
  }
  const digestOf = (entry: ObservationEntry): Buffer => {
    let digest = itemDigests.get(entry.id);
    if (!digest) {
      const approval = approvalOf(entry);
      digest = sha(`${entry.source.file}\0${entry.source.yaml}\0${entry.body ?? ""}\0${approval ? stableJson(approval) : ""}`);
      itemDigests.set(entry.id, digest);
    }
    return digest;
  };
  /** XOR of the digests of every observation sharing a value (its field, its channel), with their count. */
  const sums = (groupOf: (entry: ObservationEntry) => string) => {
    const lanes = new Map<string, { count: number; lanes: Int32Array }>();
    for (const entry of model.observations.values()) {
      const value = groupOf(entry);
      let sum = lanes.get(value);
      if (!sum) {
        sum = { count: 0, lanes: new Int32Array(LANES) };
        lanes.set(value, sum);
      }
      const digest = digestOf(entry);
      sum.count++;
      for (let lane = 0; lane < LANES; lane++) sum.lanes[lane] = (sum.lanes[lane] as number) ^ digest.readInt32LE(lane * 4);
    }
    return (value: string) => {
      const sum = lanes.get(value);
      return sum ? `${sum.count}.${[...sum.lanes].map((lane) => lane >>> 0).join(".")}` : "0";
    };
  };
  let byField: ((value: string) => string) | undefined;
  let byChannel: ((value: string) => string) | undefined;
  for (const [unit, entries] of byUnit) {
    entries.sort((a, b) => (a.observed_on < b.observed_on ? -1 : a.observed_on > b.observed_on ? 1 : a.id < b.id ? -1 : 1));
    const prefix = new Int32Array((entries.length + 1) * LANES);
    entries.forEach((entry, index) => {
      const digest = digestOf(entry);
      for (let lane = 0; lane < LANES; lane++) prefix[(index + 1) * LANES + lane] = (prefix[index * LANES + lane] as number) ^ digest.readInt32LE(lane * 4);
    });
    series.set(unit, { dates: entries.map((entry) => entry.observed_on), prefix });
  }

  /** First index whose date is ≥ `date` (or > with `after`). */
  const bound = (dates: string[], date: string, after: boolean) => {
    let low = 0;
    let high = dates.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      const at = dates[middle] as string;
      if (at < date || (after && at === date)) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  /** The digest and count of a unit's observations dated in [start, end] (all of them without a range). */
  const observationsOf = (unit: string, range?: { start: string; end: string }): string => {
    const found = series.get(unit);
    if (!found) return "0";
    const low = range ? bound(found.dates, range.start, false) : 0;
    const high = range ? bound(found.dates, range.end, true) : found.dates.length;
    if (high <= low) return "0";
    let text = `${high - low}`;
    for (let lane = 0; lane < LANES; lane++) text += `.${((found.prefix[high * LANES + lane] as number) ^ (found.prefix[low * LANES + lane] as number)) >>> 0}`;
    return text;
  };

  /** Each unit's reports: their digest and the day their period ends (a consolidated page lists those ending in its window). */
  const reportsByUnit = new Map<string, { period: string; end: string | undefined; digest: string }[]>();
  for (const report of model.reports.values()) {
    const list = reportsByUnit.get(report.unit) ?? [];
    const period = parsePeriod(report.period);
    list.push({
      period: report.period,
      end: period && model.schedule ? periodWindow(period, model.schedule)?.end : undefined,
      digest: sha(`${report.source.file}\0${report.source.yaml}\0${report.body ?? ""}`).toString("hex"),
    });
    reportsByUnit.set(report.unit, list);
  }
  /** The digests of a unit's reports that `keep` keeps, in a fixed order. */
  const reportsOf = (unit: string, keep: (report: { period: string; end: string | undefined }) => boolean = () => true) =>
    (reportsByUnit.get(unit) ?? [])
      .filter(keep)
      .map((report) => report.digest)
      .sort();
  const memo = <T>(compute: (unit: string) => T) => {
    const known = new Map<string, T>();
    return (unit: string): T => {
      if (!known.has(unit)) known.set(unit, compute(unit));
      return known.get(unit) as T;
    };
  };
  /** The unit's own data: its name, place and lifetime. */
  const unitEntryDigest = memo((unit) => sha(stableJson(model.units.get(unit) ?? null)).toString("hex"));
  /** The unit's data and its bodies (focal points, contacts); its reports are counted by each page as it reads them. */
  const unitDigest = memo((unit) =>
    sha(
      stableJson({
        entry: unitEntryDigest(unit),
        bodies: model.organisations.map((organisation) => model.bodies.get(`${unit}/${organisation.id}`) ?? null),
      }),
    ).toString("hex"),
  );
  const allUnits = sha(stableJson([...model.units.values()])).toString("hex");
  const key = (parts: unknown[]) => createHash("sha256").update(shared).update(stableJson(parts)).digest("hex");
  const schedule = model.schedule;
  const pages = consolidationPages(model, tree);

  return {
    monthPage(props) {
      const related = (entry: ObservationEntry) =>
        entry.related.map((id) => {
          const item = model.observations.get(id);
          return item ? digestOf(item).toString("hex") : id;
        });
      return key([
        "thong-tin",
        props.unit,
        props.month,
        props.previous,
        props.next,
        unitEntryDigest(props.unit),
        props.entries.map((entry) => [digestOf(entry).toString("hex"), related(entry)]),
      ]);
    },

    reportPage(unit, periodId) {
      const period = parsePeriod(periodId);
      const window = period && schedule ? periodWindow(period, schedule) : undefined;
      if (!period || !window || !schedule) return key(["bao-cao", unit, periodId, today]);
      // The earliest date the view reads: the start of its trend's first period (which holds the compared period too).
      let first: PeriodicPeriod | undefined = isPeriodic(period) ? period : undefined;
      for (let step = 1; first && step < TREND_PERIODS; step++) first = previousPeriod(first, schedule);
      const range = { start: (first && periodWindow(first, schedule)?.start) ?? window.start, end: window.end };
      const covered = [...tree.coverage(unit)].sort();
      const ancestors = tree.ancestors(unit);
      const summary = complianceOf(model, period, today);
      return key([
        "bao-cao",
        unit,
        periodId,
        // A period not yet over shows the day ("đến hôm nay") and compares with as many days of the one before;
        // once over, its page no longer depends on the day (its Word document is dated in the browser, on click;
        // its deadlines' statuses are in the summary below).
        today < window.end ? today : null,
        // The bodies' own reports of the period, and those below whose period ends in the window.
        covered.map((id) => [
          id,
          unitDigest(id),
          observationsOf(id, range),
          pages.has(`${id}/${periodId}`),
          reportsOf(id, (report) => report.period === periodId || (report.end !== undefined && report.end >= window.start && report.end <= window.end)),
        ]),
        // Above it, only their names and places (the breadcrumb, the document's heading) and which pages they have.
        ancestors.map((id) => [id, unitDigest(id), pages.has(`${id}/${periodId}`)]),
        summary ? [summary.due, lowerReportGaps(summary, tree.coverage(unit), unit)] : null,
        hotspotsForReport(model, tree, unit, periodId),
      ]);
    },

    fieldPage(field) {
      byField ??= sums((entry) => entry.field);
      return key(["linh-vuc", field, today, allUnits, byField(field)]);
    },

    channelPage(channel) {
      byChannel ??= sums((entry) => entry.channel);
      return key(["kenh", channel, today, allUnits, byChannel(channel)]);
    },

    hotspotMonth(monthId, firstMonth) {
      const period = parsePeriod(monthId);
      const window = period && schedule ? periodWindow(period, schedule) : undefined;
      if (!period || !isPeriodic(period) || !window || !schedule) return key(["diem-nong", monthId, "?"]);
      let first: PeriodicPeriod = period;
      for (let step = 0; step < DEFAULT_HOTSPOT_SETTINGS.baselineMonths; step++) first = previousPeriod(first, schedule);
      const range = { start: periodWindow(first, schedule)?.start ?? window.start, end: window.end };
      return key(["diem-nong", monthId, firstMonth, allUnits, [...series.keys()].sort().map((unit) => [unit, observationsOf(unit, range)])]);
    },

    unitPage(unit) {
      const entry = model.units.get(unit);
      const covered = [...tree.coverage(unit)].sort();
      const related = [...tree.ancestors(unit), ...(entry?.merged_into ?? [])];
      return key([
        "don-vi",
        unit,
        // Coming deadlines and the last twelve months' trend.
        today,
        covered.map((id) => [id, unitDigest(id), observationsOf(id)]),
        // Its own reports and deadlines (reports below it show on the consolidated pages, not here).
        reportsOf(unit),
        related.map((id) => [id, unitEntryDigest(id)]),
        [...pages].filter((page) => page.startsWith(`${unit}/`)).sort(),
      ]);
    },
  };
}
