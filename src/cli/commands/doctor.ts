/** `dan-y doctor`: finds and repairs what a crash or a hand edit left in the record's repository (see src/adapters/doctor.ts). */
import type { Command } from "commander";
import { act, examples } from "../command-kit.ts";
import { EXIT } from "../errors.ts";

async function runDoctor(options: { repo?: string }): Promise<number> {
  const { doctor, formatDoctorReport } = await import("../../adapters/doctor.ts");
  let dir = options.repo;
  if (!dir) {
    const { contentDir } = await import("../../adapters/content-files.ts");
    const { findRepositoryRoot } = await import("../../adapters/git.ts");
    const { existsSync } = await import("node:fs");
    dir = await findRepositoryRoot(existsSync(contentDir()) ? contentDir() : ".");
  }
  const report = await doctor(dir);
  console.log(formatDoctorReport(report));
  return report.healthy ? EXIT.ok : EXIT.problems;
}

export function register(program: Command): void {
  const command = program
    .command("doctor")
    .summary("kiểm tra và sửa kho Git sau khi một lệnh bị dừng giữa chừng")
    .description(
      "Kiểm tra kho Git của hồ sơ và sửa những gì một lệnh bị dừng giữa chừng hoặc một lần sửa tay để lại: tệp khóa bị bỏ lại, tệp tạm, tham chiếu (nhánh) rỗng hoặc hỏng, đối tượng Git hỏng, main đã chuyển nhưng tệp làm việc còn bản cũ, lượt duyệt dừng giữa chừng. Thoát 0 khi kho lành mạnh, 1 khi đã tìm thấy vấn đề (đã sửa hoặc chưa sửa được).",
    )
    .option("--repo <thư-mục>", "kho cần kiểm tra (mặc định: kho chứa thư mục nội dung)");
  command.action(act(runDoctor));
  examples(command, [
    ["npx dan-y doctor", "kiểm tra và sửa kho đang dùng"],
    ["npx dan-y doctor --repo /srv/dan-y/ho-so.git", "kiểm tra một kho trên máy chủ (kho trần)"],
  ]);
}
