/**
 * Deterministic content: bodies, residential areas, observations and reports
 * over an existing unit tree. Pure: returns files (relative path + text); the
 * same seed gives the same bytes.
 */

import { stringify } from "yaml";
import type { ReferenceEntry } from "../../schemas/base.ts";
import type { FollowUpEntry, Status } from "../../schemas/observation.ts";
import type { PeriodicKind } from "../../schemas/schedule.ts";
import type { Unit } from "../../schemas/unit.ts";
import { addDays, daysBetween, formatDateVi } from "../core/calendar/dates.ts";
import { type Period, type PeriodicPeriod, parsePeriod, periodContaining, periodWindow, previousPeriod } from "../core/calendar/periods.ts";
import type { ContentModel, ObservationEntry, UnitEntry } from "../core/content/content-model.ts";
import { referenceLabels } from "../core/content/labels.ts";
import { observationPath } from "../core/content/paths.ts";
import { slugify } from "../core/content/slugify.ts";
import { forwardsItem } from "../core/reports/follow-up-outcome.ts";
import { draftReport } from "../core/reports/report-draft.ts";
import { buildUnitTree } from "../core/units/unit-tree.ts";
import { type ObservationTemplate, PLACES, TEMPLATES } from "./observation-templates.ts";
import { fictionalPerson } from "./people.ts";
import { Random } from "./random.ts";

export interface GeneratedFile {
  path: string;
  text: string;
}

export interface GenerateOptions {
  seed: number;
  observations: number;
  /** First and last observation dates (ISO). */
  from: string;
  to: string;
  /** Communes that get residential areas (khu dân cư) with their own bodies. */
  residentialUnder: readonly string[];
  /** Units (besides the root) whose bodies write reports. */
  reportingUnits: readonly string[];
  /** Topics made to rise in a few communes in one month, after the ordinary observations are drawn. */
  surges?: readonly SurgeRequest[];
}

/** A topic rising in some communes in one reporting month by a factor. */
export interface SurgeRequest {
  topic: { kind: "subtopic" | "tag"; id: string };
  /** Monthly period id. Example: `2026-05`. */
  month: string;
  /** Current communes that rise, or how many to pick (seeded) among them. */
  units: readonly string[] | number;
  /** Count in the month against the commune's baseline. */
  factor: number;
  /**
   * The baseline used is at least this many observations a month (default 1):
   * on sparse data a commune's topic may average 0.1 a month, and three times
   * that is no rise at all.
   */
  baselineFloor?: number;
}

/** What was planted, so that a test knows the truth. */
export interface PlantedSurge {
  topic: SurgeRequest["topic"];
  month: string;
  factor: number;
  baselineFloor: number;
  units: {
    unit: string;
    /** Mean monthly count of the topic in the commune's area over the 12 months before. */
    baseline: number;
    /** Ids of the observations added. */
    added: string[];
  }[];
}

const yaml = (value: unknown) => stringify(value, { lineWidth: 0 });
const markdown = (frontmatter: object, body: string) => `---\n${yaml(frontmatter)}---\n\n${body.trim()}\n`;

const HAMLETS = ["Thôn Trung Hòa", "Thôn Đông Tiến", "Thôn Bắc Sơn", "Tổ dân phố 1", "Tổ dân phố Tân Hương", "Thôn Yên Thịnh"];

function lifeOf(random: Random): Status[] {
  return random.weighted<Status[]>([
    [[], 25],
    [["da-chuyen"], 18],
    [["da-chuyen", "da-tra-loi"], 14],
    [["da-chuyen", "da-tra-loi", "da-giai-quyet"], 16],
    [["da-chuyen", "da-giai-quyet"], 8],
    [["da-giai-quyet"], 4],
    [["khong-thuoc-tham-quyen"], 5],
    [["trung-lap"], 4],
    [["da-chuyen", "da-tra-loi", "dong-chua-giai-quyet"], 4],
    [["da-chuyen", "da-tra-loi", "da-chuyen"], 2],
  ]);
}

const NOTES: Record<Status, string> = {
  moi: "",
  "da-chuyen": "Chuyển văn bản đề nghị xem xét, giải quyết",
  "da-tra-loi": "Cơ quan chức năng có văn bản trả lời, đang triển khai",
  "da-giai-quyet": "Đã giải quyết xong, Nhân dân đồng tình",
  "khong-thuoc-tham-quyen": "Nội dung thuộc thẩm quyền cấp khác, đã hướng dẫn người dân",
  "trung-lap": "Trùng với nội dung đã tiếp nhận trước đó",
  "dong-chua-giai-quyet": "Đã đôn đốc nhiều lần nhưng chưa giải quyết được, đóng hồ sơ và tiếp tục theo dõi",
};

