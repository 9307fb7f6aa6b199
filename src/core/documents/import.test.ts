/** Reading intake logs: column names, dates, reference values, personal data, titles. */
import { describe, expect, it } from "vitest";
import { minimalContent, toContentFiles } from "../../test-support/content-fixtures.ts";
import { loadContent } from "../content/load-content.ts";
import { recogniseHeader, resolveColumns } from "./import-mapping.ts";
import { stripPersonalData } from "./import-privacy.ts";
import { fieldAtLine, planImport, titleFrom } from "./import-rows.ts";
import { columnLetter } from "./import-sheet.ts";
import { parseCount, parseDate, resolveChoice } from "./import-values.ts";

describe("column names", () => {
  it("recognises Vietnamese names with or without accents, and the complainant's identity", () => {
    expect(recogniseHeader("Ngày")).toBe("observed_on");
    expect(recogniseHeader("NGÀY TIẾP NHẬN")).toBe("observed_on");
    expect(recogniseHeader("Noi dung phan anh, kien nghi")).toBe("body");
    expect(recogniseHeader("Lĩnh vực")).toBe("field");
    expect(recogniseHeader("Kênh")).toBe("channel");
    expect(recogniseHeader("Mức độ")).toBe("urgency");
    expect(recogniseHeader("Địa điểm")).toBe("location");
    expect(recogniseHeader("Số người")).toBe("people_count");
    expect(recogniseHeader("Họ và tên người phản ánh")).toBe("personal");
    expect(recogniseHeader("SĐT")).toBe("personal");
    expect(recogniseHeader("Số CCCD")).toBe("personal");
    expect(recogniseHeader("STT")).toBe("ignored");
    expect(recogniseHeader("Thông tin tiếp nhận")).toBeUndefined();
  });

  it("finds the header row below a title and takes a saved mapping's columns by name or letter", () => {
    const sheet = {
      file: "so.xlsx",
      rows: [
        { number: 1, cells: ["SỔ THEO DÕI", null, null] },
        { number: 2, cells: ["Ngày nhận", "Ý kiến", "Nguồn tin"] },
        { number: 3, cells: ["01/03/2026", "Đường hỏng", "Zalo"] },
      ],
    };
    const found = resolveColumns(sheet, undefined);
    expect(found).toMatchObject({ headerRow: 2, columns: { observed_on: 0, body: 1, channel: 2 } });
    const mapped = resolveColumns(sheet, { header_row: 2, columns: { body: "C", title: "Ý kiến" } });
    expect(mapped).toMatchObject({ columns: { observed_on: 0, title: 1, body: 2 } });
    expect(columnLetter(0)).toBe("A");
    expect(columnLetter(27)).toBe("AB");
  });
});

