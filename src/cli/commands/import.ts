/**
 * `dan-y import <tệp.xlsx|csv> --unit … --organisation … --as …`: reads a hotline
 * log or suggestion-box list, shows what each row becomes and why rows are
 * refused, and, once the user accepts (`--yes` or the prompt), writes the rows
 * that pass as observations in one submission. Nothing is written before that.
 */
import type { Command } from "commander";
import type { IntakePreview } from "../../adapters/import-intake.ts";
import { act, examples, today, todayOption } from "../command-kit.ts";
import { EXIT } from "../errors.ts";

interface ImportOptions {
  unit: string;
  organisation: string;
  as: string;
  mapping?: string;
  yes?: boolean;
  today?: string;
}

/** How many row messages and preview rows a terminal gets before "… và N nữa". */
const SHOWN = 40;

function preview(result: IntakePreview): string {
  const lines: string[] = [];
  const shown = result.accepted.slice(0, 10);
  if (shown.length > 0) {
    lines.push("Xem trước các dòng sẽ ghi:", "  Dòng  Ngày        Lĩnh vực / Kênh / Mức độ                 Tiêu đề");
    for (const row of shown) {
      const answers = row.answers;
      if (!answers) continue;
      const classes = `${answers.field} / ${answers.channel} / ${answers.urgency}`;
      lines.push(`  ${String(row.row).padStart(4)}  ${answers.observed_on}  ${classes.padEnd(40).slice(0, 40)} ${answers.title.slice(0, 70)}`);
    }
    if (result.accepted.length > shown.length) lines.push(`  … và ${result.accepted.length - shown.length} dòng nữa`);
  }
  if (result.messages.length > 0) {
    lines.push("", "Thông báo:");
    lines.push(...result.messages.slice(0, SHOWN).map((message) => `  ${message}`));
    if (result.messages.length > SHOWN) lines.push(`  … và ${result.messages.length - SHOWN} thông báo nữa`);
  }
  lines.push(
    "",
    `Tổng cộng: ${result.accepted.length} dòng hợp lệ sẽ ghi, ${result.refused.length} dòng bị từ chối, ${result.duplicates.length} dòng trùng (không ghi lại).`,
  );
  return lines.join("\n");
}

/** Says which branches of earlier runs were pushed now and, after them, the push that failed; false when one did. */
function reportEarlierPushes(pushed: readonly string[], failure: string | undefined): boolean {
  for (const branch of pushed) console.log(`Đã đẩy lên máy chủ nhánh ${branch} của lần nhập trước (lần đó chưa đẩy được).`);
  if (failure === undefined) return true;
  console.error(`Lỗi Git: ${failure}. Nhánh của lần nhập trước vẫn nằm trên máy này; chạy lại đúng lệnh này để đẩy khi máy chủ nhận.`);
  return false;
}

