/**
 * What the "Điểm nóng" pages, the consolidated pages, the report drafts and
 * the urgent feed show of the hot spots: plain data, Vietnamese text, links
 * root-relative. Restricted observations appear by title and classification
 * only (the visibility rule). Detection runs once per model and month.
 */
import { formatDateVi } from "../calendar/dates.ts";
import { parsePeriod, periodContaining, periodLabel, periodPhrase } from "../calendar/periods.ts";
import type { ContentModel, ObservationEntry } from "../content/content-model.ts";
import { urgencyLabel } from "../content/labels.ts";
import { escapeHtml } from "../site/escape-html.ts";
import { observationHref } from "../site/links.ts";
import { shownDetails } from "../site/visibility.ts";
import type { UnitTree } from "../units/unit-tree.ts";
import { type Hotspot, type HotspotDetector, type HotspotMonth, hotspotDetector, type Topic, topicKey } from "./hotspots.ts";

interface Detected {
  detector: HotspotDetector;
  months: Map<string, HotspotMonth | undefined>;
  /** `testedMonths`, once every month is known (cleared when results are remembered). */
  tested: HotspotMonth[] | undefined;
  /** Per report period (`kind:id`), the tested months it covers, newest first. */
  covered: Map<string, HotspotMonth[]>;
}

const detectors = new WeakMap<ContentModel, Detected>();

function cached(model: ContentModel, tree: UnitTree): Detected {
  let entry = detectors.get(model);
  if (!entry) {
    entry = { detector: hotspotDetector(model, tree), months: new Map(), tested: undefined, covered: new Map() };
    detectors.set(model, entry);
  }
  return entry;
}

/** The month's hot spots, computed once per model (pages, drafts and the feed ask for the same months). */
export function hotspotsOf(model: ContentModel, tree: UnitTree, monthId: string): HotspotMonth | undefined {
  const entry = cached(model, tree);
  if (!entry.months.has(monthId)) entry.months.set(monthId, entry.detector.detect(monthId));
  return entry.months.get(monthId);
}

/** The monthly period ids that hold observations, oldest first: the months the detector can test. */
export function hotspotMonthIds(model: ContentModel, tree: UnitTree): readonly string[] {
  return cached(model, tree).detector.months;
}

/**
 * Results detected earlier for months whose inputs are unchanged (a publish keeps them between
 * builds, src/site/hotspot-cache.ts): `hotspotsOf` returns them instead of detecting again.
 */
export function rememberHotspots(model: ContentModel, tree: UnitTree, results: ReadonlyMap<string, HotspotMonth | undefined>): void {
  const entry = cached(model, tree);
  for (const [month, result] of results) entry.months.set(month, result);
  entry.tested = undefined;
  entry.covered.clear();
}

/** The tested months, newest first, with their results. */
export function testedMonths(model: ContentModel, tree: UnitTree): HotspotMonth[] {
  const entry = cached(model, tree);
  entry.tested ??= entry.detector.months
    .map((month) => hotspotsOf(model, tree, month))
    .filter((month): month is HotspotMonth => month !== undefined)
    .reverse();
  return [...entry.tested];
}

const decimal = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 1, minimumFractionDigits: 1 });
const whole = new Intl.NumberFormat("vi-VN");

export function topicLabel(model: ContentModel, topic: Topic): string {
  if (topic.kind === "subtopic") {
    for (const field of model.fields) {
      const subtopic = field.subtopics.find((candidate) => candidate.id === topic.id);
      if (subtopic) return subtopic.label;
    }
    return topic.id;
  }
  return `Từ khóa “${topic.id.replaceAll("-", " ")}”`;
}

export interface HotspotItem {
  title: string;
  href: string;
  unit: string;
  date: string;
  /** Urgency and, when restricted, that only the title and classification are shown. */
  classification: string;
  restricted: boolean;
}

export interface HotspotUnitRow {
  unit: string;
  href: string;
  count: string;
  expected: string;
  baselineMean: string;
  ratio: string;
  significance: string;
}

