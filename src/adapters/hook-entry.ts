/**
 * What the installed `hooks/pre-receive` runs (see `installHook`): git gives the
 * ref updates on standard input and runs it inside the server's repository.
 * Kept apart from the `dan-y` program so a push pays for nothing but the judgement.
 */
import { readFileSync } from "node:fs";
import { runPreReceive } from "./hook.ts";

try {
  const result = runPreReceive(process.cwd(), readFileSync(0, "utf8"), process.env);
  if (!result.ok) process.stderr.write(`${result.text}\n`);
  process.exitCode = result.ok ? 0 : 1;
} catch (error) {
  // Fail closed: a hook that cannot judge refuses.
  process.stderr.write(`Dân ý: máy chủ không kiểm tra được lần đẩy này nên từ chối (lỗi nội bộ: ${(error as Error).message}). Báo cho quản trị viên.\n`);
  process.exitCode = 1;
}
