/** The single top-level catch of every command: typed errors become exit codes. */
import { GitError, RefusalError, SearchIndexError } from "../core/errors.ts";
import { EXIT, ExitError } from "./errors.ts";

// biome-ignore lint/suspicious/noConfusingVoidType: a command returns its exit code, or nothing when it succeeded.
export async function runCommand(main: (argv: string[]) => Promise<number | void>): Promise<void> {
  try {
    process.exitCode = (await main(process.argv.slice(2))) ?? EXIT.ok;
  } catch (error) {
    if (error instanceof ExitError) {
      console.error(error.message);
      process.exitCode = error.exitCode;
    } else if (error instanceof RefusalError) {
      console.error(error.message);
      process.exitCode = EXIT.problems;
    } else if (error instanceof GitError) {
      console.error(`Lỗi Git: ${error.message}`);
      process.exitCode = EXIT.git;
    } else if (error instanceof SearchIndexError) {
      console.error(`Lỗi chỉ mục tìm kiếm: ${error.message}`);
      process.exitCode = EXIT.internal;
    } else {
      console.error("Lỗi nội bộ không mong đợi. Hãy gửi thông báo dưới đây cho nhóm phát triển:");
      console.error(error);
      process.exitCode = EXIT.internal;
    }
  }
}
