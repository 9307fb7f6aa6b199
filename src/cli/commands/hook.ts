/** `dan-y hook install <kho-trần>`: installs the pre-receive hook into a Git server's bare repository. */
import type { Command } from "commander";
import { act, examples } from "../command-kit.ts";

async function install(repository: string, options: { contentPath: string }): Promise<void> {
  const { installHook } = await import("../../adapters/hook.ts");
  const hook = installHook(repository, { contentPath: options.contentPath });
  console.log(
    `Đã cài móc kiểm tra ${hook}. Từ nay máy chủ chỉ nhận bài nộp do chính đầu mối nộp đẩy lên, commit duyệt do chính người có thẩm quyền duyệt đẩy lên, và thay đổi danh mục, đơn vị, cơ quan khi quản trị viên duyệt.`,
  );
}

export function register(program: Command): void {
  const hook = program
    .command("hook")
    .summary("móc kiểm tra trên máy chủ Git")
    .description("Móc kiểm tra trên máy chủ Git (pre-receive): ai nộp, ai duyệt, tệp của ai.");
  examples(hook, [["npx dan-y hook install /srv/git/dan-y.git", "cài móc vào kho trần /srv/git/dan-y.git"]]);
  const command = hook
    .command("install <kho-trần>")
    .description("Cài móc pre-receive vào kho trần của máy chủ (git http-backend hoặc SSH).")
    .option("--content-path <thư-mục>", "thư mục nội dung trong kho", "content");
  command.action(act(install));
  examples(command, [
    ["npx dan-y hook install /srv/git/dan-y.git", "cài móc vào kho trần /srv/git/dan-y.git"],
    ["npx dan-y hook install /srv/git/dan-y.git --content-path noi-dung", "khi thư mục nội dung trong kho tên là noi-dung"],
  ]);
}
