/**
 * `dan-y demo --out <thư-mục> [--bare] [--pending-from yyyy-mm-dd]`: builds the
 * demo repository from the bundled content through the workflow itself (each
 * item submitted by a focal point of its body and approved by an entitled
 * reviewer, over simulated time).
 */
import type { Command } from "commander";
import { act, examples, isoDate } from "../command-kit.ts";
import { EXIT, ExitError } from "../errors.ts";

interface DemoOptions {
  out: string;
  bare: boolean;
  pendingFrom?: string;
}

async function demo(options: DemoOptions): Promise<void> {
  const { contentDir } = await import("../../adapters/content-files.ts");
  const { buildDemoRepository } = await import("../../demo/build-demo-repo.ts");
  const pendingFrom = options.pendingFrom;
  const started = performance.now();
  let result: Awaited<ReturnType<typeof buildDemoRepository>>;
  try {
    result = await buildDemoRepository({ contentDirectory: contentDir(), out: options.out, bare: options.bare, ...(pendingFrom ? { pendingFrom } : {}) });
  } catch (error) {
    if (/is not empty/.test((error as Error).message))
      throw new ExitError(`Thư mục ${options.out} đã có tệp: hãy chọn một thư mục mới hoặc rỗng`, EXIT.problems);
    throw error;
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `Đã tạo kho mẫu ${result.dir}${options.bare ? " (kho trần)" : ""} trong ${seconds} s: ${result.submissions} bài nộp, ${result.approvals} lần duyệt, ${result.commits} commit.`,
  );
  if (result.pending.length > 0) console.log(`${result.pending.length} bài nộp còn chờ duyệt (từ ${pendingFrom}).`);
}

export function register(program: Command): void {
  const command = program
    .command("demo")
    .summary("tạo kho mẫu theo đúng quy trình nộp, duyệt")
    .description(
      "Tạo kho mẫu từ nội dung có sẵn, đi đúng quy trình: mỗi thông tin, báo cáo do một đầu mối của cơ quan mình nộp và được người có thẩm quyền duyệt, theo thời gian mô phỏng.",
    )
    .requiredOption("--out <thư-mục>", "thư mục mới (hoặc rỗng) để tạo kho")
    .option("--bare", "tạo kho trần (cho máy chủ Git), không có thư mục làm việc", false)
    .option("--pending-from <ngày>", "các bài nộp từ ngày này trở đi để lại chờ duyệt, không duyệt", isoDate);
  command.action(act(demo));
  examples(command, [
    ["npx dan-y demo --out /tmp/kho-mau", "tạo kho mẫu ở /tmp/kho-mau"],
    ["npx dan-y demo --out /srv/git/dan-y.git --bare", "tạo kho trần để đặt lên máy chủ"],
    ["npx dan-y demo --out /tmp/kho-mau --pending-from 2026-11-01", "để lại các bài nộp từ 01/11/2026 chờ duyệt"],
  ]);
}
