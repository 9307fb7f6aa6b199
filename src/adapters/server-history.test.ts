import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { describeServerRewrite } from "../core/trust/transport.ts";
import { testdir } from "../test-support/testdir.ts";
import { serverRewriteSince } from "./server-history.ts";

it("tells a server-side rewrite of main from a server that only moved forward", async () => {
  const dir = testdir();
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "user.name=Lê Văn Bình", "-c", "user.email=binh@example.vn", ...args], { cwd: dir, encoding: "utf8" }).trim();
  const commit = (name: string) => {
    writeFileSync(join(dir, `${name}.txt`), name);
    git("add", `${name}.txt`);
    git("commit", "-qm", `Duyệt ${name}`);
    return git("rev-parse", "HEAD");
  };
  git("init", "-q", "-b", "main");
  const a = commit("a");
  const b = commit("b");
  const c = commit("c");
  // Forward: the server went from b to c.
  git("update-ref", "refs/remotes/origin/main", c);
  expect(await serverRewriteSince(dir, "origin", b)).toBeUndefined();
  // Rewrite: the server's main is now a new commit on a; b and c are gone from it.
  git("checkout", "-q", "-b", "rewritten", a);
  const d = commit("d");
  git("update-ref", "refs/remotes/origin/main", d);
  const rewrite = await serverRewriteSince(dir, "origin", c);
  expect(rewrite).toEqual({
    before: c,
    after: d,
    common: a,
    lost: [
      { oid: c, summary: "Duyệt c", author: "Lê Văn Bình" },
      { oid: b, summary: "Duyệt b", author: "Lê Văn Bình" },
    ],
  });
  expect(describeServerRewrite(rewrite as NonNullable<typeof rewrite>)).toContain("2 commit đã có trên máy chủ nay không còn:");
});
