/**
 * A report as a printed administrative document (Hướng dẫn 91/HD-MTTW-BTT on
 * Decree 30/2020/NĐ-CP, Appendix I), independent of the file format: letterhead,
 * number and symbol, national title and motto, place and date, document type and
 * summary, body blocks, signature block, recipients. Every name comes from the
 * data (units, organisations.yaml, bodies, the report's front matter).
 */
import type { Signer } from "../../../schemas/body.ts";
import type { ReportData } from "../../../schemas/report.ts";
import { formatDateVi } from "../calendar/dates.ts";
import { type Period, periodPhrase } from "../calendar/periods.ts";
import type { ContentModel, ObservationEntry } from "../content/content-model.ts";
import type { Consolidation } from "../reports/aggregate.ts";
import type { Block, Cell } from "./markdown-blocks.ts";
import { markdownBlocks } from "./markdown-blocks.ts";
import { capitals, initials, placeName, wordingOf } from "./names.ts";
import { numberLine } from "./numbering.ts";
import { recipientsOf } from "./recipients.ts";

export const NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
export const MOTTO = "Độc lập - Tự do - Hạnh phúc";
export const DOCUMENT_KIND = "BÁO CÁO";

export interface ReportDocument {
  /** Document title, for the file's properties. */
  title: string;
  /** Top left, in capitals: the organisation and the unit, then the issuing board (bold, ruled beneath). */
  issuer: { lines: string[]; board: string };
  /** "Số: 12/BC-MTTQ". */
  number: string;
  nation: string;
  motto: string;
  /** "Hà Tĩnh, ngày 20 tháng 11 năm 2026" (italic). */
  placeDate: string;
  kind: string;
  /** The summary line under "BÁO CÁO" (trích yếu). */
  summary: string;
  blocks: Block[];
  /** "TM. BAN THƯỜNG TRỰC", ["KT. CHỦ TỊCH"], the position; then the name (empty: signed by hand). */
  signature: { lines: string[]; name: string };
  /** Names under "Nơi nhận:", then the archive line. */
  recipients: string[];
  archive: string;
}

/**
 * A document dated the day it is made, carried without its date: `place` instead of `placeDate`.
 * A site page carries the consolidated report so and dates it on click (the reader's day, as the
 * command line dates it), so the page itself stays the same from one day to the next.
 */
export type UndatedReportDocument = Omit<ReportDocument, "placeDate"> & { place: string };

/** The document dated `date` (ISO): "Hà Tĩnh, ngày 20 tháng 11 năm 2026". */
export function datedDocument({ place, ...document }: UndatedReportDocument, date: string): ReportDocument {
  return { ...document, placeDate: `${place}, ${vietnameseDate(date)}` };
}

/** "ngày 05 tháng 02 năm 2026": days below 10 and the months January and February take a leading zero (Decree 30). */
export function vietnameseDate(iso: string): string {
  const day = Number(iso.slice(8, 10));
  const month = Number(iso.slice(5, 7));
  return `ngày ${String(day).padStart(2, "0")} tháng ${month < 3 ? String(month).padStart(2, "0") : month} năm ${iso.slice(0, 4)}`;
}

/** The summary line from a report title: "Báo cáo tình hình Nhân dân tháng 7/2026 — Xã Thạch Hà" → "Tình hình Nhân dân tháng 7/2026". */
export function summaryOf(title: string, unitName: string): string {
  const text = title
    .replace(/^báo cáo\s+/iu, "")
    .replace(new RegExp(`\\s*[—–-]\\s*${unitName.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`, "u"), "")
    .trim();
  return text.charAt(0).toLocaleUpperCase("vi") + text.slice(1);
}

export function signatureLines(board: string, head: string, signer: Signer | undefined): { lines: string[]; name: string } {
  const position = signer?.position ?? head;
  return { lines: [`TM. ${board}`, ...(position === head ? [] : [`KT. ${head}`]), position], name: signer?.name ?? "" };
}

interface Frame {
  unit: string;
  organisation: string;
  title: string;
  number: Pick<ReportData, "number" | "symbol">;
  signer: Signer | undefined;
  recipients: Pick<ReportData, "unit" | "organisation" | "recipients">;
  /** Focal point whose initials close the archive line. */
  author: string | undefined;
  blocks: Block[];
}

function frame(model: ContentModel, input: Frame): UndatedReportDocument {
  const unit = model.units.get(input.unit);
  const organisation = model.organisations.find((entry) => entry.id === input.organisation);
  if (!unit || !organisation) throw new Error(`unknown body ${input.unit}/${input.organisation}`);
  const wording = wordingOf(organisation);
  const body = model.bodies.get(`${input.unit}/${input.organisation}`);
  const author = body?.focal_points.find((person) => person.id === input.author);
  return {
    title: input.title,
    issuer: { lines: [wording.name, capitals(unit.name)], board: wording.board },
    number: numberLine(input.number, wording),
    nation: NATION,
    motto: MOTTO,
    place: placeName(unit.name),
    kind: DOCUMENT_KIND,
    summary: summaryOf(input.title, unit.name),
    blocks: input.blocks,
    signature: signatureLines(wording.board, wording.head, input.signer ?? body?.signer),
    recipients: recipientsOf(model, input.recipients).map((recipient) => recipient.name),
    archive: `Lưu: VT${author ? `, ${initials(author.name)}` : ""}.`,
  };
}

