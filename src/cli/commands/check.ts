/**
 * `dan-y check`: validates the whole content directory (or `CONTENT_DIR`), only
 * the files a Git range changed, or one submission branch. Exit 0 only when clean.
 */
import { existsSync, statSync } from "node:fs";
import type { Command } from "commander";
import type { IssueFormat } from "../../core/check/format-issues.ts";
import type { ContentSummary } from "../../core/check/summarise.ts";
import type { ContentIssue } from "../../core/content/content-issue.ts";
import { act, examples, today, todayOption } from "../command-kit.ts";
import { EXIT, ExitError } from "../errors.ts";

interface CheckOptions {
  format: string;
  changed?: string;
  submission?: string;
  today?: string;
  rules: boolean;
  quiet: boolean;
}

/**
 * `--submission <branch>`: the branch may only add or change its submitter's
 * files, by that submitter, with valid content (what a forge's CI enforces).
 */
async function checkSubmissionBranch(directory: string, name: string, today: string, format: IssueFormat): Promise<number> {
  // Git is loaded only when asked for: a plain check starts about 0.2 s sooner without it (measured).
  const { refTarget } = await import("../../adapters/git.ts");
  const { analyse, formatProblem, openWorkspace } = await import("../../adapters/submissions.ts");
  const { issueAt, START } = await import("../../core/content/content-issue.ts");
  const { formatIssues } = await import("../../core/check/format-issues.ts");
  const space = await openWorkspace(directory, today);
  const ref = (await refTarget(space.dir, `refs/heads/${name}`)) ? `refs/heads/${name}` : name;
  const submission = await analyse(space, name, ref);
  if (!submission) {
    if (format === "human") console.log(`${name} đã nằm trong main: không có gì để kiểm tra.`);
    return EXIT.ok;
  }
  const issues = [
    ...submission.problems.map((problem) => {
      const path = problem.path;
      const file =
        path && submission.paths.concat(submission.deleted).includes(path) ? `${space.root}${path}` : path && submission.outside.includes(path) ? path : name;
      return issueAt(file, problem.line ? { line: problem.line, column: 1 } : START, "submission", formatProblem(problem));
    }),
    ...submission.issues,
  ];
  const output = formatIssues(issues, format);
  if (output) (format === "human" ? console.error : console.log)(output);
  if (format === "human") {
    const who = submission.submitter ? `${submission.submitter.person.name} (${submission.submitter.body.id})` : "không rõ người nộp";
    console.log(`\nBài nộp ${name} của ${who}, ${submission.paths.length} tệp: ${issues.length === 0 ? "hợp lệ." : `${issues.length} lỗi.`}`);
  }
  return issues.length === 0 ? EXIT.ok : EXIT.problems;
}

/** Warnings (an unknown tag) are printed but do not fail the check. Returns the exit code. */
function reportIssues(
  issues: ContentIssue[],
  checked: string,
  format: IssueFormat,
  formatIssues: (issues: ContentIssue[], format: IssueFormat) => string,
  isError: (issue: ContentIssue) => boolean,
): number {
  const errors = issues.filter(isError);
  const exit = errors.length === 0 ? EXIT.ok : EXIT.problems;
  if (format !== "human") {
    const output = formatIssues(issues, format);
    if (output) console.log(output);
    return exit;
  }
  if (issues.length > 0) console.error(formatIssues(issues, "human"));
  const fileCount = new Set(errors.map((issue) => issue.file)).size;
  const warnings = issues.length - errors.length;
  const warned = warnings > 0 ? ` (${warnings.toLocaleString("vi-VN")} cảnh báo)` : "";
  console.log(
    errors.length === 0
      ? `\nĐã kiểm tra ${checked}: không có lỗi${warned}.`
      : `\nĐã kiểm tra ${checked}: ${errors.length.toLocaleString("vi-VN")} lỗi trong ${fileCount.toLocaleString("vi-VN")} tệp${warned}.`,
  );
  return exit;
}

/**
 * A whole-tree check made elsewhere (`dan-y publish` checks on the search records' load), printed as
 * `dan-y check` prints its own: the issues, the summary table, the closing line. Returns the exit code.
 */
export async function printCheck(result: { issues: ContentIssue[]; summary: ContentSummary; files: number }): Promise<number> {
  const { formatIssues } = await import("../../core/check/format-issues.ts");
  const { isError } = await import("../../core/content/content-issue.ts");
  const { formatSummary } = await import("../../core/check/summarise.ts");
  console.log(`\n${formatSummary(result.summary)}`);
  return reportIssues(result.issues, `${result.files.toLocaleString("vi-VN")} tệp`, "human", formatIssues, isError);
}