export function generateContent(model: ContentModel, options: GenerateOptions): GeneratedFile[] {
  return generateContentWithTruth(model, options).files;
}

/** The generated files and the surges planted in them. */
export function generateContentWithTruth(model: ContentModel, options: GenerateOptions): { files: GeneratedFile[]; planted: PlantedSurge[] } {
  const random = new Random(options.seed);
  const files: GeneratedFile[] = [];
  const units = new Map(model.units);
  const root = [...units.values()].find((unit) => !unit.parent);
  if (!root) throw new Error("the unit tree has no root");

  // Residential areas under a few communes.
  for (const communeId of options.residentialUnder) {
    for (const hamlet of HAMLETS.slice(0, random.int(2, 3))) {
      const id = `${communeId}-${slugify(hamlet)}`;
      if (units.has(id)) continue;
      const unit: Unit = { id, name: hamlet, level: "khu-dan-cu", parent: communeId, valid_from: "2025-07-01" };
      units.set(id, { ...unit, source: { file: "", yaml: "", lineOffset: 0 } });
      const { id: _, ...data } = unit;
      files.push({ path: `units/${id}.yaml`, text: yaml(data) });
    }
  }
  const organisations = model.organisations.map((organisation) => organisation.id);
  const lead = model.organisations.find((organisation) => organisation.lead)?.id ?? organisations[0] ?? "mttq";
  // The status of an item with no follow-up step, and which steps forward, come from statuses.yaml.
  const initialStatus = referenceLabels(model).initialStatus;
  if (!initialStatus) throw new Error("statuses.yaml has no initial status: run npm run check");

  // Bodies: every organisation at the root, the reporting units and every current commune; the lead only in residential areas.
  const bodies = new Map<string, string>();
  const bodyUnits = [...units.values()].filter(
    (unit) => unit.id === root.id || options.reportingUnits.includes(unit.id) || (unit.level === "xa" && !unit.valid_to) || unit.level === "khu-dan-cu",
  );
  for (const unit of bodyUnits) {
    for (const organisation of unit.level === "khu-dan-cu" ? [lead] : organisations) {
      const person = fictionalPerson(random, unit.id, organisation, unit.level);
      bodies.set(`${unit.id}/${organisation}`, person.id);
      files.push({ path: `bodies/${unit.id}/${organisation}.yaml`, text: yaml({ focal_points: [person] }) });
    }
  }

  // Observations, spread over the date range, filed under the units that existed on the day.
  const reformDay = "2025-07-01";
  const before = [...units.values()].filter((unit) => unit.level === "xa" && unit.valid_to);
  const after = [...units.values()].filter((unit) => (unit.level === "xa" || unit.level === "khu-dan-cu") && !unit.valid_to);
  const focus = after.filter((unit) => options.residentialUnder.includes(unit.id) || options.residentialUnder.includes(unit.parent ?? ""));
  const span = daysBetween(options.from, options.to);
  const observations: ObservationEntry[] = [];
  const usedIds = new Set<string>();
  const lastByField = new Map<string, ObservationEntry>();
  const emit = (template: ObservationTemplate, observedOn: string, unit: UnitEntry, random: Random): ObservationEntry => {
    const organisation = unit.level === "khu-dan-cu" ? lead : random.weighted(organisations.map((id) => [id, id === lead ? 4 : 1] as const));
    const place = random.pick(PLACES);
    const fill = (text: string) =>
      text
        .replaceAll("{noi}", place)
        .replaceAll("{don_vi}", units.get(unit.level === "khu-dan-cu" ? (unit.parent ?? unit.id) : unit.id)?.name ?? unit.name)
        .replaceAll("{so}", String(random.int(3, 60)));
    const title = fill(template.title).replace(/^./, (first) => first.toUpperCase());
    const recordedOn = [addDays(observedOn, random.int(0, 3)), options.to].sort()[0] as string;
    let slug = slugify(title).split("-").slice(0, 8).join("-");
    let id = `${unit.id}/${observedOn}-${slug}`;
    for (let suffix = 2; usedIds.has(id); suffix++) id = `${unit.id}/${observedOn}-${slug}-${suffix}`;
    usedIds.add(id);
    slug = id.slice(unit.id.length + 12);
    const urgency =
      template.field === "vu-viec-noi-com"
        ? random.weighted([
            ["dot-xuat", 2],
            ["khan", 1],
          ] as const)
        : random.weighted([
            ["thuong-xuyen", 16],
            ["dot-xuat", 3],
            ["khan", 1],
          ] as const);
    const authority = fill(template.authority);
    // Restricted items carry details of their own (a household, a date), which the site must never show.
    const restricted = (template.sensitive && random.chance(0.5)) || random.chance(0.03);
    const Place = place.replace(/^./, (first) => first.toUpperCase());
    const privately = (text: string, date: string) => (restricted ? `${text}; chi tiết riêng tại ${place} ngày ${formatDateVi(date)}` : text);
    const follow_up: FollowUpEntry[] = [];
    let day = recordedOn;
    for (const status of lifeOf(random)) {
      const next = addDays(day, random.int(1, 25));
      if (next > options.to) break;
      day = next;
      follow_up.push({
        date: day,
        status,
        ...(status === "da-chuyen" || status === "da-tra-loi" ? { authority } : {}),
        note: privately(NOTES[status] ?? "", day),
      });
    }
    const status = follow_up[follow_up.length - 1]?.status ?? initialStatus;
    const previousInField = lastByField.get(template.field);
    const earlier = previousInField && previousInField.observed_on < observedOn ? previousInField : undefined;
    const data = {
      title,
      observed_on: observedOn,
      recorded_on: recordedOn,
      unit: unit.id,
      organisation,
      field: template.field,
      subtopics: template.subtopics,
      channel: random.pick(model.channels).id,
      urgency,
      ...(restricted || random.chance(0.8)
        ? { location: restricted ? `${Place}, ${unit.name}, hộ cuối xóm (ghi ngày ${formatDateVi(observedOn)})` : `${Place}, ${unit.name}` }
        : {}),
      ...(random.chance(0.6) ? { people_count: random.int(3, 300) } : {}),
      tags: template.tags,
      status,
      ...(follow_up.some((step) => forwardsItem(model, step.status)) ? { forwarded_to: authority } : {}),
      follow_up,
      related: status === "trung-lap" && earlier ? [earlier.id] : [],
      confidentiality: restricted ? "han-che" : "binh-thuong",
    } as const;
    const body = restricted
      ? `${fill(template.body)}\n\nNội dung chi tiết do người dân ở ${place} cung cấp ngày ${formatDateVi(observedOn)} được giữ kín theo quy định.`
      : fill(template.body);
    files.push({ path: observationPath(unit.id, observedOn, slug), text: markdown(data, body) });
    const entry = {
      ...data,
      reviewed_flags: [],
      tags: [...data.tags],
      subtopics: [...data.subtopics],
      related: [...data.related],
      id,
      path: { year: "", month: "", unit: unit.id, date: observedOn },
      source: { file: "", yaml: "", lineOffset: 0 },
      body: "",
      bodyLine: 0,
    } as ObservationEntry;
    observations.push(entry);
    lastByField.set(template.field, entry);
    return entry;
  };
  for (let index = 0; index < options.observations; index++) {
    const template = TEMPLATES[index % TEMPLATES.length] as (typeof TEMPLATES)[number];
    const observedOn = addDays(options.from, random.int(0, span));
    const pool = observedOn < reformDay && before.length > 0 ? before : after;
    const unit = observedOn >= reformDay && focus.length > 0 && random.chance(0.35) ? random.pick(focus) : random.pick(pool);
    emit(template, observedOn, unit, random);
  }
  const planted = plantSurges({ ...model, units }, observations, options, emit);

  files.push(...generateReports({ ...model, units }, observations, bodies, options, root));
  return { files, planted };
}

