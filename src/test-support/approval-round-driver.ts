/**
 * A separate process approving several submissions in one round
 * (`approveRound`), for the round's race and crash tests:
 * `node approval-round-driver.ts <repository> <branch> <as> [<branch> <as>…]`.
 * Prints one line per request, in order: `approved <commit> attempts <n>`,
 * `already`, or `refused <message on one line>`; exit 0 when none failed for
 * another reason than a refusal, 3 on a Git error, 70 otherwise.
 */
import { type ApprovalRequest, approveRound, openWorkspace } from "../adapters/submissions.ts";
import { GitError, RefusalError } from "../core/errors.ts";

const [dir, ...pairs] = process.argv.slice(2) as [string, ...string[]];
const requests: ApprovalRequest[] = [];
for (let index = 0; index + 1 < pairs.length; index += 2) requests.push({ name: pairs[index] as string, reviewerId: pairs[index + 1] as string });

process.chdir(dir);
const space = await openWorkspace("content", "2026-11-27");
let exit = 0;
for (const outcome of await approveRound(space, requests)) {
  if (outcome.status === "fulfilled") console.log(outcome.value.merged ? `approved ${outcome.value.commit} attempts ${outcome.value.attempts}` : "already");
  else if (outcome.reason instanceof RefusalError) console.log(`refused ${outcome.reason.message.replace(/\n/g, " ")}`);
  else {
    console.error(outcome.reason);
    exit = Math.max(exit, outcome.reason instanceof GitError ? 3 : 70);
  }
}
process.exitCode = exit;
