/**
 * `dan-y review list|show|approve|reject`: the reviewing body's side of a
 * submission — see what waits, read it, merge it into `main`, or send it back.
 */
import type { Command } from "commander";
import type { Submission, Workspace } from "../../adapters/submissions.ts";
import { act, examples, today, todayOption } from "../command-kit.ts";
import { EXIT } from "../errors.ts";

interface ReviewOptions {
  as?: string;
  reason?: string;
  today?: string;
}

/** Returned, refused with its first reason, invalid or waiting (decided with the submission; see describeStatus). */
async function status(submission: Submission): Promise<string> {
  const { describeStatus } = await import("../../adapters/submissions.ts");
  return describeStatus(submission);
}

/** Opens the workspace; reviewers who read act on what the server has now. */
async function workspace(options: ReviewOptions, fetch: boolean): Promise<Workspace> {
  const { contentDir } = await import("../../adapters/content-files.ts");
  const { openWorkspace } = await import("../../adapters/submissions.ts");
  const space = await openWorkspace(contentDir(), today(options));
  if (fetch && space.remote) {
    const { fetchRemote } = await import("../../adapters/git.ts");
    await fetchRemote(space.dir, space.remote);
  }
  return space;
}

async function list(options: ReviewOptions): Promise<number> {
  const { ageInDays, describeDeadline, pendingSubmissions, reviewerMay } = await import("../../adapters/submissions.ts");
  const space = await workspace(options, true);
  const all = await pendingSubmissions(space);
  const mine = options.as ? all.filter((submission) => reviewerMay(submission, options.as as string).verdict.ok) : all;
  if (mine.length === 0) {
    console.log(options.as ? `Không có bài nộp nào chờ ${options.as} duyệt.` : "Không có bài nộp nào đang chờ.");
    return EXIT.ok;
  }
  for (const submission of mine) {
    const who = submission.submitter ? `${submission.submitter.body.id} — ${submission.submitter.person.name}` : "(không rõ người nộp)";
    console.log(`${submission.displayBranch}`);
    console.log(`  Người nộp: ${who}${submission.urgent ? " · khẩn/đột xuất" : ""}`);
    console.log(`  Tệp: ${submission.paths.join(", ") || "(không có)"}`);
    console.log(
      `  Tình trạng: ${await status(submission)} · nộp ${ageInDays(space, submission)} ngày trước${submission.deadline ? ` · ${describeDeadline(submission)}` : ""}`,
    );
  }
  console.log(`\n${mine.length} bài nộp.`);
  return EXIT.ok;
}

async function show(name: string, options: ReviewOptions): Promise<number> {
  const { describeDeadline, findSubmission } = await import("../../adapters/submissions.ts");
  const { readFileAt } = await import("../../adapters/git.ts");
  const { formatIssues } = await import("../../core/check/format-issues.ts");
  const space = await workspace(options, true);
  const submission = await findSubmission(space, name);
  if (!submission) {
    console.log(`${name} đã được duyệt vào main.`);
    return EXIT.ok;
  }
  console.log(`Bài nộp ${submission.displayBranch} (commit ${submission.tip.slice(0, 7)})`);
  console.log(
    `Người nộp: ${submission.submitter ? `${submission.submitter.person.name}, ${submission.submitter.person.title} (${submission.submitter.body.id})` : "(không rõ)"}`,
  );
  console.log(`Tình trạng: ${await status(submission)}${submission.deadline ? ` · ${describeDeadline(submission)}` : ""}\n`);
  for (const path of submission.paths) {
    const before = await readFileAt(space.dir, submission.base, `${space.prefix}${path}`);
    const after = await readFileAt(space.dir, submission.tip, `${space.prefix}${path}`);
    console.log(`${before ? "Sửa" : "Thêm"}: ${space.root}${path}`);
    console.log(`${new TextDecoder().decode(after).replace(/^/gm, "  │ ")}\n`);
  }
  const { formatProblem } = await import("../../adapters/submissions.ts");
  for (const problem of submission.problems) console.log(`lỗi  ${formatProblem(problem)}`);
  if (submission.issues.length > 0) console.log(formatIssues(submission.issues, "human"));
  return submission.problems.length + submission.issues.length === 0 ? EXIT.ok : EXIT.problems;
}

async function approveSubmission(name: string, options: ReviewOptions & { as: string }): Promise<void> {
  const { approve } = await import("../../adapters/submissions.ts");
  const space = await workspace(options, false);
  const result = await approve(space, name, options.as);
  if (!result.merged) console.log(`${name} đã được duyệt trước đó: không duyệt lại.`);
  else
    console.log(
      `Đã duyệt ${name}: commit ${result.commit.slice(0, 7)} trên main${result.pushed ? ", đã đẩy lên máy chủ" : ""}${result.attempts > 1 ? ` (sau ${result.attempts} lần vì có người duyệt cùng lúc)` : ""}.`,
    );
}

