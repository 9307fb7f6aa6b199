/**
 * A separate process acting on a repository through the submissions adapter,
 * for the race and crash tests (many at once, killed at named steps):
 * `node submissions-driver.ts <repository> <action> …` with actions
 * `submit <file> <as>`, `approve <branch> <as>`, `reject <branch> <as> <reason>`,
 * `list`, `bare-list <prefix>`, `bare-approve <prefix> <branch> <as>`.
 * Prints one line per result; exit 0 done, 1 refused, 3 Git error, 70 other.
 */

import { approve, describeStatus, openRepository, openWorkspace, pendingSubmissions, reject, submit, type Workspace } from "../adapters/submissions.ts";
import { GitError, RefusalError } from "../core/errors.ts";

const [dir, action, ...args] = process.argv.slice(2) as [string, string, ...string[]];
const TODAY = "2026-11-27";

async function main(): Promise<number> {
  process.chdir(dir);
  const space: Workspace = action.startsWith("bare-") ? await openRepository(dir, args.shift() as string, TODAY) : await openWorkspace("content", TODAY);
  switch (action) {
    case "submit": {
      const result = await submit(space, [args[0] as string], args[1] as string, undefined);
      console.log(`branch ${result.branch}${result.resumed ? " resumed" : ""}`);
      return 0;
    }
    case "approve":
    case "bare-approve": {
      const result = await approve(space, args[0] as string, args[1] as string);
      console.log(result.merged ? `approved ${result.commit} attempts ${result.attempts}` : "already");
      return 0;
    }
    case "reject": {
      const result = await reject(space, args[0] as string, args[1] as string, args[2] as string);
      console.log(`rejected ${result.ref}`);
      return 0;
    }
    case "list":
    case "bare-list": {
      for (const submission of await pendingSubmissions(space)) console.log(`${submission.displayBranch}\t${describeStatus(submission)}`);
      return 0;
    }
    default:
      console.error(`unknown action ${action}`);
      return 2;
  }
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = error instanceof RefusalError ? 1 : error instanceof GitError ? 3 : 70;
  if (process.exitCode === 70) console.error(error);
}
