/**
 * `npm run submit -- <files…> --as <focal-point-id> [--message …]`: validates,
 * commits the files on a new submission branch from `main` with the focal point
 * as author, and pushes it to `origin` when there is one.
 */
import { parseArgs } from "node:util";
import { contentDir } from "../../adapters/content-files.ts";
import { openWorkspace, submit } from "../../adapters/submissions.ts";
import { EXIT, ExitError } from "../errors.ts";
import { runCommand } from "../run-command.ts";
import { todayInVietnam } from "../lib/today.ts";

const USAGE = 'Cách dùng: npm run submit -- <tệp…> --as <mã-đầu-mối> [--message "…"] [--onto <nhánh-bài-nộp> (nộp lại sau khi bị trả lại)]';

await runCommand(async (argv) => {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { as: { type: "string" }, message: { type: "string" }, onto: { type: "string" }, today: { type: "string" } },
  });
  if (!values.as || positionals.length === 0) throw new ExitError(USAGE, EXIT.usage);
  const space = await openWorkspace(contentDir(), values.today ?? todayInVietnam());
  const result = await submit(space, positionals, values.as, values.message, values.onto);
  console.log(`Đã tạo bài nộp trên nhánh ${result.branch} (commit ${result.commit.slice(0, 7)}).`);
  if (result.pullRequestUrl) console.log(`Mở yêu cầu duyệt (pull request) tại: ${result.pullRequestUrl}`);
  else if (result.pushed) console.log("Đã đẩy nhánh lên máy chủ. Cấp trên xem bằng: npm run review -- list");
  else console.log("Kho chưa có máy chủ origin: nhánh chỉ nằm trên máy này. Cấp trên duyệt bằng: npm run review -- list");
  console.log("Bước tiếp theo: chờ cơ quan cấp trên duyệt; nếu bị trả lại, sửa tệp và nộp lại.");
});
