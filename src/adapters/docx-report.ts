/**
 * A report document (src/core/documents/report-document.ts) as a .docx file,
 * written with the `docx` library: A4, margins 20/20/30/15 mm, Times New Roman
 * 14 pt (13 pt in the header), the two-column letterhead and the signature
 * block as borderless tables, headings as Word headings (navigation pane),
 * numbered and bulleted lists as Word lists, figures as a ruled table. No IO:
 * the same code makes the file in Node (CLI, workspace) and in the browser.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  LevelFormat,
  LineRuleType,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from "docx";
import type { Block, Run } from "../core/documents/markdown-blocks.ts";
import type { ReportDocument } from "../core/documents/report-document.ts";

export const FONT = "Times New Roman";
/** Page and margins in millimetres (Decree 30/2020/NĐ-CP, Appendix I). */
export const PAGE = { width: 210, height: 297, top: 20, bottom: 20, left: 30, right: 15 } as const;
/** Sizes in points. */
const BODY_PT = 14;
const HEADER_PT = 13;
const RECIPIENTS_PT = 11;

const half = (points: number) => points * 2;
/** Millimetres to twips, rounded (docx's own helper floors: 210 mm would become 11905 instead of 11906). */
const convertMillimetersToTwip = (millimetres: number): number => Math.round((millimetres * 1440) / 25.4);
const NONE = { style: BorderStyle.NONE, size: 0, color: "FFFFFF" } as const;
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };
const CELL_NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE };
const LINE = { style: BorderStyle.SINGLE, size: 6, color: "000000" } as const;
const TEXT_WIDTH = convertMillimetersToTwip(PAGE.width - PAGE.left - PAGE.right);

function line(text: string, options: { bold?: boolean; italic?: boolean; size?: number; after?: number } = {}): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 0, after: options.after ?? 0, line: 240 },
    children: [new TextRun({ text, bold: options.bold ?? false, italics: options.italic ?? false, size: half(options.size ?? HEADER_PT) })],
  });
}

/** The short rule under the issuing body and under the motto: the bottom border of an empty, exactly 1 pt high paragraph, indented to the rule's length. */
function rule(columnWidth: number, length: number, after: number): Paragraph {
  const indent = Math.round((columnWidth - length) / 2);
  return new Paragraph({
    spacing: { before: 0, after, line: 20, lineRule: LineRuleType.EXACT },
    indent: { left: indent, right: indent },
    border: { bottom: { ...LINE, space: 1 } },
    children: [],
  });
}

function cell(children: Paragraph[], width: number): TableCell {
  return new TableCell({ children, width: { size: width, type: WidthType.DXA }, borders: CELL_NO_BORDERS, verticalAlign: VerticalAlign.TOP });
}

/** Letterhead: issuer and number left (40%), national title, motto and date right (60%). */
function letterhead(document: ReportDocument): Table {
  const left = Math.round(TEXT_WIDTH * 0.4);
  const right = TEXT_WIDTH - left;
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [left, right],
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        children: [
          cell(
            [
              ...document.issuer.lines.map((text) => line(text)),
              line(document.issuer.board, { bold: true }),
              rule(left, convertMillimetersToTwip(22), 160),
              line(document.number),
            ],
            left,
          ),
          cell(
            [
              line(document.nation, { bold: true, size: 12.5 }),
              line(document.motto, { bold: true, size: BODY_PT }),
              rule(right, convertMillimetersToTwip(60), 200),
              line(document.placeDate, { italic: true, size: BODY_PT }),
            ],
            right,
          ),
        ],
      }),
    ],
  });
}

const runs = (items: readonly Run[], size = BODY_PT) =>
  items.map((run) => new TextRun({ text: run.text, bold: run.bold ?? false, italics: run.italic ?? false, size: half(size) }));

const bodyParagraph = (children: TextRun[], extra: Partial<ConstructorParameters<typeof Paragraph>[0] & object> = {}) =>
  new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    spacing: { before: 60, after: 60, line: 300 },
    indent: { firstLine: convertMillimetersToTwip(10) },
    children,
    ...extra,
  });

function figuresTable(block: Extract<Block, { kind: "table" }>): Table {
  const columns = block.header.length;
  const first = Math.round(TEXT_WIDTH * (columns > 1 ? 0.55 : 1));
  const rest = columns > 1 ? Math.floor((TEXT_WIDTH - first) / (columns - 1)) : 0;
  const widths = block.header.map((_, index) => (index === 0 ? first : rest));
  const numeric = block.header.map(
    (_, index) => index > 0 && block.rows.every((row) => typeof row[index] === "number" || /^[+−-]?\d|^không đổi$/.test(String(row[index] ?? ""))),
  );
  const row = (cells: readonly (string | number)[], header: boolean) =>
    new TableRow({
      tableHeader: header,
      cantSplit: true,
      children: widths.map(
        (width, index) =>
          new TableCell({
            width: { size: width, type: WidthType.DXA },
            margins: { left: 80, right: 80, top: 40, bottom: 40 },
            verticalAlign: VerticalAlign.CENTER,
            children: [
              new Paragraph({
                alignment: header ? AlignmentType.CENTER : numeric[index] ? AlignmentType.RIGHT : AlignmentType.LEFT,
                children: [
                  new TextRun({
                    text: typeof cells[index] === "number" ? (cells[index] as number).toLocaleString("vi-VN") : String(cells[index] ?? ""),
                    bold: header,
                    size: half(HEADER_PT),
                  }),
                ],
              }),
            ],
          }),
      ),
    });
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    borders: { top: LINE, bottom: LINE, left: LINE, right: LINE, insideHorizontal: LINE, insideVertical: LINE },
    rows: [row(block.header, true), ...block.rows.map((cells) => row(cells, false))],
  });
}