async function check(options: CheckOptions): Promise<number> {
  if (options.rules) {
    const { RULE_CATALOGUE } = await import("../../core/check/rules/index.ts");
    for (const rule of RULE_CATALOGUE) console.log(`${rule.id}: ${rule.description}`);
    return EXIT.ok;
  }
  const { FORMATS, formatIssues } = await import("../../core/check/format-issues.ts");
  const format = options.format as IssueFormat;
  if (!FORMATS.includes(format)) throw new ExitError(`Định dạng "${options.format}" không hỗ trợ; chọn một trong: ${FORMATS.join(", ")}`, EXIT.usage);
  const day = today(options);

  const { contentDir, displayRoot } = await import("../../adapters/content-files.ts");
  const directory = contentDir();
  if (!existsSync(directory) || !statSync(directory).isDirectory()) {
    throw new ExitError(`Không tìm thấy thư mục nội dung "${directory}" (đặt bằng biến môi trường CONTENT_DIR)`, EXIT.usage);
  }
  if (options.submission !== undefined) return checkSubmissionBranch(directory, options.submission, day, format);
  // See check-tree.ts: the same young-generation size for this thread as for the workers.
  (await import("node:v8")).setFlagsFromString("--max-semi-space-size=16");
  const { checkFiles, checkTree } = await import("../../adapters/check-tree.ts");
  const checkOptions = { root: displayRoot(directory), today: day };
  const { isError } = await import("../../core/content/content-issue.ts");
  const report = (issues: ContentIssue[], checked: string): number => reportIssues(issues, checked, format, formatIssues, isError);
  if (options.changed !== undefined) {
    const [base = "", head = "HEAD"] = options.changed.split("..");
    const { changedContent } = await import("../../adapters/changed-content.ts");
    const changed = await changedContent(directory, base, head || "HEAD");
    if (changed.scope === "files")
      return report(checkFiles(directory, changed.paths, checkOptions), `${changed.paths.length.toLocaleString("vi-VN")} tệp thay đổi (${options.changed})`);
    if (format === "human") console.log(`Kiểm tra toàn bộ vì ${changed.reason}.`);
  }
  const { issues, summary, files } = await checkTree(directory, checkOptions);
  if (format === "human" && !options.quiet) {
    const { formatSummary } = await import("../../core/check/summarise.ts");
    console.log(`\n${formatSummary(summary)}`);
  }
  return report(issues, `${files.toLocaleString("vi-VN")} tệp`);
}

export function register(program: Command): void {
  const command = program
    .command("check")
    .summary("kiểm tra nội dung: lỗi ghi tệp:dòng:cột")
    .description(
      "Kiểm tra toàn bộ thư mục nội dung (content/, hoặc thư mục trong biến môi trường CONTENT_DIR): mỗi lỗi ghi tệp:dòng:cột và điều cần sửa.\nChỉ thoát 0 khi không có lỗi nào.",
    )
    .option("--format <dạng>", "cách in lỗi: human (cho người đọc), json (cho máy), github (chú thích trên GitHub Actions)", "human")
    .option("--changed <gốc[..đích]>", "chỉ kiểm tra các tệp thay đổi trong khoảng commit này (vẫn đối chiếu với toàn bộ kho)")
    .option("--submission <nhánh>", "kiểm tra một bài nộp: nhánh chỉ được thêm, sửa tệp của người nộp, và nội dung phải hợp lệ")
    .option("--rules", "liệt kê các quy tắc kiểm tra rồi thoát", false)
    .option("--quiet", "không in bảng tóm tắt số liệu sau khi kiểm tra", false);
  todayOption(command).action(act(check));
  examples(command, [
    ["npx dan-y check", "kiểm tra toàn bộ nội dung, in lỗi và bảng tóm tắt"],
    ["npx dan-y check --format json", "in danh sách lỗi dạng JSON (mảng rỗng khi không có lỗi)"],
    ["npx dan-y check --changed main..HEAD", "chỉ kiểm tra các tệp đã đổi so với main"],
    ["npx dan-y check --submission submissions/xa-thach-ha/2026-11-20-duong-lien-thon", "kiểm tra một bài nộp trước khi duyệt"],
    ["npx dan-y check --rules", "xem các quy tắc kiểm tra"],
    ["npx dan-y check --quiet", "chỉ in lỗi và dòng kết luận"],
    ["npx dan-y check --today 2026-11-27", "kiểm tra như thể hôm nay là 27/11/2026"],
  ]);
}