describe("values", () => {
  it("reads dates as Vietnamese write them, Excel serials and date cells", () => {
    expect(parseDate("14/03/2026")).toEqual({ ok: true, value: "2026-03-14" });
    expect(parseDate("5-3-26")).toEqual({ ok: true, value: "2026-03-05" });
    expect(parseDate("ngày 5 tháng 3 năm 2026")).toEqual({ ok: true, value: "2026-03-05" });
    expect(parseDate("Ngày 05 tháng 03, năm 2026")).toEqual({ ok: true, value: "2026-03-05" });
    expect(parseDate("14/03/2026 08:30")).toEqual({ ok: true, value: "2026-03-14" });
    expect(parseDate(46095)).toEqual({ ok: true, value: "2026-03-14" });
    expect(parseDate("46095")).toEqual({ ok: true, value: "2026-03-14" });
    expect(parseDate(new Date("2026-03-14T00:00:00Z"))).toEqual({ ok: true, value: "2026-03-14" });
    expect(parseDate("2026-03-14")).toEqual({ ok: true, value: "2026-03-14" });
    expect(parseDate("03/14/2026")).toEqual({ ok: false, message: 'ngày "03/14/2026" có tháng 14: hãy viết theo dạng ngày/tháng/năm, ví dụ 14/03/2026' });
    expect(parseDate("29/02/2026")).toEqual({ ok: false, message: 'ngày "29/02/2026" không có thật trên lịch' });
    expect(parseDate("hôm qua")).toMatchObject({ ok: false });
    expect(parseDate(null)).toEqual({ ok: false, message: "thiếu ngày" });
  });

  it("reads counts", () => {
    expect(parseCount("khoảng 40 người")).toEqual({ ok: true, value: 40 });
    expect(parseCount(12)).toEqual({ ok: true, value: 12 });
    expect(parseCount("")).toEqual({ ok: true, value: undefined });
    expect(parseCount("1.200 hộ")).toEqual({ ok: true, value: 1200 });
    expect(parseCount("không rõ")).toMatchObject({ ok: false });
  });

  it("finds reference entries by id, label, short form or a phrase, and suggests near misses", () => {
    const channels = [
      { id: "duong-day-nong", label: "Đường dây nóng của Trưởng ban công tác Mặt trận, Chủ tịch Ủy ban MTTQ" },
      { id: "mang-xa-hoi", label: "Mạng xã hội (Zalo, Facebook, fanpage)" },
      { id: "hom-thu-gop-y", label: "Hòm thư góp ý tại nhà văn hóa thôn, tổ dân phố" },
      { id: "tiep-xuc-cu-tri", label: "Hội nghị tiếp xúc cử tri trước và sau kỳ họp Quốc hội, HĐND" },
    ];
    expect(resolveChoice("duong-day-nong", channels, "kênh")).toEqual({ ok: true, value: "duong-day-nong" });
    expect(resolveChoice("Đường dây nóng", channels, "kênh")).toEqual({ ok: true, value: "duong-day-nong" });
    expect(resolveChoice("duong day nong", channels, "kênh")).toEqual({ ok: true, value: "duong-day-nong" });
    expect(resolveChoice("Zalo", channels, "kênh")).toEqual({ ok: true, value: "mang-xa-hoi" });
    expect(resolveChoice("Hòm thư góp ý", channels, "kênh")).toEqual({ ok: true, value: "hom-thu-gop-y" });
    expect(resolveChoice("tiếp xúc cử tri", channels, "kênh")).toEqual({ ok: true, value: "tiep-xuc-cu-tri" });
    expect(resolveChoice("ĐDN", channels, "kênh", { ĐDN: "duong-day-nong" })).toEqual({ ok: true, value: "duong-day-nong" });
    expect(resolveChoice("Đường giây nóng", channels, "kênh")).toEqual({
      ok: false,
      message: 'không có kênh "Đường giây nóng". Có phải ý bạn là "Đường dây nóng của Trưởng ban công tác Mặt trận, Chủ tịch Ủy ban MTTQ" (duong-day-nong)?',
    });
  });
});

describe("personal data", () => {
  it("cuts names after a form of address, phones, e-mails and ID numbers, and says what without repeating them", () => {
    expect(stripPersonalData("Ông Nguyễn Văn Toàn phản ánh đường hỏng, gọi 0912 345 678 hoặc toan@gmail.com, CCCD 042090001234")).toEqual({
      text: "một người dân phản ánh đường hỏng, gọi [đã xóa] hoặc [đã xóa], CCCD [đã xóa]",
      removed: ["1 số điện thoại hoặc số giấy tờ", "1 địa chỉ thư điện tử", "1 số CMND/CCCD", "1 họ tên người phản ánh"],
    });
    expect(stripPersonalData("Theo bà Lan ở thôn Trung Hòa").text).toBe("Theo một người dân ở thôn Trung Hòa");
    // Place names and "bà con" stay.
    expect(stripPersonalData("Bà con đường Bà Triệu, tỉnh Bà Rịa").removed).toEqual([]);
  });
});

