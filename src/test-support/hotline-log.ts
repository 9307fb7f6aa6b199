/**
 * A realistic hotline log of a commune's MTTQ as an .xlsx, with the mistakes
 * such logs have: a title row and group headers in merged cells, dates as date
 * cells, as text (dd/mm/yyyy and "ngày … tháng … năm …") and as bare Excel serial
 * numbers, the complainant's name and phone in columns of their own and once in
 * the text, a misspelled channel, an impossible date, an empty row and a row
 * repeated. Deterministic, so tests can state exactly what comes out.
 */
import ExcelJS from "exceljs";

const HAMLETS = ["thôn Trung Hòa", "thôn Hà Trung", "thôn Đông Tiến", "thôn Bắc Sơn", "xóm Trại Lợi", "thôn Kim Quy", "thôn Lộc Yên", "thôn Xuân Hải"];
const TOPICS: { field: string; text: (place: string, n: number) => string }[] = [
  { field: "Kinh tế", text: (place, n) => `Đường liên thôn ở ${place} sụt lún đoạn ${n}, đi lại khó khăn mùa mưa` },
  { field: "Kinh tế", text: (place, n) => `Giá phân bón tăng, nông dân ${place} lo thua lỗ vụ ${n % 2 ? "Đông Xuân" : "Hè Thu"} (lần ${n})` },
  { field: "Văn hóa - xã hội", text: (place, n) => `Nhà văn hóa ${place} xuống cấp, thiếu thiết bị sinh hoạt (phản ánh ${n})` },
  { field: "Văn hóa - xã hội", text: (place, n) => `Phụ huynh ${place} phản ánh khoản thu đầu năm học cao (ý kiến ${n})` },
  { field: "Cải cách hành chính", text: (place, n) => `Thủ tục cấp giấy chứng nhận đất ở ${place} chậm, phải đi lại nhiều lần (hồ sơ ${n})` },
  { field: "An ninh chính trị", text: (place, n) => `Trộm cắp vặt tài sản gia tăng ở ${place} (vụ ${n})` },
  { field: "Xây dựng Đảng", text: (place, n) => `Bà con ${place} đề nghị công khai thu chi quỹ xây dựng (kỳ ${n})` },
];
const CHANNELS = ["Đường dây nóng", "Đường dây nóng", "Đường dây nóng", "Zalo", "Hòm thư góp ý", "duong-day-nong", "Tiếp dân"];
const URGENCIES = ["Thường xuyên", "Thường xuyên", "", "Đột xuất", "Khẩn"];

export const HOTLINE_LOG = {
  /** First data row (rows 1–4: title, blank, group headers, column names). */
  firstRow: 5,
  /** The data row left empty. */
  emptyRow: 105,
  /** The row naming its complainant in the text ("Ông Nguyễn Văn Toàn"). */
  namedRow: 20,
  /** The row with a phone number in the text. */
  phoneRow: 21,
  /** The row whose channel is misspelt ("Đường giây nóng"). */
  misspeltRow: 30,
  /** The row with 31/02/2026. */
  impossibleDateRow: 40,
  /** The row repeating row 50. */
  repeatedRow: 51,
} as const;

export interface HotlineLogOptions {
  /** Data rows, the empty one included. */
  rows: number;
  /** Dates fall in this year, January to October. */
  year?: number;
}

/** The log as .xlsx bytes. */
export async function hotlineLogXlsx({ rows, year = 2026 }: HotlineLogOptions): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Sổ đường dây nóng");
  sheet.getCell("A1").value = `SỔ THEO DÕI TIẾP NHẬN THÔNG TIN QUA ĐƯỜNG DÂY NÓNG NĂM ${year} — MTTQ XÃ KỲ HOA`;
  sheet.mergeCells("A1:J1");
  sheet.getCell("A3").value = "STT";
  sheet.mergeCells("A3:A4");
  sheet.getCell("B3").value = "Thông tin tiếp nhận";
  sheet.mergeCells("B3:D3");
  sheet.getCell("E3").value = "Phân loại";
  sheet.mergeCells("E3:G3");
  sheet.getCell("H3").value = "Người phản ánh";
  sheet.mergeCells("H3:I3");
  sheet.getCell("J3").value = "Số người liên quan";
  sheet.mergeCells("J3:J4");
  // Column A of row 4 is the lower half of the merged "STT" cell.
  sheet.getRow(4).values = [undefined, "Ngày tiếp nhận", "Nội dung phản ánh", "Địa điểm", "Lĩnh vực", "Kênh", "Mức độ", "Họ tên", "Số điện thoại"];
  const dateCell = (index: number): ExcelJS.CellValue => {
    const month = (index % 10) + 1;
    const day = (index % 27) + 1;
    const iso = `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
    switch (index % 4) {
      case 0:
        return new Date(`${iso}T00:00:00Z`);
      case 1:
        return `${String(day).padStart(2, "0")}/${String(month).padStart(2, "0")}/${year}`;
      case 2:
        // A bare serial number, as a date column pasted without its format.
        return Date.UTC(year, month - 1, day) / 86_400_000 + 25569;
      default:
        return `ngày ${day} tháng ${month} năm ${year}`;
    }
  };
  for (let index = 0; index < rows; index++) {
    const number = HOTLINE_LOG.firstRow + index;
    if (number === HOTLINE_LOG.emptyRow) continue;
    const source = number === HOTLINE_LOG.repeatedRow ? index - 1 : index;
    const topic = TOPICS[source % TOPICS.length] as (typeof TOPICS)[number];
    const place = HAMLETS[source % HAMLETS.length] as string;
    let text = topic.text(place, source + 1);
    if (number === HOTLINE_LOG.namedRow) text = `Ông Nguyễn Văn Toàn ở ${place} phản ánh: ${text}`;
    if (number === HOTLINE_LOG.phoneRow) text = `${text}. Đề nghị gọi lại số 0912 345 678`;
    const row = sheet.getRow(number);
    row.values = [
      index + 1,
      number === HOTLINE_LOG.impossibleDateRow ? `31/02/${year}` : dateCell(source),
      text,
      place.replace(/^./, (first) => first.toUpperCase()),
      topic.field,
      number === HOTLINE_LOG.misspeltRow ? "Đường giây nóng" : (CHANNELS[source % CHANNELS.length] as string),
      URGENCIES[source % URGENCIES.length] as string,
      source % 3 === 0 ? `Nguyễn Thị ${["Lan", "Hoa", "Mai"][source % 3]}` : "",
      source % 3 === 0 ? `09${String(10_000_000 + source * 7919).slice(0, 8)}` : "",
      source % 5 === 0 ? `khoảng ${10 + (source % 40)} người` : source % 5 === 1 ? 3 + (source % 9) : "",
    ];
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
