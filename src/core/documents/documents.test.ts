/** The report document model: names, number and symbol, recipients, Markdown blocks, the whole frame. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { minimalContent, toContentFiles, VALID_OBSERVATION, VALID_OBSERVATION_PATH } from "../../test-support/content-fixtures.ts";
import { periodContaining } from "../calendar/periods.ts";
import { loadContent } from "../content/load-content.ts";
import { buildUnitTree } from "../units/unit-tree.ts";
import { markdownBlocks } from "./markdown-blocks.ts";
import { governmentOf, initials, partyCommitteeOf, placeName } from "./names.ts";
import { nextReportNumber, numberLine } from "./numbering.ts";
import { defaultRecipients, deliveries, recipientsOf, unknownDeliveries } from "./recipients.ts";
import { reportDocument, summaryOf, vietnameseDate } from "./report-document.ts";
import { documentFor } from "./report-sources.ts";

function model(extra: Record<string, string> = {}) {
  const loaded = loadContent(
    toContentFiles({
      ...minimalContent(),
      "bodies/ha-tinh/mttq.yaml":
        "focal_points:\n  - id: ha-tinh-mttq-tran-thi-lan\n    name: Trần Thị Lan\n    title: Trưởng ban Tuyên giáo\nsigner:\n  name: Hà Văn Hùng\n  position: CHỦ TỊCH\n",
      "bodies/ha-tinh/hoi-nong-dan.yaml": "focal_points:\n  - id: ha-tinh-hnd-bui-nhan-sam\n    name: Bùi Nhân Sâm\n    title: Chủ tịch\n",
      "bodies/xa-ky-hoa/hoi-nong-dan.yaml": "focal_points:\n  - id: ky-hoa-hnd-le-thi-mai\n    name: Lê Thị Mai\n    title: Chủ tịch Hội Nông dân xã\n",
      "units/thon-ha-trung.yaml": "name: Thôn Hà Trung\nlevel: khu-dan-cu\nparent: xa-ky-hoa\n",
      "bodies/thon-ha-trung/mttq.yaml": "focal_points:\n  - id: ha-trung-mttq-ho-van-an\n    name: Hồ Văn An\n    title: Trưởng ban công tác Mặt trận\n",
      ...extra,
    }),
    { keepBodies: true },
  );
  expect(loaded.issues).toEqual([]);
  return loaded.model;
}

describe("names from unit names", () => {
  it("derives the place, the Party committee and the People's Committee", () => {
    expect(placeName("Thị xã Hồng Lĩnh")).toBe("Hồng Lĩnh");
    expect(placeName("Tỉnh Hà Tĩnh")).toBe("Hà Tĩnh");
    expect(partyCommitteeOf({ name: "Tỉnh Hà Tĩnh" })).toBe("Tỉnh ủy Hà Tĩnh");
    expect(partyCommitteeOf({ name: "Thị xã Hồng Lĩnh" })).toBe("Thị ủy Hồng Lĩnh");
    expect(partyCommitteeOf({ name: "Thành phố Hà Tĩnh" })).toBe("Thành ủy Hà Tĩnh");
    expect(partyCommitteeOf({ name: "Xã Kỳ Hoa" })).toBe("Đảng ủy xã Kỳ Hoa");
    expect(partyCommitteeOf({ name: "Thị trấn Nghèn" })).toBe("Đảng ủy thị trấn Nghèn");
    expect(governmentOf({ name: "Phường Thành Sen" })).toBe("UBND phường Thành Sen");
    expect(initials("Lê Văn Bình")).toBe("LVB");
    expect(initials("Đặng Thị Ánh")).toBe("ĐTA");
  });
});

describe("number and symbol", () => {
  it("prints the number, or room for it, before the organisation's symbol", () => {
    const wording = { name: "ỦY BAN MTTQ VIỆT NAM", board: "BAN THƯỜNG TRỰC", head: "CHỦ TỊCH", symbol: "MTTQ", central: undefined };
    expect(numberLine({ number: 12 }, wording)).toBe("Số: 12/BC-MTTQ");
    expect(numberLine({}, wording)).toBe("Số: \u00a0\u00a0\u00a0\u00a0\u00a0\u00a0/BC-MTTQ");
    expect(numberLine({ number: 3, symbol: "BC-MTTQ-BTG" }, wording)).toBe("Số: 3/BC-MTTQ-BTG");
  });

  it("gives the next number of a body's register in a year", () => {
    const content = model({
      "reports/2026-04/xa-ky-hoa/mttq.md":
        "---\nunit: xa-ky-hoa\norganisation: mttq\nperiod: 2026-04\ntitle: Báo cáo tháng 4/2026\nauthor: ky-hoa-mttq-le-van-binh\nsubmitted_on: 2026-04-20\nnumber: 7\n---\n\nNội dung.\n",
    });
    expect(nextReportNumber(content, "xa-ky-hoa", "mttq", 2026)).toBe(8);
    expect(nextReportNumber(content, "xa-ky-hoa", "mttq", 2027)).toBe(1);
    expect(nextReportNumber(content, "ha-tinh", "mttq", 2026)).toBe(1);
  });
});

describe("recipients (plan IV.2)", () => {
  it("sends a commune's MTTQ report to the MTTQ above, the commune's Party committee and People's Committee", () => {
    expect(defaultRecipients(model(), "xa-ky-hoa", "mttq")).toEqual([
      { id: "ha-tinh-mttq", name: "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Hà Tĩnh" },
      { id: "cap-uy-xa-ky-hoa", name: "Thường trực Đảng ủy xã Kỳ Hoa" },
      { id: "ubnd-xa-ky-hoa", name: "UBND xã Kỳ Hoa" },
    ]);
  });

  it("sends the province's MTTQ report to the Party committee, the People's Committee and the Central Committee", () => {
    expect(defaultRecipients(model(), "ha-tinh", "mttq").map((recipient) => recipient.name)).toEqual([
      "Thường trực Tỉnh ủy Hà Tĩnh",
      "UBND tỉnh Hà Tĩnh",
      "Ban Thường trực Ủy ban Trung ương MTTQ Việt Nam",
    ]);
  });

  it("sends a member organisation's report to the same unit's MTTQ and its own organisation above; a residential area's to the commune", () => {
    expect(defaultRecipients(model(), "xa-ky-hoa", "hoi-nong-dan").map((recipient) => recipient.id)).toEqual([
      "ha-tinh-hoi-nong-dan",
      "ha-tinh-mttq",
      "xa-ky-hoa-mttq",
    ]);
    expect(defaultRecipients(model(), "thon-ha-trung", "mttq")).toEqual([{ id: "xa-ky-hoa-mttq", name: "Ủy ban Mặt trận Tổ quốc Việt Nam xã Kỳ Hoa" }]);
  });

  it("uses the body's declared recipients, and the report's own over both; records what was sent", () => {
    const content = model({
      "bodies/xa-ky-hoa/mttq.yaml":
        "focal_points:\n  - id: ky-hoa-mttq-le-van-binh\n    name: Lê Văn Bình\n    title: Phó Chủ tịch\nrecipients:\n  - id: dang-uy\n    name: Thường trực Đảng ủy xã Kỳ Hoa\n  - id: ubnd\n    name: UBND xã Kỳ Hoa\n",
    });
    const report = {
      unit: "xa-ky-hoa",
      organisation: "mttq",
      sent_to: [
        { recipient: "ubnd", date: "2026-03-20" },
        { recipient: "tinh-uy", date: "2026-03-20" },
      ],
    };
    expect(recipientsOf(content, report).map((recipient) => recipient.id)).toEqual(["dang-uy", "ubnd"]);
    expect(deliveries(content, report).map((entry) => [entry.recipient.id, entry.sentOn])).toEqual([
      ["dang-uy", undefined],
      ["ubnd", "2026-03-20"],
    ]);
    expect(unknownDeliveries(content, report)).toEqual([{ index: 1, recipient: "tinh-uy" }]);
    expect(recipientsOf(content, { ...report, recipients: [{ id: "x", name: "Huyện ủy" }] })).toEqual([{ id: "x", name: "Huyện ủy" }]);
  });
});

describe("Markdown to document blocks", () => {
  it("keeps headings, paragraphs, lists, tables and emphasis, and drops observation ids and the repeated title", () => {
    const blocks = markdownBlocks(
      "# Báo cáo tháng 3\n\nTổng hợp **12** thông tin, *đáng chú ý*.\n\n## I. Lĩnh vực kinh tế\n\n- Đường xuống cấp, 14/03/2026 — `xa-ky-hoa/2026-03-14-duong-lien-thon`\n- Giá phân bón\n\n1. Thứ nhất\n2. Thứ hai\n\n| Lĩnh vực | Số |\n| --- | ---: |\n| Kinh tế | 1.234 |\n\n<script>x</script>\n",
      "Báo cáo tháng 3",
    );
    expect(blocks).toEqual([
      {
        kind: "paragraph",
        runs: [{ text: "Tổng hợp " }, { text: "12", bold: true }, { text: " thông tin, " }, { text: "đáng chú ý", italic: true }, { text: "." }],
      },
      { kind: "heading", level: 2, text: "I. Lĩnh vực kinh tế" },
      { kind: "list", ordered: false, items: [[{ text: "Đường xuống cấp, 14/03/2026" }], [{ text: "Giá phân bón" }]] },
      { kind: "list", ordered: true, items: [[{ text: "Thứ nhất" }], [{ text: "Thứ hai" }]] },
      { kind: "table", header: ["Lĩnh vực", "Số"], rows: [["Kinh tế", 1234]] },
    ]);
  });
});

describe("report document", () => {
  it("frames a report in the administrative form from the data", () => {
    const content = model({
      "bodies/xa-ky-hoa/mttq.yaml":
        "focal_points:\n  - id: ky-hoa-mttq-le-van-binh\n    name: Lê Văn Bình\n    title: Phó Chủ tịch\nsigner:\n  name: Nguyễn Thị Hoa\n  position: CHỦ TỊCH\n",
    });
    const report = content.reports.get("2026-03/xa-ky-hoa/mttq");
    if (!report) throw new Error("fixture report missing");
    const document = reportDocument(content, { data: { ...report, number: 5 }, body: report.body ?? "" });
    expect(document.issuer).toEqual({ lines: ["ỦY BAN MTTQ VIỆT NAM", "XÃ KỲ HOA"], board: "BAN THƯỜNG TRỰC" });
    expect(document.number).toBe("Số: 5/BC-MTTQ");
    expect(document.placeDate).toBe("Kỳ Hoa, ngày 19 tháng 3 năm 2026");
    expect(document.summary).toBe("Tình hình Nhân dân tháng 3/2026");
    expect(document.blocks[0]).toEqual({ kind: "heading", level: 2, text: "I. Lĩnh vực kinh tế" });
    expect(document.signature).toEqual({ lines: ["TM. BAN THƯỜNG TRỰC", "CHỦ TỊCH"], name: "Nguyễn Thị Hoa" });
    expect(document.recipients).toEqual(["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Hà Tĩnh", "Thường trực Đảng ủy xã Kỳ Hoa", "UBND xã Kỳ Hoa"]);
    expect(document.archive).toBe("Lưu: VT, LVB.");
    const deputy = reportDocument(content, { data: { ...report, signer: { name: "Lê Văn Bình", position: "PHÓ CHỦ TỊCH" } }, body: "" });
    expect(deputy.signature).toEqual({ lines: ["TM. BAN THƯỜNG TRỰC", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], name: "Lê Văn Bình" });
  });

  it("writes dates and summaries as Decree 30 does", () => {
    expect(vietnameseDate("2026-02-05")).toBe("ngày 05 tháng 02 năm 2026");
    expect(vietnameseDate("2026-11-20")).toBe("ngày 20 tháng 11 năm 2026");
    expect(summaryOf("Báo cáo tình hình Nhân dân tháng 7/2026 — Xã Thạch Hà", "Xã Thạch Hà")).toBe("Tình hình Nhân dân tháng 7/2026");
  });
});

describe("consolidated report document", () => {
  it("asks for answers on the items forwarded and not yet answered, by the statuses' roles rather than their ids", () => {
    const statuses = readFileSync(join(import.meta.dirname, "..", "..", "..", "content", "statuses.yaml"), "utf8").replaceAll("da-chuyen", "da-gui-co-quan");
    const forwarded = VALID_OBSERVATION.replace(/status: da-tra-loi\n/, "status: da-gui-co-quan\n")
      .replace(/ {2}- date: 2026-04-02\n {4}status: da-tra-loi\n {4}authority: UBND xã Kỳ Hoa\n/, "")
      .replaceAll("da-chuyen", "da-gui-co-quan")
      .replace("title: Người dân phản ánh đường liên thôn xuống cấp", "title: Cầu tràn thôn Trung bị sạt");
    const loaded = loadContent(
      toContentFiles({
        ...minimalContent(),
        "statuses.yaml": statuses,
        [VALID_OBSERVATION_PATH]: VALID_OBSERVATION.replaceAll("da-chuyen", "da-gui-co-quan"),
        "observations/2026/03/xa-ky-hoa/2026-03-14-cau-tran.md": forwarded,
      }),
    );
    const content = loaded.model;
    if (!content.schedule) throw new Error("fixture schedule missing");
    const year = periodContaining("year", "2026-12-15", content.schedule).id;
    const result = documentFor(content, buildUnitTree(content), `${year}/xa-ky-hoa`, "2026-12-15");
    if (!result.ok) throw new Error(result.message);
    const text = JSON.stringify(result.document.blocks);
    expect(text).toContain("Tổng hợp 2 thông tin");
    // One forwarded and waiting; the other answered (da-tra-loi) is not asked for again.
    expect(text).toContain("Đề nghị các cơ quan chức năng sớm trả lời 1 nội dung đã chuyển nhưng chưa có kết quả.");
  });
});