describe("titles and check issues", () => {
  it("takes the first sentence as the title and maps a file line back to its column", () => {
    expect(titleFrom("Đường liên thôn sụt lún. Bà con đề nghị sửa.")).toBe("Đường liên thôn sụt lún");
    expect(titleFrom("x ".repeat(120)).length).toBeLessThanOrEqual(151);
    const text = "---\ntitle: A\nobserved_on: 2026-03-14\nrecorded_on: 2026-03-15\nsubtopics:\n  - a\n---\n\nNội dung\n";
    expect(fieldAtLine(text, 3)).toBe("observed_on");
    expect(fieldAtLine(text, 4)).toBeUndefined();
    expect(fieldAtLine(text, 6)).toBe("subtopics");
    expect(fieldAtLine(text, 9)).toBe("body");
  });
});

describe("urgency and status from the lists", () => {
  it("gives a row without urgency the least urgent level and every row the list's initial status, whatever their ids", () => {
    const { model } = loadContent(
      toContentFiles({
        ...minimalContent(),
        "urgencies.yaml": "- id: cap-bach\n  label: Cấp bách\n  order: 2\n  urgent: true\n- id: hang-ngay\n  label: Hằng ngày\n  order: 1\n  urgent: false\n",
        "statuses.yaml":
          "- id: da-xong\n  label: Đã xong\n  order: 2\n  closes: true\n  next: []\n- id: tiep-nhan\n  label: Tiếp nhận\n  order: 1\n  initial: true\n  closes: false\n  next: [da-xong]\n",
      }),
    );
    const sheet = {
      file: "so.xlsx",
      rows: [
        { number: 1, cells: ["Ngày", "Nội dung", "Lĩnh vực", "Kênh", "Mức độ"] },
        { number: 2, cells: ["01/03/2026", "Đường liên thôn sụt lún.", "Kinh tế", "Đường dây nóng", null] },
        { number: 3, cells: ["02/03/2026", "Cháy rừng ở thôn Trung.", "Kinh tế", "Đường dây nóng", "cấp bách"] },
      ],
    };
    const plan = planImport({ sheet, model, mapping: undefined, unit: "xa-ky-hoa", organisation: "mttq", today: "2026-03-05" });
    if ("error" in plan) throw new Error(plan.error);
    expect(plan.rows.map((row) => [row.status, row.answers?.urgency, row.answers?.status])).toEqual([
      ["ok", "hang-ngay", "tiep-nhan"],
      ["ok", "cap-bach", "tiep-nhan"],
    ]);
    expect(plan.rows[0]?.file?.text).toContain("\nstatus: tiep-nhan\n");

    const { model: withoutInitial } = loadContent(
      toContentFiles({ ...minimalContent(), "statuses.yaml": "- id: da-xong\n  label: Đã xong\n  order: 1\n  closes: true\n  next: []\n" }),
    );
    expect(planImport({ sheet, model: withoutInitial, mapping: undefined, unit: "xa-ky-hoa", organisation: "mttq", today: "2026-03-05" })).toEqual({
      error: "statuses.yaml chưa có trạng thái ban đầu (initial: true): không biết thông tin nhập vào ở trạng thái nào",
    });
  });

  it("never plans a row onto the file name of another observation of the record: a title alike in its first words gets -2", () => {
    const { model } = loadContent(toContentFiles(minimalContent()));
    const sheet = {
      file: "so.csv",
      rows: [
        { number: 1, cells: ["Ngày", "Nội dung", "Lĩnh vực", "Kênh"] },
        // The record has observations/2026/03/xa-ky-hoa/2026-03-14-duong-lien-thon.md, of another title.
        { number: 2, cells: ["14/03/2026", "Đường liên thôn.", "Kinh tế", "Đường dây nóng"] },
      ],
    };
    const plan = planImport({ sheet, model, mapping: undefined, unit: "xa-ky-hoa", organisation: "mttq", today: "2026-03-20" });
    if ("error" in plan) throw new Error(plan.error);
    expect(plan.rows.map((row) => [row.status, row.file?.path])).toEqual([["ok", "observations/2026/03/xa-ky-hoa/2026-03-14-duong-lien-thon-2.md"]]);
  });
});