export interface HotspotCard {
  anchor: string;
  topic: string;
  kind: string;
  /** One sentence: where it rises and by how much. */
  summary: string;
  /** How sure: the false-discovery figure in words. */
  confidence: string;
  related: string[];
  units: HotspotUnitRow[];
  items: HotspotItem[];
  neighbours: HotspotItem[];
}

export interface HotspotMonthView {
  id: string;
  label: string;
  href: string;
  /** `21/10/2026 – 20/11/2026`. */
  window: string;
  /** One sentence on what was tested. */
  scope: string;
  cards: HotspotCard[];
}

const unitName = (model: ContentModel, id: string) => model.units.get(id)?.name ?? id;

function item(model: ContentModel, entry: ObservationEntry): HotspotItem {
  const { restricted } = shownDetails(entry);
  const urgency = urgencyLabel(model, entry.urgency);
  return {
    title: entry.title,
    href: observationHref(entry),
    unit: unitName(model, entry.unit),
    date: formatDateVi(entry.observed_on),
    classification: restricted ? `${urgency} · thông tin hạn chế: chỉ hiện tiêu đề và phân loại` : urgency,
    restricted,
  };
}

function confidence(hotspot: Hotspot): string {
  const q = hotspot.reason === "mot-don-vi" ? Math.min(...hotspot.units.map((unit) => unit.qValue)) : hotspot.qValue;
  if (q < 0.001) return "Gần như chắc chắn không phải ngẫu nhiên (tỷ lệ phát hiện sai dưới 0,1%).";
  return `Khó là ngẫu nhiên: trong các điểm nóng được báo ở mức này, dự kiến không quá ${whole.format(Math.max(1, Math.ceil(q * 100)))}% là báo nhầm.`;
}

/** Cards made once per hot spot (every page that mentions it shows the same card). */
const cards = new WeakMap<Hotspot, { model: ContentModel; card: HotspotCard }>();

export function hotspotCard(model: ContentModel, hotspot: Hotspot): HotspotCard {
  const known = cards.get(hotspot);
  if (known?.model === model) return known.card;
  const card = makeCard(model, hotspot);
  cards.set(hotspot, { model, card });
  return card;
}

function makeCard(model: ContentModel, hotspot: Hotspot): HotspotCard {
  const topic = topicLabel(model, hotspot.topic);
  const where = hotspot.units.length === 1 ? unitName(model, hotspot.units[0]?.unit ?? "") : `${whole.format(hotspot.units.length)} đơn vị`;
  const times = hotspot.expected > 0 ? hotspot.count / hotspot.expected : Number.POSITIVE_INFINITY;
  const summary = `Tăng ở ${where}: ${whole.format(hotspot.count)} thông tin trong tháng, so với khoảng ${decimal.format(hotspot.expected)} thường thấy (${Number.isFinite(times) ? `gấp ${decimal.format(times)} lần` : "trước đây chưa có"}).`;
  const entries = (ids: readonly string[]) =>
    ids
      .map((id) => model.observations.get(id))
      .filter((entry): entry is ObservationEntry => entry !== undefined)
      .sort((a, b) => a.observed_on.localeCompare(b.observed_on) || a.id.localeCompare(b.id))
      .map((entry) => item(model, entry));
  return {
    anchor: `diem-nong-${topicKey(hotspot.topic).replace(":", "-")}`,
    topic,
    kind: hotspot.topic.kind === "subtopic" ? "Tiểu mục" : "Từ khóa",
    summary,
    confidence: confidence(hotspot),
    related: hotspot.relatedTopics.map((related) => topicLabel(model, related)),
    units: hotspot.units.map((unit) => ({
      unit: unitName(model, unit.unit),
      href: `/don-vi/${unit.unit}/`,
      count: whole.format(unit.count),
      expected: decimal.format(unit.expected),
      baselineMean: decimal.format(unit.baselineMean),
      ratio: unit.expected > 0 ? `${decimal.format(unit.count / unit.expected)} lần` : "—",
      significance: unit.pValue < 0.001 ? "< 0,001" : decimal.format(unit.pValue * 1000).concat("‰"),
    })),
    items: entries(hotspot.units.flatMap((unit) => unit.observations)),
    neighbours: entries(hotspot.neighbours.map((neighbour) => neighbour.observation)),
  };
}

