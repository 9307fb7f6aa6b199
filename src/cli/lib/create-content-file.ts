/** Writes a new content file only if it is valid against the whole tree and does not exist yet. */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { displayRoot } from "../../adapters/content-files.ts";
import { writeTextFile } from "../../adapters/write-yaml.ts";
import { checkContent } from "../../core/check/check-content.ts";
import { formatIssues } from "../../core/check/format-issues.ts";
import type { ContentFile } from "../../core/content/load-content.ts";
import { EXIT, ExitError } from "../errors.ts";

/** Returns the display path of the created file. */
export function createContentFile(directory: string, files: readonly ContentFile[], created: { path: string; text: string }, today: string): string {
  const target = join(directory, created.path);
  if (existsSync(target)) throw new ExitError(`Tệp ${target} đã có: không ghi đè. Hãy sửa tệp đó, hoặc xóa nó nếu muốn tạo lại.`, EXIT.problems);
  const display = `${displayRoot(directory)}${created.path}`;
  const bytes = new TextEncoder().encode(created.text);
  const candidate = { relative: created.path, display, size: bytes.length, symlink: false, bytes };
  const { issues } = checkContent([...files, candidate], { root: displayRoot(directory), today, only: new Set([display]) });
  if (issues.length > 0) throw new ExitError(`Chưa tạo tệp vì nội dung chưa hợp lệ:\n${formatIssues(issues, "human")}`, EXIT.problems);
  writeTextFile(target, created.text);
  return display;
}