async function rejectSubmission(name: string, options: ReviewOptions & { as: string; reason: string }): Promise<void> {
  const { reject } = await import("../../adapters/submissions.ts");
  const space = await workspace(options, true);
  const result = await reject(space, name, options.as, options.reason);
  console.log(
    `Đã trả lại ${name}; lý do ghi ở nhánh ${result.ref}${result.pushed ? " (đã đẩy lên máy chủ)" : ""}. Người nộp sửa tệp rồi nộp thêm commit vào cùng nhánh.`,
  );
}

const BRANCH = "submissions/xa-thach-ha/2026-11-20-duong-lien-thon";

export function register(program: Command): void {
  const review = program
    .command("review")
    .summary("xem, duyệt hoặc trả lại bài nộp")
    .description("Duyệt bài nộp của cấp dưới: xem các bài đang chờ, đọc một bài, duyệt (hợp nhất vào main) hoặc trả lại kèm lý do.");
  examples(review, [
    ["npx dan-y review list --as ha-tinh-mttq-hoang-quang-quan", "các bài nộp người này được duyệt"],
    ["npx dan-y review help approve", "xem cách duyệt một bài nộp"],
  ]);

  const listCommand = review
    .command("list")
    .description("Liệt kê các bài nộp đang chờ duyệt: người nộp, tệp, tình trạng, số ngày đã chờ và hạn.")
    .option("--as <mã-đầu-mối>", "chỉ những bài mà đầu mối này được quyền duyệt");
  todayOption(listCommand).action(act(list));
  examples(listCommand, [
    ["npx dan-y review list", "mọi bài nộp đang chờ"],
    ["npx dan-y review list --as ha-tinh-mttq-hoang-quang-quan", "những bài chờ Hoàng Quang Quân (MTTQ tỉnh) duyệt"],
    ["npx dan-y review list --today 2026-11-27", "tính số ngày chờ và hạn đến 27/11/2026"],
  ]);

  const showCommand = review
    .command("show")
    .description("Xem một bài nộp: người nộp, tình trạng, nội dung từng tệp và các lỗi nếu có. Thoát 1 khi bài nộp có lỗi.")
    .argument("<bài-nộp>", "tên nhánh bài nộp (như review list in ra)");
  todayOption(showCommand).action(act(show));
  examples(showCommand, [
    [`npx dan-y review show ${BRANCH}`, "đọc bài nộp trước khi duyệt"],
    [`npx dan-y review show ${BRANCH} --today 2026-11-27`, "tính hạn đến 27/11/2026"],
  ]);

  const approveCommand = review
    .command("approve")
    .description("Duyệt một bài nộp: kiểm tra lại, xác nhận người duyệt có thẩm quyền, hợp nhất vào main và đẩy lên máy chủ nếu có.")
    .argument("<bài-nộp>", "tên nhánh bài nộp")
    .requiredOption("--as <mã-đầu-mối>", "mã đầu mối người duyệt (phải thuộc cơ quan được duyệt bài này)");
  todayOption(approveCommand).action(act(approveSubmission));
  examples(approveCommand, [
    [`npx dan-y review approve ${BRANCH} --as ha-tinh-mttq-hoang-quang-quan`, "MTTQ tỉnh duyệt bài nộp của MTTQ xã"],
    [`npx dan-y review approve ${BRANCH} --as ha-tinh-mttq-hoang-quang-quan --today 2026-11-27`, "duyệt, ghi nhận ngày 27/11/2026"],
  ]);

  const rejectCommand = review
    .command("reject")
    .description("Trả lại một bài nộp kèm lý do; lý do được ghi lại, người nộp sửa rồi nộp lại vào cùng nhánh.")
    .argument("<bài-nộp>", "tên nhánh bài nộp")
    .requiredOption("--as <mã-đầu-mối>", "mã đầu mối người duyệt")
    .requiredOption("--reason <lý-do>", "lý do trả lại, người nộp sẽ đọc");
  todayOption(rejectCommand).action(act(rejectSubmission));
  examples(rejectCommand, [
    [`npx dan-y review reject ${BRANCH} --as ha-tinh-mttq-hoang-quang-quan --reason "Thiếu địa điểm"`, "trả lại, nêu lý do"],
    [`npx dan-y review reject ${BRANCH} --as ha-tinh-mttq-hoang-quang-quan --reason "…" --today 2026-11-27`, "ghi ngày trả lại là 27/11/2026"],
  ]);
}