export const hotspotsHref = (monthId: string): string => `/diem-nong/${monthId}/`;

export function monthView(model: ContentModel, month: HotspotMonth, onlyUnits?: ReadonlySet<string>): HotspotMonthView {
  const hotspots = onlyUnits ? month.hotspots.filter((hotspot) => hotspot.units.some((unit) => onlyUnits.has(unit.unit))) : month.hotspots;
  return {
    id: month.period.id,
    label: periodLabel(month.period),
    href: hotspotsHref(month.period.id),
    window: `${formatDateVi(month.window.start)} – ${formatDateVi(month.window.end)}`,
    scope: `Đã so ${whole.format(month.topics)} chủ đề ở ${whole.format(month.units)} đơn vị cấp xã với ${whole.format(month.baselineMonths)} tháng trước (${whole.format(month.tests)} phép so).`,
    cards: hotspots.map((hotspot) => hotspotCard(model, hotspot)),
  };
}

export interface HotspotsIndexView {
  /** The month containing today when it is tested, else the newest tested month. */
  latest: HotspotMonthView | undefined;
  months: { label: string; href: string; count: string }[];
  method: readonly string[];
}

export function hotspotsIndexView(model: ContentModel, tree: UnitTree, today: string): HotspotsIndexView {
  const months = testedMonths(model, tree);
  const current = monthOfDay(model, today);
  const started = months.filter((month) => month.period.id <= (current ?? ""));
  // A month in progress with nothing found yet says little: headline the last whole month when it found something.
  const [inProgress, lastWhole] = started[0]?.period.id === current ? started : [undefined, started[0]];
  const latest = inProgress && (inProgress.hotspots.length > 0 || !lastWhole?.hotspots.length) ? inProgress : (lastWhole ?? months[0]);
  return {
    latest: latest ? monthView(model, latest) : undefined,
    months: months.map((month) => ({
      label: periodLabel(month.period),
      href: hotspotsHref(month.period.id),
      count: month.hotspots.length === 0 ? "không có" : `${whole.format(month.hotspots.length)} điểm nóng`,
    })),
    method: METHOD_EXPLAINED,
  };
}

/** The method in plain Vietnamese, for the page. */
export const METHOD_EXPLAINED: readonly string[] = [
  "Mỗi tháng báo cáo (theo lịch báo cáo, ví dụ từ 21/10 đến 20/11), với từng chủ đề — tiểu mục của lĩnh vực hoặc từ khóa — và từng xã, phường, hệ thống đếm số thông tin nắm được và so với mức thường thấy của chính chủ đề ấy ở chính xã ấy trong 6 đến 12 tháng trước. Thông tin ở khu dân cư được tính vào xã; thông tin của các xã cũ trước sắp xếp được tính vào xã mới đã tiếp nhận địa bàn.",
  "Mức thường thấy tính theo tỷ lệ: chủ đề chiếm bao nhiêu phần trong các thông tin của xã, nhân với số thông tin của xã trong tháng này. Vì vậy một xã chỉ đơn giản ghi nhận nhiều hơn mọi tháng thì không bị coi là điểm nóng ở mọi chủ đề. Với xã có ít số liệu, tỷ lệ ấy được kéo về gần tỷ lệ chung của cả tỉnh, để một vài tháng trống không làm mức thường thấy bằng 0.",
  "Số thông tin ít nên dễ dao động ngẫu nhiên. Hệ thống tính xác suất để chỉ do ngẫu nhiên mà có từng ấy thông tin trở lên (phân phối nhị thức âm, đã tính cả độ bất định của mức thường thấy). Một thông tin lẻ không bao giờ được coi là tăng.",
  "Vì mỗi tháng so hàng nghìn cặp chủ đề – xã, phải đề phòng báo nhầm: hệ thống gộp các xã của cùng một chủ đề lại và chỉ giữ những chủ đề mà tỷ lệ phát hiện sai được khống chế dưới 5% (phương pháp Benjamini–Hochberg).",
  "Một chủ đề là điểm nóng khi tăng rõ ở từ hai xã trở lên cùng lúc (mỗi xã từ hai thông tin và gấp đôi mức thường thấy trở lên), hoặc tăng rất mạnh ở một xã (gấp năm lần trở lên). Bên cạnh là các tin đột xuất, khẩn cùng chủ đề ở các xã lân cận (cùng cấp trên) trong tháng.",
  "Điểm nóng là gợi ý để chú ý sớm, không phải kết luận: cần đối chiếu với tình hình thực tế ở cơ sở.",
];

