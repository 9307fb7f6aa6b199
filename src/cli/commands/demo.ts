/**
 * `dan-y demo --out <thư-mục> [--bare] [--pending-from yyyy-mm-dd]`: builds the
 * demo repository from the bundled content through the workflow itself (each
 * item submitted by a focal point of its body and approved by an entitled
 * reviewer, over simulated time).
 */
import { parseArgs } from "node:util";
import { contentDir } from "../../adapters/content-files.ts";
import { buildDemoRepository } from "../../demo/build-demo-repo.ts";
import { EXIT, ExitError } from "../errors.ts";
import { runCommand } from "../run-command.ts";

const USAGE = "Cách dùng: dan-y demo --out <thư-mục-mới> [--bare] [--pending-from yyyy-mm-dd]";

await runCommand(async (argv) => {
  const { values } = parseArgs({
    args: argv,
    options: { out: { type: "string" }, bare: { type: "boolean", default: false }, "pending-from": { type: "string" } },
  });
  if (!values.out) throw new ExitError(USAGE, EXIT.usage);
  const pendingFrom = values["pending-from"];
  if (pendingFrom !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(pendingFrom))
    throw new ExitError(`--pending-from cần ngày dạng yyyy-mm-dd; nhận được "${pendingFrom}"`, EXIT.usage);
  const started = performance.now();
  let result: Awaited<ReturnType<typeof buildDemoRepository>>;
  try {
    result = await buildDemoRepository({ contentDirectory: contentDir(), out: values.out, bare: values.bare, ...(pendingFrom ? { pendingFrom } : {}) });
  } catch (error) {
    if (/is not empty/.test((error as Error).message))
      throw new ExitError(`Thư mục ${values.out} đã có tệp: hãy chọn một thư mục mới hoặc rỗng`, EXIT.problems);
    throw error;
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `Đã tạo kho mẫu ${result.dir}${values.bare ? " (kho trần)" : ""} trong ${seconds} s: ${result.submissions} bài nộp, ${result.approvals} lần duyệt, ${result.commits} commit.`,
  );
  if (result.pending.length > 0) console.log(`${result.pending.length} bài nộp còn chờ duyệt (từ ${pendingFrom}).`);
});
