/**
 * The .docx of a report, opened by LibreOffice and read back as laid-out text:
 * letterhead, motto, date line, headings, table and signature block sit where
 * the administrative form puts them; the XML has A4, the margins and the font.
 */
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { loadContent } from "../core/content/load-content.ts";
import { reportDocument } from "../core/documents/report-document.ts";
import { minimalContent, toContentFiles } from "../test-support/content-fixtures.ts";
import { docxToLayoutText, OFFICE_MISSING } from "../test-support/office.ts";
import { reportDocxBytes } from "./docx-report.ts";

const REPORT = `---
unit: xa-ky-hoa
organisation: mttq
period: 2026-11
title: Báo cáo tình hình Nhân dân tháng 11/2026 — Xã Kỳ Hoa
author: ky-hoa-mttq-le-van-binh
submitted_on: 2026-11-20
number: 14
---

# Báo cáo tình hình Nhân dân tháng 11/2026 — Xã Kỳ Hoa

Tổng hợp **3** thông tin nắm được trong kỳ.

## I. Lĩnh vực kinh tế

1. Đường liên thôn Trung Hòa sụt lún sau mưa lũ, ảnh hưởng việc đi lại của bà con.
2. Giá phân bón tăng, nông dân lo thua lỗ vụ Đông Xuân.

| Lĩnh vực | Kỳ này | Kỳ trước |
| --- | ---: | ---: |
| Lĩnh vực kinh tế | 2 | 1 |
| Lĩnh vực văn hóa - xã hội | 1 | 4 |

## II. Lĩnh vực văn hóa - xã hội

- Nhà văn hóa thôn xuống cấp, thiếu thiết bị sinh hoạt.

## VII. Kiến nghị, đề xuất

Đề nghị UBND xã sớm sửa chữa tuyến đường liên thôn.
`;

async function sample(): Promise<Uint8Array> {
  const { model, issues } = loadContent(
    toContentFiles({
      ...minimalContent(),
      "bodies/xa-ky-hoa/mttq.yaml":
        "focal_points:\n  - id: ky-hoa-mttq-le-van-binh\n    name: Lê Văn Bình\n    title: Phó Chủ tịch Ủy ban MTTQ xã\nsigner:\n  name: Nguyễn Thị Hoa\n  position: CHỦ TỊCH\n",
      "reports/2026-11/xa-ky-hoa/mttq.md": REPORT,
    }),
    { keepBodies: true },
  );
  expect(issues).toEqual([]);
  const report = model.reports.get("2026-11/xa-ky-hoa/mttq");
  if (!report) throw new Error("fixture report missing");
  return reportDocxBytes(reportDocument(model, { data: report, body: report.body ?? "" }));
}

