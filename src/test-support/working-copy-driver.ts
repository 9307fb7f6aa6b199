/**
 * A separate process moving `main` and then writing the working files after
 * it, as `dan-y approve` and the workspace server's background pass do, in
 * rounds started by the test: `node working-copy-driver.ts <repository>
 * <name> <rounds> <files> <sync folder>`. Round `i` starts when `<sync>/go-<i>`
 * exists; the process then commits the files `shared/<k>.md` = "<name> <i> <k>"
 * onto main (compare-and-swap, again when another process moved main first),
 * writes the working files (`followMain`: many files, so two writers
 * interleave), and creates `<sync>/done-<i>-<name>`.
 */
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as repo from "../adapters/git.ts";
import { RefMoved } from "../adapters/git-store.ts";
import type { Workspace } from "../adapters/submissions.ts";
import { followMain } from "../adapters/working-copy-follower.ts";

const [dir, name, rounds, files, sync] = process.argv.slice(2) as [string, string, string, string, string];
const PATHS = Array.from({ length: Number(files) }, (_, index) => `shared/${index}.md`);
const space = {
  dir,
  notice: (line: string) => {
    process.stderr.write(`${line}\n`);
  },
} as Workspace;
const author = { name, email: `${name}@example.vn` };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

for (let round = 0; round < Number(rounds); round++) {
  while (!existsSync(join(sync, `go-${round}`))) await sleep(2);
  const changes = await Promise.all(PATHS.map(async (path, index) => ({ path, oid: await repo.writeBlob(dir, Buffer.from(`${name} ${round} ${index}\n`)) })));
  for (;;) {
    const main = (await repo.refTarget(dir, "main")) as string;
    const tree = await repo.editTree(dir, await repo.treeOf(dir, main), changes);
    const commit = await repo.writeCommit(dir, { tree, parents: [main], author, message: `${name} ${round}` });
    try {
      await repo.updateBranch(dir, "main", main, commit, { notice: space.notice });
      break;
    } catch (error) {
      if (!(error instanceof RefMoved)) throw error;
    }
  }
  if (!(await followMain(space, [{ journal: join(sync, `journal-${name}`), paths: PATHS, action: "approve" }]))) process.exit(3);
  writeFileSync(join(sync, `done-${round}-${name}`), "");
}
