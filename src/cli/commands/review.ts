/**
 * `npm run review -- list [--as <id>]`, `show <bài-nộp>`, `approve <bài-nộp> --as <id>`,
 * `reject <bài-nộp> --as <id> --reason "…"`: the reviewing body's side of a submission.
 */
import { parseArgs } from "node:util";
import { contentDir } from "../../adapters/content-files.ts";
import { fetchRemote, readFileAt } from "../../adapters/git.ts";
import {
  ageInDays,
  approve,
  describeDeadline,
  findSubmission,
  openWorkspace,
  pendingSubmissions,
  reject,
  reviewerMay,
  type Submission,
} from "../../adapters/submissions.ts";
import { formatIssues } from "../../core/check/format-issues.ts";
import { EXIT, ExitError } from "../errors.ts";
import { runCommand } from "../run-command.ts";
import { todayInVietnam } from "../lib/today.ts";

const USAGE = `Cách dùng:
  npm run review -- list [--as <mã-đầu-mối>]
  npm run review -- show <bài-nộp>
  npm run review -- approve <bài-nộp> --as <mã-đầu-mối>
  npm run review -- reject <bài-nộp> --as <mã-đầu-mối> --reason "…"`;

function status(submission: Submission): string {
  if (submission.rejection) return `bị trả lại: ${submission.rejection.reason}`;
  if (submission.problems.length > 0 || submission.issues.length > 0) return `không hợp lệ (${submission.problems.length + submission.issues.length} lỗi)`;
  return "hợp lệ, chờ duyệt";
}

await runCommand(async (argv) => {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { as: { type: "string" }, reason: { type: "string" }, today: { type: "string" } },
  });
  const [action, name] = positionals;
  const space = await openWorkspace(contentDir(), values.today ?? todayInVietnam());
  // Reviewers act on what the server has now.
  if (space.remote && (action === "list" || action === "show" || action === "reject")) await fetchRemote(space.dir, space.remote);
  switch (action) {
    case "list": {
      const all = await pendingSubmissions(space);
      const mine = values.as ? all.filter((submission) => reviewerMay(submission, values.as as string).verdict.ok) : all;
      if (mine.length === 0) {
        console.log(values.as ? `Không có bài nộp nào chờ ${values.as} duyệt.` : "Không có bài nộp nào đang chờ.");
        return EXIT.ok;
      }
      for (const submission of mine) {
        const who = submission.submitter ? `${submission.submitter.body.id} — ${submission.submitter.person.name}` : "(không rõ người nộp)";
        console.log(`${submission.branch}`);
        console.log(`  Người nộp: ${who}${submission.urgent ? " · khẩn/đột xuất" : ""}`);
        console.log(`  Tệp: ${submission.paths.join(", ") || "(không có)"}`);
        console.log(
          `  Tình trạng: ${status(submission)} · nộp ${ageInDays(space, submission)} ngày trước${submission.deadline ? ` · ${describeDeadline(submission)}` : ""}`,
        );
      }
      console.log(`\n${mine.length} bài nộp.`);
      return EXIT.ok;
    }
    case "show": {
      if (!name) throw new ExitError(USAGE, EXIT.usage);
      const submission = await findSubmission(space, name);
      if (!submission) {
        console.log(`${name} đã được duyệt vào main.`);
        return EXIT.ok;
      }
      console.log(`Bài nộp ${submission.branch} (commit ${submission.tip.slice(0, 7)})`);
      console.log(
        `Người nộp: ${submission.submitter ? `${submission.submitter.person.name}, ${submission.submitter.person.title} (${submission.submitter.body.id})` : "(không rõ)"}`,
      );
      console.log(`Tình trạng: ${status(submission)}${submission.deadline ? ` · ${describeDeadline(submission)}` : ""}\n`);
      for (const path of submission.paths) {
        const before = await readFileAt(space.dir, submission.base, `${space.prefix}${path}`);
        const after = await readFileAt(space.dir, submission.tip, `${space.prefix}${path}`);
        console.log(`${before ? "Sửa" : "Thêm"}: ${space.root}${path}`);
        console.log(`${new TextDecoder().decode(after).replace(/^/gm, "  │ ")}\n`);
      }
      for (const problem of submission.problems) console.log(`lỗi  ${problem}`);
      if (submission.issues.length > 0) console.log(formatIssues(submission.issues, "human"));
      return submission.problems.length + submission.issues.length === 0 ? EXIT.ok : EXIT.problems;
    }
    case "approve": {
      if (!name || !values.as) throw new ExitError(USAGE, EXIT.usage);
      const result = await approve(space, name, values.as);
      if (!result.merged) console.log(`${name} đã được duyệt trước đó: không duyệt lại.`);
      else
        console.log(
          `Đã duyệt ${name}: commit ${result.commit.slice(0, 7)} trên main${result.pushed ? ", đã đẩy lên máy chủ" : ""}${result.attempts > 1 ? ` (sau ${result.attempts} lần vì có người duyệt cùng lúc)` : ""}.`,
        );
      return EXIT.ok;
    }
    case "reject": {
      if (!name || !values.as || values.reason === undefined) throw new ExitError(USAGE, EXIT.usage);
      const result = await reject(space, name, values.as, values.reason);
      console.log(
        `Đã trả lại ${name}; lý do ghi ở nhánh ${result.ref}${result.pushed ? " (đã đẩy lên máy chủ)" : ""}. Người nộp sửa tệp rồi nộp thêm commit vào cùng nhánh.`,
      );
      return EXIT.ok;
    }
    default:
      throw new ExitError(USAGE, EXIT.usage);
  }
});