describe("report .docx XML", () => {
  it("is A4 with margins 20/20/30/15 mm and Times New Roman 14 pt", async () => {
    const zip = await JSZip.loadAsync(await sample());
    const document = (await zip.file("word/document.xml")?.async("string")) ?? "";
    const styles = (await zip.file("word/styles.xml")?.async("string")) ?? "";
    // Twips: 210 × 297 mm; 20 mm = 1134, 30 mm = 1701, 15 mm = 850.
    expect(document).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    const margin = /<w:pgMar ([^>]*)\/>/.exec(document)?.[1] ?? "";
    expect(Object.fromEntries([...margin.matchAll(/w:(top|bottom|left|right)="(\d+)"/g)].map((match) => [match[1], Number(match[2])]))).toEqual({
      top: 1134,
      bottom: 1134,
      left: 1701,
      right: 850,
    });
    expect(styles).toMatch(
      /<w:docDefaults>[\s\S]*<w:rFonts w:ascii="Times New Roman" w:cs="Times New Roman" w:eastAsia="Times New Roman" w:hAnsi="Times New Roman"\/>/,
    );
    expect(styles).toMatch(/<w:docDefaults>[\s\S]*<w:sz w:val="28"\/>/);
    // No other font anywhere in the document.
    expect(new Set([...document.matchAll(/w:ascii="([^"]+)"/g)].map((match) => match[1]))).toEqual(
      new Set(document.includes("w:ascii=") ? ["Times New Roman"] : []),
    );
    // Vietnamese text stored as NFC text, not as fallbacks.
    expect(document).toContain("Độc lập - Tự do - Hạnh phúc");
    expect(document).toContain("Đường liên thôn Trung Hòa sụt lún");
  });
});

describe.skipIf(OFFICE_MISSING !== undefined)(`report .docx in LibreOffice${OFFICE_MISSING ? ` — SKIPPED: ${OFFICE_MISSING}` : ""}`, () => {
  it("lays out letterhead, motto, date, headings, table and signature where the form puts them", { timeout: 180_000 }, async () => {
    const { text } = docxToLayoutText(await sample());
    const lines = text.split("\n");
    const find = (pattern: string | RegExp, from = 0) => {
      const index = lines.findIndex((line, at) => at >= from && (typeof pattern === "string" ? line.includes(pattern) : pattern.test(line)));
      if (index < 0) throw new Error(`"${pattern}" not in the PDF text:\n${text}`);
      const line = lines[index] as string;
      // The column of the first printed character of the match.
      const match = (typeof pattern === "string" ? new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")) : pattern).exec(line);
      return { index, line, column: (match?.index ?? 0) + (match?.[0].search(/\S/) ?? 0) };
    };

    // Letterhead: issuer top left and the national title top right, on the same line; motto beneath the title.
    const issuer = find("ỦY BAN MTTQ VIỆT NAM");
    const nation = find("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    expect(nation.index).toBe(issuer.index);
    expect(issuer.column).toBeLessThan(10);
    expect(nation.column).toBeGreaterThan(issuer.column + 20);
    const unit = find("XÃ KỲ HOA");
    const motto = find("Độc lập - Tự do - Hạnh phúc");
    expect(unit.index).toBe(issuer.index + 1);
    expect(motto.index).toBe(nation.index + 1);
    expect(motto.column).toBeGreaterThan(unit.column + 20);
    const board = find("BAN THƯỜNG TRỰC");
    const number = find("Số: 14/BC-MTTQ");
    expect(board.index).toBeGreaterThan(unit.index);
    expect(number.index).toBeGreaterThan(board.index);
    expect(number.column).toBeLessThan(20);
    const date = find("Kỳ Hoa, ngày 20 tháng 11 năm 2026");
    expect(date.index).toBeGreaterThan(motto.index);
    expect(date.column).toBeGreaterThan(30);

    // Document type and summary, centred, before the body.
    const kind = find(/^\s*BÁO CÁO\s*$/);
    const summary = find("Tình hình Nhân dân tháng 11/2026");
    expect(kind.index).toBeGreaterThan(Math.max(number.index, date.index));
    expect(summary.index).toBe(kind.index + 1);
    const centre = (hit: { line: string; column: number }, width: number) => hit.column + width / 2;
    expect(Math.abs(centre(kind, 7) - centre(summary, "Tình hình Nhân dân tháng 11/2026".length))).toBeLessThan(4);
    expect(kind.column).toBeGreaterThan(25);

    // Headings at the margin, in the plan's order, with their lists and the table under them.
    const first = find(/^I\. Lĩnh vực kinh tế/);
    const second = find(/^II\. Lĩnh vực văn hóa - xã hội/);
    const last = find(/^VII\. Kiến nghị, đề xuất/);
    expect(first.index).toBeGreaterThan(summary.index);
    expect(second.index).toBeGreaterThan(first.index);
    expect(last.index).toBeGreaterThan(second.index);
    expect(find(/^\s*1\.\s+Đường liên thôn Trung Hòa sụt lún/).index).toBeGreaterThan(first.index);
    expect(find(/^\s*2\.\s+Giá phân bón tăng/).index).toBeGreaterThan(first.index);
    expect(find(/^\s*-\s+Nhà văn hóa thôn xuống cấp/).index).toBeGreaterThan(second.index);
    const header = find(/Lĩnh vực\s+Kỳ này\s+Kỳ trước/);
    expect(header.index).toBeGreaterThan(first.index);
    expect(header.index).toBeLessThan(second.index);
    expect(find(/Lĩnh vực kinh tế\s{3,}2\s{3,}1\s*$/).index).toBeGreaterThan(header.index);
    expect(find(/Lĩnh vực văn hóa - xã hội\s{3,}1\s{3,}4\s*$/).index).toBeGreaterThan(header.index);

    // Signature block right, recipients left on the same line; the signer's name below the position.
    const recipients = find("Nơi nhận:");
    const behalf = find("TM. BAN THƯỜNG TRỰC", last.index);
    expect(behalf.index).toBe(recipients.index);
    expect(recipients.column).toBeLessThan(5);
    expect(behalf.column).toBeGreaterThan(35);
    const head = find("CHỦ TỊCH", behalf.index + 1);
    const name = find("Nguyễn Thị Hoa", head.index + 1);
    expect(head.column).toBeGreaterThan(35);
    expect(name.column).toBeGreaterThan(35);
    expect(name.index).toBeGreaterThan(head.index + 1);
    expect(find("- Thường trực Đảng ủy xã Kỳ Hoa;").index).toBeGreaterThan(recipients.index);
    expect(find("- Lưu: VT, LVB.").index).toBeGreaterThan(recipients.index);
  });
});
