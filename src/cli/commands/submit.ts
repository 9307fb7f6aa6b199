/**
 * `dan-y submit <tệp…> --as <mã-đầu-mối>`: validates, commits the files on a new
 * submission branch from `main` with the focal point as author, and pushes it
 * to `origin` when there is one.
 */
import type { Command } from "commander";
import { act, examples, today, todayOption } from "../command-kit.ts";

interface SubmitOptions {
  as: string;
  message?: string;
  onto?: string;
  today?: string;
}

async function submitFiles(files: string[], options: SubmitOptions): Promise<void> {
  const { contentDir } = await import("../../adapters/content-files.ts");
  const { openWorkspace, submit } = await import("../../adapters/submissions.ts");
  const space = await openWorkspace(contentDir(), today(options));
  const result = await submit(space, files, options.as, options.message, options.onto);
  console.log(`Đã tạo bài nộp trên nhánh ${result.branch} (commit ${result.commit.slice(0, 7)}).`);
  if (result.pullRequestUrl) console.log(`Mở yêu cầu duyệt (pull request) tại: ${result.pullRequestUrl}`);
  else if (result.pushed) console.log("Đã đẩy nhánh lên máy chủ. Cấp trên xem bằng: npx dan-y review list");
  else console.log("Kho chưa có máy chủ origin: nhánh chỉ nằm trên máy này. Cấp trên duyệt bằng: npx dan-y review list");
  console.log("Bước tiếp theo: chờ cơ quan cấp trên duyệt; nếu bị trả lại, sửa tệp và nộp lại.");
}

export function register(program: Command): void {
  const command = program
    .command("submit")
    .summary("nộp tệp lên cấp trên (một nhánh bài nộp)")
    .description(
      "Nộp thông tin, báo cáo lên cấp trên: kiểm tra các tệp, ghi chúng vào một nhánh bài nộp mới (submissions/<đơn-vị>/…) với người nộp là tác giả, rồi đẩy lên máy chủ nếu kho có origin.",
    )
    .argument("<tệp...>", "các tệp nội dung cần nộp (đường dẫn trong kho)")
    .requiredOption("--as <mã-đầu-mối>", "mã đầu mối người nộp (trong bodies/<đơn-vị>/<tổ-chức>.yaml)")
    .option("--message <lời-nhắn>", "lời nhắn kèm bài nộp, ghi vào commit")
    .option("--onto <nhánh-bài-nộp>", "nộp lại vào nhánh bài nộp đã bị trả lại, thay vì tạo nhánh mới");
  todayOption(command).action(act(submitFiles));
  examples(command, [
    [
      "npx dan-y submit content/observations/2026/11/xa-thach-ha/2026-11-20-duong-lien-thon.md --as xa-thach-ha-mttq-duong-ngoc-dung",
      "nộp một thông tin của Xã Thạch Hà",
    ],
    ['npx dan-y submit <tệp> --as xa-thach-ha-mttq-duong-ngoc-dung --message "Bổ sung ý kiến họp thôn"', "nộp kèm lời nhắn cho người duyệt"],
    [
      "npx dan-y submit <tệp> --as xa-thach-ha-mttq-duong-ngoc-dung --onto submissions/xa-thach-ha/2026-11-20-duong-lien-thon",
      "nộp lại sau khi bị trả lại, vào cùng nhánh",
    ],
    ["npx dan-y submit <tệp> --as xa-thach-ha-mttq-duong-ngoc-dung --today 2026-11-27", "tính hạn nộp như thể hôm nay là 27/11/2026"],
  ]);
}