const change = (count: number, previous: number): string =>
  count === previous ? "không đổi" : count > previous ? `+${count - previous}` : `−${previous - count}`;

/** The table of figures per field and sub-topic against the previous period (sub-topics with nothing in either are left out). */
export function figuresTable(result: Pick<Consolidation, "fields" | "comparison" | "inProgress">): Block {
  const caption = `Số thông tin theo lĩnh vực và tiểu mục${result.inProgress ? " đến hôm nay" : ""}${result.comparison ? `, ${result.comparison.phrase}` : ""}`;
  const rows: Cell[][] = [];
  for (const field of result.fields) {
    rows.push([field.label, field.count, field.previous, change(field.count, field.previous)]);
    for (const subtopic of field.subtopics)
      if (subtopic.count + subtopic.previous > 0)
        rows.push([`— ${subtopic.label}`, subtopic.count, subtopic.previous, change(subtopic.count, subtopic.previous)]);
  }
  return { kind: "table", caption, header: ["Lĩnh vực, tiểu mục", "Kỳ này", "Kỳ trước", "Thay đổi"], rows };
}

export interface ReportSource {
  data: ReportData;
  /** The Markdown body. */
  body: string;
}

/** A report file (or a draft) as a document; `figures` adds the table of figures of its unit and period after the body. */
export function reportDocument(model: ContentModel, report: ReportSource, figures?: Consolidation): ReportDocument {
  const blocks = markdownBlocks(report.body, report.data.title);
  if (figures) blocks.push({ kind: "heading", level: 2, text: "Số liệu tổng hợp" }, figuresTable(figures));
  const undated = frame(model, {
    unit: report.data.unit,
    organisation: report.data.organisation,
    title: report.data.title,
    number: report.data,
    signer: report.data.signer,
    recipients: report.data,
    author: report.data.author,
    blocks,
  });
  return datedDocument(undated, report.data.submitted_on);
}

const ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"];

/**
 * The consolidated report of a unit and period, as the system computes it (the
 * site's report page), issued by the unit's lead organisation and dated `date`.
 * Restricted observations appear by title only, as on the site.
 */
export function consolidationDocument(model: ContentModel, unitId: string, period: Period, result: Consolidation, date: string): ReportDocument {
  return datedDocument(undatedConsolidationDocument(model, unitId, period, result), date);
}

/** The consolidated report without its date: the site's report page carries it so and the browser dates it on click. */
export function undatedConsolidationDocument(model: ContentModel, unitId: string, period: Period, result: Consolidation): UndatedReportDocument {
  const unit = model.units.get(unitId);
  const lead = model.organisations.find((organisation) => organisation.lead) ?? model.organisations[0];
  if (!unit || !lead) throw new Error(`unknown unit ${unitId}`);
  const unitName = (entry: ObservationEntry) => model.units.get(entry.unit)?.name ?? entry.unit;
  const blocks: Block[] = [
    {
      kind: "paragraph",
      runs: [
        {
          text: `Kỳ báo cáo từ ${formatDateVi(result.window.start)} đến ${formatDateVi(result.window.end)}. Tổng hợp ${result.count.toLocaleString("vi-VN")} thông tin nắm được trên địa bàn${result.lower.length ? ` và ${result.lower.length} báo cáo của cấp dưới, các tổ chức thành viên` : ""}.`,
        },
      ],
    },
    figuresTable(result),
  ];
  model.fields.forEach((field, index) => {
    blocks.push({ kind: "heading", level: 2, text: `${ROMAN[index] ?? index + 1}. ${field.label}` });
    const items = result.notable.get(field.id) ?? [];
    const count = result.fields[index]?.count ?? 0;
    if (items.length === 0) {
      blocks.push({ kind: "paragraph", runs: [{ text: "Trong kỳ chưa nắm được thông tin đáng chú ý." }] });
      return;
    }
    blocks.push({ kind: "paragraph", runs: [{ text: `Trong kỳ nắm được ${count.toLocaleString("vi-VN")} thông tin; nổi bật:` }] });
    blocks.push({
      kind: "list",
      ordered: true,
      items: items.map((entry) => [{ text: `${entry.title} (${unitName(entry)}, ${formatDateVi(entry.observed_on)})` }]),
    });
  });
  // Forwarded and still waiting: the status a forwarding step reaches (`forwards` in statuses.yaml), not yet answered or closed.
  const proposals = result.waiting;
  blocks.push({ kind: "heading", level: 2, text: `${ROMAN[model.fields.length] ?? model.fields.length + 1}. Kiến nghị, đề xuất` });
  blocks.push({
    kind: "paragraph",
    runs: [
      {
        text:
          proposals > 0
            ? `Đề nghị các cơ quan chức năng sớm trả lời ${proposals.toLocaleString("vi-VN")} nội dung đã chuyển nhưng chưa có kết quả.`
            : "Tiếp tục theo dõi, đôn đốc việc trả lời, giải quyết các kiến nghị của Nhân dân.",
      },
    ],
  });
  const own = result.own.find((report) => report.organisation === lead.id);
  return frame(model, {
    unit: unitId,
    organisation: lead.id,
    title: `Báo cáo tổng hợp tình hình Nhân dân ${periodPhrase(period)}`,
    number: own ?? {},
    signer: own?.signer,
    recipients: own ?? { unit: unitId, organisation: lead.id },
    author: own?.author,
    blocks,
  });
}