/** The month whose hot spots a page for the given day speaks of. */
export function monthOfDay(model: ContentModel, day: string): string | undefined {
  return model.schedule ? periodContaining("month", day, model.schedule).id : undefined;
}

/** The hot spots a consolidated report of a unit and period should mention: those of the months ending in its window that touch its subtree. */
export function hotspotsForReport(model: ContentModel, tree: UnitTree, unitId: string, periodId: string): HotspotMonthView[] {
  const period = parsePeriod(periodId);
  if (!period || !model.schedule) return [];
  const covered = tree.coverage(unitId);
  const entry = cached(model, tree);
  const periodKey = `${period.kind}:${period.id}`;
  let months = entry.covered.get(periodKey);
  if (!months) {
    months = testedMonths(model, tree).filter((month) => covers(model, period, month));
    entry.covered.set(periodKey, months);
  }
  const views: HotspotMonthView[] = [];
  for (const month of months) {
    if (!month.hotspots.some((hotspot) => hotspot.units.some((unit) => covered.has(unit.unit)))) continue;
    const view = monthView(model, month, covered);
    if (view.cards.length > 0) views.push(view);
  }
  return views.reverse();
}

function covers(model: ContentModel, period: NonNullable<ReturnType<typeof parsePeriod>>, month: HotspotMonth): boolean {
  if (period.kind === "month") return month.period.id === period.id;
  const schedule = model.schedule;
  if (!schedule || period.kind === "adhoc") return false;
  return periodContaining(period.kind, month.window.end, schedule).id === period.id;
}

/** Markdown lines for a report draft: each hot spot with its units and counts, titles not ids. */
export function hotspotsMarkdown(model: ContentModel, tree: UnitTree, unitId: string, periodId: string): string {
  const months = hotspotsForReport(model, tree, unitId, periodId);
  if (months.length === 0) return "";
  const lines: string[] = ["## Điểm nóng mới nổi", ""];
  for (const month of months) {
    for (const card of month.cards) {
      lines.push(`- **${card.topic}** (${periodPhrase(parsePeriod(month.id) as NonNullable<ReturnType<typeof parsePeriod>>)}): ${card.summary}`);
      for (const unit of card.units) lines.push(`  - ${unit.unit}: ${unit.count} thông tin, thường thấy khoảng ${unit.expected}`);
    }
  }
  lines.push("", "_Phát hiện tự động bằng so sánh thống kê với các tháng trước (xem trang Điểm nóng); cần đối chiếu với thực tế._", "");
  return lines.join("\n");
}

/** Atom entries for the urgent feed: the hot spots of the newest `months` tested months, links under `linkBase` (origin and base path). */
export function hotspotFeedEntries(model: ContentModel, tree: UnitTree, linkBase: string, months = 3): { updated: string; xml: string }[] {
  return testedMonths(model, tree)
    .slice(0, months)
    .flatMap((month) => {
      const view = monthView(model, month);
      const updated = `${month.window.end}T00:00:00+07:00`;
      return view.cards.map((card) => {
        const link = `${linkBase}${view.href}#${card.anchor}`;
        return {
          updated,
          xml: `  <entry>
    <id>${escapeHtml(link)}</id>
    <title>${escapeHtml(`[Điểm nóng] ${card.topic} — ${view.label.toLowerCase()}`)}</title>
    <link href="${escapeHtml(link)}"/>
    <updated>${updated}</updated>
    <summary>${escapeHtml(card.summary)}</summary>
  </entry>`,
        };
      });
    });
}
