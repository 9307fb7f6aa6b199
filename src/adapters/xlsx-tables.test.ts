/**
 * Tables as the pages show them (read from a DOM by the browser's reader), back to typed data,
 * written as .xlsx (read back with exceljs) and as CSV (read back with csv-parse).
 */
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { pageTables, shownTable } from "../browser/table-download.ts";
import { tableCsv } from "../core/documents/data-tables.ts";
import { tablesXlsx } from "./xlsx-tables.ts";

const PAGE = `<main>
<table><caption>Số thông tin theo lĩnh vực, so với tháng 10/2026</caption>
<thead><tr><th scope="col">Lĩnh vực, tiểu mục</th><th class="number">Kỳ này</th><th class="number">Kỳ trước</th><th class="number">Thay đổi</th></tr></thead>
<tbody>
<tr><th scope="row">Lĩnh vực kinh tế</th><td class="number">1.234</td><td class="number">1.259</td><td class="number">−25</td></tr>
<tr><td>— Công tác quy hoạch</td><td class="number">9</td><td class="number">15</td><td class="number">−6</td></tr>
<tr><th scope="row">Lĩnh vực văn hóa - xã hội</th><td class="number">82</td><td class="number">77</td><td class="number">+5</td></tr>
</tbody></table>
<table id="co-quan"><caption>Tỉ lệ theo cơ quan</caption>
<thead><tr><th>Cơ quan</th><th>Ngày chuyển</th><th>Tỉ lệ trả lời</th><th>Ghi chú</th></tr></thead>
<tbody>
<tr><th>UBND xã Kỳ Hoa</th><td>16/03/2026</td><td>75%</td><td>Quá hạn</td></tr>
<tr><th>UBND tỉnh</th><td>—</td><td>33%</td><td></td></tr>
<tr hidden><th>UBND huyện (ẩn bởi bộ lọc)</th><td>01/02/2026</td><td>10%</td><td></td></tr>
</tbody></table>
</main>`;

describe("tables as shown, as data", () => {
  it("reads captions, headings and cells, and types numbers, shares and dates", () => {
    const [figures, rates] = pageTables(parseHTML(PAGE).document);
    expect(figures?.columns.map((column) => column.kind)).toEqual(["text", "number", "number", "number"]);
    expect(figures?.rows).toEqual([
      ["Lĩnh vực kinh tế", 1234, 1259, -25],
      ["— Công tác quy hoạch", 9, 15, -6],
      ["Lĩnh vực văn hóa - xã hội", 82, 77, 5],
    ]);
    expect(rates?.columns.map((column) => column.kind)).toEqual(["text", "date", "percent", "text"]);
    expect(rates?.rows).toEqual([
      ["UBND xã Kỳ Hoa", "2026-03-16", 0.75, "Quá hạn"],
      ["UBND tỉnh", null, 0.33, null],
    ]);
    expect(rates?.sheet).toBe("Tỉ lệ theo cơ quan");
  });

  it("reads a cell's line break as a space and only the last header row, and leaves out the rows a filter hid", () => {
    const { document } = parseHTML(
      `<table><thead><tr><th colspan="2">Đầu mối</th></tr><tr><th>Tổ chức</th><th>Họ tên, chức vụ</th></tr></thead>` +
        `<tbody><tr><th>Hội Nông dân</th><td>Đặng Thị Hồng Oanh<br>Trưởng ban  Tuyên giáo</td></tr><tr hidden><th>Đoàn TN</th><td>Ẩn</td></tr></tbody></table>`,
    );
    expect(shownTable(document.querySelector("table") as Element)).toEqual({
      caption: "",
      headers: ["Tổ chức", "Họ tên, chức vụ"],
      rows: [["Hội Nông dân", "Đặng Thị Hồng Oanh Trưởng ban Tuyên giáo"]],
    });
  });
});

describe("tables as Excel", () => {
  it("writes a sheet per table with real numbers, dates and shares, a frozen bold header with a filter, and fitting widths", async () => {
    const tables = pageTables(parseHTML(PAGE).document);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await tablesXlsx(tables)) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(["Số thông tin theo lĩnh vực, so", "Tỉ lệ theo cơ quan"]);
    const figures = workbook.worksheets[0] as ExcelJS.Worksheet;
    expect(figures.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(figures.getRow(1).values).toEqual([undefined, "Lĩnh vực, tiểu mục", "Kỳ này", "Kỳ trước", "Thay đổi"]);
    expect(figures.getRow(1).font?.bold).toBe(true);
    expect(figures.getRow(2).values).toEqual([undefined, "Lĩnh vực kinh tế", 1234, 1259, -25]);
    expect(figures.getCell("B2").numFmt).toBe("#,##0");
    expect(figures.getColumn(1).width).toBe("Lĩnh vực văn hóa - xã hội".length + 2);
    expect(figures.autoFilter).toBe("A1:D1");
    const rates = workbook.worksheets[1] as ExcelJS.Worksheet;
    expect(rates.getCell("B2").value).toEqual(new Date("2026-03-16T00:00:00Z"));
    expect(rates.getCell("B2").numFmt).toBe("dd/mm/yyyy");
    expect(rates.getCell("C2").value).toBe(0.75);
    expect(rates.getCell("C2").numFmt).toBe("0%");
    expect(rates.getCell("B3").value).toBeNull();
  });
});

describe("tables as CSV", () => {
  it("is UTF-8 with a BOM, quoted where needed, and reads back with the right characters", () => {
    const [, rates] = pageTables(parseHTML(PAGE).document);
    if (!rates) throw new Error("table missing");
    const text = tableCsv(rates);
    expect(new TextEncoder().encode(text).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
    expect(text).toBe("\uFEFFCơ quan,Ngày chuyển,Tỉ lệ trả lời,Ghi chú\r\nUBND xã Kỳ Hoa,2026-03-16,75%,Quá hạn\r\nUBND tỉnh,,33%,\r\n");
    expect(parse(text, { bom: true })).toEqual([
      ["Cơ quan", "Ngày chuyển", "Tỉ lệ trả lời", "Ghi chú"],
      ["UBND xã Kỳ Hoa", "2026-03-16", "75%", "Quá hạn"],
      ["UBND tỉnh", "", "33%", ""],
    ]);
    expect(tableCsv({ id: "x", title: "x", sheet: "x", columns: [{ header: "Cơ quan", kind: "text" }], rows: [['UBND xã "Kỳ Hoa", tỉnh']] })).toBe(
      '\uFEFFCơ quan\r\n"UBND xã ""Kỳ Hoa"", tỉnh"\r\n',
    );
  });
});