function bodyOf(blocks: readonly Block[]): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  let lists = 0;
  for (const block of blocks) {
    switch (block.kind) {
      case "heading":
        out.push(
          new Paragraph({
            style: block.level <= 2 ? "Heading1" : "Heading2",
            keepNext: true,
            children: [new TextRun({ text: block.text })],
          }),
        );
        break;
      case "paragraph":
        out.push(bodyParagraph(runs(block.runs)));
        break;
      case "list": {
        lists++;
        const instance = lists;
        for (const item of block.items)
          out.push(
            bodyParagraph(runs(item), {
              indent: { left: convertMillimetersToTwip(10), hanging: convertMillimetersToTwip(5) },
              numbering: { reference: block.ordered ? "ordered" : "dash", level: 0, ...(block.ordered ? { instance } : {}) },
            }),
          );
        break;
      }
      case "table":
        if (block.caption)
          out.push(
            new Paragraph({
              alignment: AlignmentType.CENTER,
              spacing: { before: 120, after: 60 },
              children: [new TextRun({ text: block.caption, italics: true, size: half(HEADER_PT) })],
            }),
          );
        out.push(figuresTable(block), new Paragraph({ spacing: { after: 60 }, children: [] }));
        break;
    }
  }
  return out;
}

/** "Nơi nhận:" left, the signature block right. */
function signatureBlock(document: ReportDocument): Table {
  const left = Math.round(TEXT_WIDTH * 0.5);
  const right = TEXT_WIDTH - left;
  const small = (text: string, options: { bold?: boolean; italic?: boolean } = {}) =>
    new Paragraph({
      spacing: { before: 0, after: 0 },
      children: [new TextRun({ text, bold: options.bold ?? false, italics: options.italic ?? false, size: half(options.bold ? 12 : RECIPIENTS_PT) })],
    });
  const recipients = [
    small("Nơi nhận:", { bold: true, italic: true }),
    ...document.recipients.map((name) => small(`- ${name};`)),
    small(`- ${document.archive}`),
  ];
  const sign = [
    ...document.signature.lines.map((text) => line(text, { bold: true, size: BODY_PT })),
    // Room for the signature and the seal.
    ...[1, 2, 3, 4].map(() => line("", { size: BODY_PT })),
    line(document.signature.name, { bold: true, size: BODY_PT }),
  ];
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [left, right],
    borders: NO_BORDERS,
    rows: [new TableRow({ cantSplit: true, children: [cell(recipients, left), cell(sign, right)] })],
  });
}

export function reportDocx(document: ReportDocument): Document {
  return new Document({
    title: document.title,
    creator: "Dân ý",
    styles: {
      default: {
        document: { run: { font: FONT, size: half(BODY_PT) }, paragraph: { spacing: { line: 276 } } },
      },
      paragraphStyles: [
        {
          id: "Heading1",
          name: "Heading 1",
          basedOn: "Normal",
          next: "Normal",
          quickFormat: true,
          run: { font: FONT, size: half(BODY_PT), bold: true, color: "000000" },
          paragraph: { spacing: { before: 180, after: 60 }, keepNext: true, outlineLevel: 0 },
        },
        {
          id: "Heading2",
          name: "Heading 2",
          basedOn: "Normal",
          next: "Normal",
          quickFormat: true,
          run: { font: FONT, size: half(BODY_PT), bold: true, italics: true, color: "000000" },
          paragraph: { spacing: { before: 120, after: 60 }, keepNext: true, outlineLevel: 1 },
        },
      ],
    },
    numbering: {
      config: [
        { reference: "ordered", levels: [{ level: 0, format: LevelFormat.DECIMAL, text: "%1.", alignment: AlignmentType.START }] },
        { reference: "dash", levels: [{ level: 0, format: LevelFormat.BULLET, text: "-", alignment: AlignmentType.START }] },
      ],
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: convertMillimetersToTwip(PAGE.width), height: convertMillimetersToTwip(PAGE.height) },
            margin: {
              top: convertMillimetersToTwip(PAGE.top),
              bottom: convertMillimetersToTwip(PAGE.bottom),
              left: convertMillimetersToTwip(PAGE.left),
              right: convertMillimetersToTwip(PAGE.right),
            },
          },
        },
        children: [
          letterhead(document),
          new Paragraph({
            spacing: { before: 240 },
            alignment: AlignmentType.CENTER,
            children: [new TextRun({ text: document.kind, bold: true, size: half(BODY_PT) })],
          }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 240 },
            children: [new TextRun({ text: document.summary, bold: true, size: half(BODY_PT) })],
          }),
          ...bodyOf(document.blocks),
          new Paragraph({ spacing: { before: 120 }, children: [] }),
          signatureBlock(document),
        ],
      },
    ],
  });
}

/** The .docx bytes of a report document. */
export async function reportDocxBytes(document: ReportDocument): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await Packer.toBuffer(reportDocx(document)));
}

/** The .docx as a Blob, in the browser (report pages build it on click: src/browser/report-docx.ts), from the same document. */
export function reportDocxBlob(document: ReportDocument): Promise<Blob> {
  return Packer.toBlob(reportDocx(document));
}
