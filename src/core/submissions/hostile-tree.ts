/**
 * The first look at a submission, before any blob is read: every entry it adds
 * or changes must be a regular file inside the content folder, with a name that
 * Windows, macOS and Linux all accept and that cannot escape or alias a folder.
 * A tree that breaks one of these is refused whole, with one problem per entry.
 */
import { BIDI, CONTROL, escapeForDisplay } from "./display-text.ts";
import { type Problem, problem } from "./problem.ts";

/** One path a submission adds or changes, as its tree records it. */
export interface TreeChange {
  /** Repository-relative path, with `/`. */
  path: string;
  /** Git file mode: 100644 regular, 100755 executable, 120000 symlink, 160000 gitlink, 040000 tree. */
  mode: string;
}

/** Bytes of one name component: ext4, APFS and NTFS all accept 255. */
export const MAX_COMPONENT_BYTES = 255;
/** Characters of a whole path: Windows' classic MAX_PATH, a bound every platform accepts. */
export const MAX_PATH_CHARS = 260;

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
const WINDOWS_FORBIDDEN = /[<>:"|?*]/;
/** `.git` in any case, and the 8.3 short names and NTFS/HFS+ aliases git itself refuses (`git~1`, `.git.`, `.git `). */
const DOT_GIT = /^\.git(?:[. ]*|~\d+)$|^git~\d+$/i;
const IGNORABLE = /[\u200b-\u200d\u2060\ufeff]/g;

/** Why one name component is refused, or undefined. */
export function componentProblem(name: string): string | undefined {
  const shown = escapeForDisplay(name);
  if (name === "") return "đường dẫn có thành phần rỗng";
  if (name === "." || name === "..") return `đường dẫn không được chứa "${name}"`;
  if (DOT_GIT.test(name.replace(IGNORABLE, ""))) return `tên "${shown}" trùng với thư mục .git của Git`;
  if (name.includes("\\")) return `tên "${shown}" chứa dấu gạch chéo ngược (\\)`;
  if (CONTROL.test(name)) return `tên "${shown}" chứa ký tự điều khiển`;
  if (BIDI.test(name)) return `tên "${shown}" chứa ký tự đổi chiều chữ (bidi), có thể che giấu tên thật`;
  if (Buffer.byteLength(name, "utf8") > MAX_COMPONENT_BYTES)
    return `tên dài ${Buffer.byteLength(name, "utf8")} byte, quá ${MAX_COMPONENT_BYTES} byte mà mọi hệ điều hành chấp nhận`;
  if (WINDOWS_FORBIDDEN.test(name)) return `tên "${shown}" chứa ký tự Windows không cho phép (< > : " | ? *)`;
  if (/[. ]$/.test(name)) return `tên "${shown}" kết thúc bằng dấu chấm hoặc dấu cách (Windows không chấp nhận)`;
  if (WINDOWS_RESERVED.test(name)) return `tên "${shown}" là tên dành riêng của Windows`;
  return undefined;
}

const MODES: Record<string, string> = {
  "160000": "là gitlink (submodule), không phải tệp thường",
  "120000": "là liên kết tượng trưng (symlink), không phải tệp thường",
  "100755": "có quyền thực thi (chế độ 100755): chỉ chấp nhận tệp thường (100644)",
  "040000": "là thư mục ở chỗ cần một tệp",
};

/**
 * Problems of the entries a submission adds or changes (`prefix`: the content
 * folder relative to the repository root, ending in `/`, or empty). Paths in
 * problems are relative to the content folder when inside it, and escaped.
 */
export function hostileTreeProblems(changes: readonly TreeChange[], prefix: string): Problem[] {
  const problems: Problem[] = [];
  for (const change of changes) {
    const shown = escapeForDisplay(change.path.startsWith(prefix) ? change.path.slice(prefix.length) : change.path);
    const say = (message: string) => problems.push(problem(shown, message));
    const pathProblem = change.path
      .split("/")
      .map(componentProblem)
      .find((found) => found !== undefined);
    if (pathProblem) {
      say(pathProblem);
      continue;
    }
    if (!change.path.startsWith(prefix)) {
      say(`bài nộp chỉ được thay đổi tệp trong ${prefix || "thư mục nội dung"}`);
      continue;
    }
    if ([...change.path].length > MAX_PATH_CHARS) {
      say(`đường dẫn dài ${[...change.path].length} ký tự, quá ${MAX_PATH_CHARS} ký tự mà mọi hệ điều hành chấp nhận`);
      continue;
    }
    if (change.mode !== "100644") say(MODES[change.mode] ?? `chế độ tệp ${change.mode} không được chấp nhận: chỉ chấp nhận tệp thường (100644)`);
  }
  return problems;
}