/**
 * Adds, for each surge and commune, (factor − 1) × baseline observations of
 * the topic on days of the month, the baseline being the commune's mean monthly
 * count over the 12 months before, floored (at one by default): a factor of a
 * rate below one a month is not a rise anyone could see. Drawn from their own seed, so the
 * ordinary observations are the same with and without surges.
 */
function plantSurges(
  model: ContentModel,
  observations: readonly ObservationEntry[],
  options: GenerateOptions,
  emit: (template: ObservationTemplate, observedOn: string, unit: UnitEntry, random: Random) => ObservationEntry,
): PlantedSurge[] {
  const schedule = model.schedule;
  if (!options.surges?.length) return [];
  if (!schedule) throw new Error("planting surges needs schedule.yaml");
  const random = new Random(options.seed + 2);
  const tree = buildUnitTree(model);
  const ordinary = [...observations];
  const planted: PlantedSurge[] = [];
  for (const surge of options.surges) {
    const period = parsePeriod(surge.month);
    const window = period && periodWindow(period, schedule);
    if (period?.kind !== "month" || !window) throw new Error(`surge month "${surge.month}" is not a monthly period`);
    const templates = TEMPLATES.filter((template) => (surge.topic.kind === "subtopic" ? template.subtopics : template.tags).includes(surge.topic.id));
    if (templates.length === 0) throw new Error(`no template has ${surge.topic.kind} "${surge.topic.id}"`);
    const communes = [...model.units.values()].filter((unit) => unit.level === "xa" && tree.existsOn(unit, window.end) && tree.existsOn(unit, window.start));
    const chosen =
      typeof surge.units === "number"
        ? pickDistinct(random, communes, surge.units)
        : surge.units.map((id) => {
            const unit = communes.find((candidate) => candidate.id === id);
            if (!unit) throw new Error(`surge unit "${id}" is not a commune in ${surge.month}`);
            return unit;
          });
    let earliest: PeriodicPeriod = period;
    for (let month = 0; month < 12; month++) earliest = previousPeriod(earliest, schedule);
    const start = (periodWindow(earliest, schedule) as { start: string }).start;
    const floor = surge.baselineFloor ?? 1;
    const mentions = (entry: ObservationEntry) => (surge.topic.kind === "subtopic" ? entry.subtopics : entry.tags).includes(surge.topic.id);
    const units = chosen.map((unit) => {
      const area = tree.coverage(unit.id);
      const history = ordinary.filter(
        (entry) => entry.observed_on >= start && entry.observed_on < window.start && area.has(entry.unit) && mentions(entry),
      ).length;
      const baseline = history / 12;
      const extra = Math.max(1, Math.round((surge.factor - 1) * Math.max(baseline, floor)));
      const span = daysBetween(window.start, window.end);
      const added = Array.from({ length: extra }, () => emit(random.pick(templates), addDays(window.start, random.int(0, span)), unit, random).id);
      return { unit: unit.id, baseline, added };
    });
    planted.push({ topic: surge.topic, month: surge.month, factor: surge.factor, baselineFloor: floor, units });
  }
  return planted;
}