async function importLog(file: string, options: ImportOptions): Promise<number> {
  const { contentDir } = await import("../../adapters/content-files.ts");
  const { prepareIntake, pushUnpushed, writeIntake } = await import("../../adapters/import-intake.ts");
  const planned = await prepareIntake({
    file,
    contentDirectory: contentDir(),
    unit: options.unit,
    organisation: options.organisation,
    as: options.as,
    mapping: options.mapping,
    today: today(options),
  });
  console.log(preview(planned));
  if (planned.accepted.length === 0) {
    console.log("Không có dòng nào để ghi.");
    // The rows were submitted by an earlier run whose push failed: this run finishes it.
    const { pushed, failure } = await pushUnpushed(planned);
    if (!reportEarlierPushes(pushed, failure)) return EXIT.git;
    return planned.refused.length > 0 ? EXIT.problems : EXIT.ok;
  }
  let accepted = options.yes === true;
  if (!accepted) {
    if (process.stdin.isTTY !== true) {
      console.log(`Chưa ghi gì. Chạy lại với --yes để ghi ${planned.accepted.length} dòng hợp lệ thành một bài nộp.`);
      return EXIT.problems;
    }
    const { confirm } = await import("@inquirer/prompts");
    accepted = await confirm({ message: `Ghi ${planned.accepted.length} dòng hợp lệ thành một bài nộp?`, default: false });
  }
  if (!accepted) {
    console.log("Đã hủy: không ghi gì.");
    return EXIT.ok;
  }
  const result = await writeIntake(planned);
  if (result.mappingWritten) console.log(`Đã lưu cách đọc cột vào ${result.mappingWritten}: lần sau dùng lại bằng --mapping ${result.mappingWritten}`);
  console.log(
    result.reused.length === 0
      ? `Đã ghi ${result.written.length} thông tin và nộp trên nhánh ${result.submission?.branch}.`
      : `Đã nộp ${result.written.length + result.reused.length} thông tin trên nhánh ${result.submission?.branch}: ghi mới ${result.written.length} tệp, dùng lại ${result.reused.length} tệp của lần nhập trước bị dừng giữa chừng.`,
  );
  if (result.submission?.pullRequestUrl) console.log(`Mở yêu cầu duyệt (pull request) tại: ${result.submission.pullRequestUrl}`);
  console.log("Bước tiếp theo: chờ cơ quan cấp trên duyệt (npx dan-y review list).");
  // After this run's own success: what became of the branches earlier runs could not push.
  if (!reportEarlierPushes(result.pushed, result.pushFailure)) return EXIT.git;
  return planned.refused.length > 0 ? EXIT.problems : EXIT.ok;
}

export function register(program: Command): void {
  const command = program
    .command("import")
    .summary("nhập sổ đường dây nóng, danh sách hòm thư (.xlsx, .csv) thành thông tin")
    .description(
      'Nhập sổ tiếp nhận (đường dây nóng, hòm thư góp ý…) dạng Excel (.xlsx) hoặc CSV: nhận ra các cột "Ngày", "Nội dung", "Lĩnh vực", "Kênh", "Mức độ", "Địa điểm", "Số người"; kiểm tra từng dòng như lệnh check; bỏ họ tên, số điện thoại, số giấy tờ của người phản ánh; xem trước rồi ghi các dòng hợp lệ thành một bài nộp. Dòng trùng với thông tin đã có (cùng đơn vị, ngày, tiêu đề) không ghi lại. Lần nhập bị dừng giữa chừng (mất điện, tắt máy): chạy lại đúng lệnh đó; các tệp đã ghi mà chưa nộp được dùng lại và nộp một lần, tệp đã sửa tay không bị ghi đè; dan-y doctor cho biết lần nhập nào bị dừng.',
    )
    .argument("<tệp>", "sổ tiếp nhận .xlsx (trang tính đầu tiên) hoặc .csv (UTF-8)")
    .requiredOption("--unit <mã-đơn-vị>", "đơn vị nắm được thông tin")
    .requiredOption("--organisation <mã-tổ-chức>", "tổ chức của cơ quan nhập (mttq, hoi-phu-nu…)")
    .requiredOption("--as <mã-đầu-mối>", "mã đầu mối người nhập và nộp")
    .option("--mapping <tệp.yaml>", "cách đọc cột của nguồn này: đọc nếu đã có, lưu lại sau lần nhập đầu nếu chưa có")
    .option("--yes", "ghi các dòng hợp lệ không cần hỏi lại");
  todayOption(command).action(act(importLog));
  examples(command, [
    [
      "npx dan-y import so-duong-day-nong.xlsx --unit xa-ky-hoa --organisation mttq --as ky-hoa-mttq-le-van-binh",
      "xem trước sổ đường dây nóng, hỏi trước khi ghi",
    ],
    [
      "npx dan-y import hom-thu.csv --unit xa-ky-hoa --organisation mttq --as ky-hoa-mttq-le-van-binh --mapping anh-xa/hom-thu-ky-hoa.yaml --yes",
      "nhập danh sách hòm thư với cách đọc cột đã lưu, không hỏi lại",
    ],
    [
      "npx dan-y import so-thang-11.xlsx --unit xa-ky-hoa --organisation mttq --as ky-hoa-mttq-le-van-binh --today 2026-11-30",
      "kiểm tra ngày như thể hôm nay là 30/11/2026",
    ],
  ]);
}
