/**
 * Approving and sending back, one or several submissions at once. The verdict
 * is the data's (`mayApprove`, through `approve`/`reject` of the Git module);
 * the browser only names branches, which are looked up among the pending ones.
 */
import { RefusalError } from "../core/errors.ts";
import type { PersonInBody } from "../core/units/jurisdiction.ts";
import { mayReview } from "./access.ts";
import type { Service } from "./service.ts";

export interface ReviewResult {
  branch: string;
  ok: boolean;
  status: number;
  message: string;
}

/** Branch names as the Git module writes them; anything else (`..`, `%2e`, spaces, control characters) is refused unread. */
export const isBranchName = (name: string): boolean => /^submissions\/[a-z0-9-]+\/[a-z0-9-]+$/.test(name) && !name.includes("..") && name.length <= 200;

export async function review(
  service: Service,
  me: PersonInBody,
  branches: readonly string[],
  decision: "duyet" | "tra-lai",
  reason: string,
): Promise<ReviewResult[]> {
  if (decision === "tra-lai" && reason.trim() === "") {
    return branches.map((branch) => ({ branch, ok: false, status: 422, message: "Cần ghi lý do trả lại để người nộp biết cần sửa gì" }));
  }
  // All at once, answered in the order asked: approvals asked together go to main as one round (ServedRecord.approve).
  // A branch listed twice is reviewed once (never two return records), and every review ends before an error is raised.
  const distinct = [...new Set(branches)];
  const settled = await Promise.allSettled(distinct.map((branch) => reviewOne(service, me, branch, decision, reason)));
  const failed = settled.find((outcome) => outcome.status === "rejected");
  if (failed) throw failed.reason;
  const answers = new Map(distinct.map((branch, index) => [branch, (settled[index] as PromiseFulfilledResult<ReviewResult>).value]));
  return branches.map((branch) => answers.get(branch) as ReviewResult);
}

async function reviewOne(service: Service, me: PersonInBody, branch: string, decision: "duyet" | "tra-lai", reason: string): Promise<ReviewResult> {
  if (!isBranchName(branch)) return { branch, ok: false, status: 400, message: `Tên bài nộp không hợp lệ: "${branch}"` };
  const submission = await service.record.find(branch);
  if (!submission) return { branch, ok: false, status: 404, message: `Không có bài nộp "${branch}" đang chờ duyệt` };
  if (submission.submitter?.person.id === me.person.id) {
    return { branch, ok: false, status: 403, message: "Không ai được tự duyệt hoặc tự trả lại bài nộp của chính mình" };
  }
  if (!mayReview(submission, me)) {
    return {
      branch,
      ok: false,
      status: 403,
      message: `${me.person.name} (${me.body.id}) không có thẩm quyền duyệt bài của ${submission.submitter?.body.id ?? "người nộp không rõ"}`,
    };
  }
  try {
    if (decision === "duyet") {
      await service.record.approve(branch, me.person.id);
      return { branch, ok: true, status: 200, message: "Đã duyệt vào bản chính" };
    }
    await service.record.reject(branch, me.person.id, reason.trim());
    return { branch, ok: true, status: 200, message: "Đã trả lại kèm lý do" };
  } catch (error) {
    if (!(error instanceof RefusalError)) throw error;
    return { branch, ok: false, status: 409, message: error.message };
  }
}

/** The HTTP status of a batch: the first refusal's, or 200. */
export const batchStatus = (results: readonly ReviewResult[]): number => results.find((result) => !result.ok)?.status ?? 200;
