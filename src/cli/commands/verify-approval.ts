/**
 * `dan-y verify-approval <nhánh> --account <tài-khoản>`: whether the forge
 * account that approved a pull request may approve that submission, by the
 * same jurisdiction function as `review approve` and the server hook (its
 * organisation's line, urgency, administrators for shared data). The forge's
 * workflow runs it on every approving review: CODEOWNERS names the union of a
 * unit folder's reviewers, this check narrows it to the file's own line.
 */
import type { Command } from "commander";
import { act, examples, today, todayOption } from "../command-kit.ts";
import { EXIT, ExitError } from "../errors.ts";

async function verify(branch: string, options: { account: string; today?: string }): Promise<number> {
  const { contentDir } = await import("../../adapters/content-files.ts");
  const { analyse, openWorkspace } = await import("../../adapters/submissions.ts");
  const { findByAccount, mayApprove } = await import("../../core/units/jurisdiction.ts");
  const space = await openWorkspace(contentDir(), today(options));
  const ref = branch === "HEAD" ? "HEAD" : `refs/heads/${branch}`;
  const submission = await analyse(space, branch, ref);
  if (!submission) {
    console.log(`${branch} đã ở trong main: không còn gì để duyệt.`);
    return EXIT.ok;
  }
  const reviewer = findByAccount(submission.model, options.account);
  if (!reviewer)
    throw new ExitError(`Tài khoản "${options.account}" không phải đầu mối nào trong bodies/ (trường account): lượt duyệt này không được tính`, EXIT.problems);
  if (!submission.submitter)
    throw new ExitError(`Không xác định được người nộp ${branch}: ${submission.problems.map((problem) => problem.message).join("; ")}`, EXIT.problems);
  const verdict = mayApprove(submission.model, reviewer, submission.submitter, submission.urgent);
  if (!verdict.ok) throw new ExitError(`Lượt duyệt của ${reviewer.person.name} không hợp lệ: ${verdict.reason}`, EXIT.problems);
  console.log(`${reviewer.person.name} (${reviewer.body.id}) có thẩm quyền duyệt bài nộp của ${submission.submitter.body.id}.`);
  return EXIT.ok;
}

export function register(program: Command): void {
  const command = program
    .command("verify-approval <nhánh>")
    .summary("kiểm tra người duyệt trên máy chủ Git có thẩm quyền")
    .description(
      "Kiểm tra tài khoản đã duyệt yêu cầu hợp nhất trên máy chủ Git (GitHub, Gitea…) có thẩm quyền duyệt bài nộp này không, theo đúng tuyến báo cáo.",
    )
    .requiredOption("--account <tài-khoản>", "tài khoản trên máy chủ Git của người duyệt (trường account trong bodies/)");
  todayOption(command).action(act(verify));
  examples(command, [
    ["npx dan-y verify-approval HEAD --account lan.mttq", "kiểm tra tài khoản lan.mttq có được duyệt bài nộp đang kiểm tra"],
    [
      "npx dan-y verify-approval submissions/xa-ky-hoa/2026-11-20-duong --account lan.mttq --today 2026-11-27",
      "như trên với một nhánh, coi hôm nay là 27/11/2026",
    ],
  ]);
}