function pickDistinct<T>(random: Random, items: readonly T[], count: number): T[] {
  const pool = [...items];
  const chosen: T[] = [];
  while (chosen.length < count && pool.length > 0) chosen.push(pool.splice(Math.floor(random.next() * pool.length), 1)[0] as T);
  return chosen;
}

function generateReports(
  base: ContentModel,
  observations: readonly ObservationEntry[],
  bodies: Map<string, string>,
  options: GenerateOptions,
  root: UnitEntry,
): GeneratedFile[] {
  const schedule = base.schedule;
  if (!schedule) return [];
  // Drafts are written as a focal point would with `npm run report -- draft`, lower levels first so that upper ones consolidate them.
  const model: ContentModel = { ...base, observations: new Map(observations.map((entry) => [entry.id, entry])), reports: new Map() };
  const tree = buildUnitTree(model);
  const random = new Random(options.seed + 1);
  const files: GeneratedFile[] = [];
  const lead = model.organisations.find((organisation) => organisation.lead) as ReferenceEntry;
  const reporting = [...options.reportingUnits, root.id].sort((a, b) => tree.ancestors(b).length - tree.ancestors(a).length);
  const kinds: PeriodicKind[] = ["month", "quarter", "half", "year"];
  for (const unitId of reporting) {
    const unit = model.units.get(unitId) as UnitEntry;
    const covered = tree.coverage(unitId);
    const periods = new Map<string, Period>();
    for (const observation of observations) {
      if (!covered.has(observation.unit)) continue;
      for (const kind of kinds) {
        const period = periodContaining(kind, observation.observed_on, schedule);
        periods.set(period.id, period);
      }
    }
    for (const period of [...periods.values()].sort((a, b) => a.id.localeCompare(b.id))) {
      const window = periodWindow(period, schedule);
      if (!window || window.end > options.to) continue;
      if (unit.valid_to && window.end > unit.valid_to) continue;
      if (unit.valid_from && window.end < unit.valid_from) continue;
      const author = bodies.get(`${unitId}/${lead.id}`);
      // Some lower-level reports are never sent, so that compliance has something to show.
      if (!author || (unitId !== root.id && random.chance(0.1))) continue;
      const late = random.chance(0.2);
      const submittedOn = late ? addDays(window.end, random.int(1, 6)) : addDays(window.end, -random.int(0, 4));
      if (submittedOn > options.to) continue;
      const draft = draftReport(model, tree, { unit: unitId, organisation: lead.id, period: period.id, author, submittedOn, withHotspots: false });
      if (!draft.ok) throw new Error(draft.message);
      files.push({ path: draft.path, text: draft.text });
      const id = `${period.id}/${unitId}/${lead.id}`;
      model.reports.set(id, {
        ...draft.data,
        id,
        path: { period: period.id, unit: unitId, organisation: lead.id },
        source: { file: draft.path, yaml: "", lineOffset: 1 },
      });
    }
  }
  return files;
}
