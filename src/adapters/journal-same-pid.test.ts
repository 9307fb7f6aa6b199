/**
 * A restarted container gives the next server the pid its killed predecessor
 * had: a journal entry of that pid is an earlier run's and must be completed,
 * while an entry of another live process is left to it.
 */
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, expect, it } from "vitest";
import { createRepository, observationText, type Repository } from "../test-support/git-fixture.ts";
import { openWorkspace } from "./submissions.ts";

let repo: Repository;
afterEach(() => repo.remove());

/** main holds a new observation whose working file is missing, as after a kill between main's move and the files. */
function interruptedApproval(pid: number): { file: string; journal: string } {
  repo = createRepository();
  const from = repo.git("rev-parse", "main").trim();
  const { path, text } = observationText("cung-pid");
  const file = repo.write(path, text);
  repo.git("add", file);
  repo.git("commit", "-qm", "duyệt");
  const to = repo.git("rev-parse", "main").trim();
  rmSync(join(repo.dir, file));
  const folder = join(repo.dir, ".git", "dan-y", "journal");
  mkdirSync(folder, { recursive: true });
  const journal = join(folder, `${to}-${pid}.json`);
  writeFileSync(journal, JSON.stringify({ pid, from, to, paths: [file], action: "duyệt" }));
  return { file, journal };
}

it("completes an entry of this process's pid written by an earlier run", async () => {
  const { file, journal } = interruptedApproval(process.pid);
  const notices: string[] = [];
  await openWorkspace(join(repo.dir, "content"), "2026-11-27", { notice: (line) => notices.push(line) });
  expect(existsSync(join(repo.dir, file))).toBe(true);
  expect(existsSync(journal)).toBe(false);
  expect(notices.join("\n")).toContain("đã ghi lại cho đủ");
  expect(repo.git("status", "--porcelain").trim()).toBe("");
  expect(readdirSync(join(repo.dir, ".git", "dan-y", "journal"))).toEqual([]);
});

it("leaves an entry of another live process to it", async () => {
  const { file, journal } = interruptedApproval(process.ppid);
  await openWorkspace(join(repo.dir, "content"), "2026-11-27", { notice: () => {} });
  expect(existsSync(join(repo.dir, file))).toBe(false);
  expect(existsSync(journal)).toBe(true);
});
