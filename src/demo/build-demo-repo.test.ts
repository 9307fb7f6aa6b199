import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { listContentPaths, readContentFiles } from "../adapters/content-files.ts";
import { openWithAnyKey, SAMPLE_KEY_DIRECTORY } from "../adapters/encryption.ts";
import { readProvenance } from "../adapters/provenance.ts";
import { openWorkspace, pendingSubmissions } from "../adapters/submissions.ts";
import { checkContent } from "../core/check/check-content.ts";
import type { ContentModel } from "../core/content/content-model.ts";
import { loadContent } from "../core/content/load-content.ts";
import { sealedHeader } from "../core/crypto/sealed-observation.ts";
import { findFocalPoint, mayApprove, mayWrite } from "../core/units/jurisdiction.ts";
import { testdir } from "../test-support/testdir.ts";
import { buildDemoRepository, type DemoRepositoryResult } from "./build-demo-repo.ts";

const CONTENT = join(import.meta.dirname, "..", "..", "content");
const git = (dir: string, ...args: string[]) => execFileSync("git", args, { cwd: dir, encoding: "utf8" });

describe("the demo repository built through the workflow", () => {
  let dir: string;
  let result: DemoRepositoryResult;
  let model: ContentModel;
  beforeAll(async () => {
    dir = join(testdir(), "kho");
    result = await buildDemoRepository({ contentDirectory: CONTENT, out: dir, pendingFrom: "2026-11-24" });
    model = loadContent(readContentFiles(CONTENT, listContentPaths(CONTENT))).model;
  }, 120_000);

  it("is a sound Git repository whose working copy is main", () => {
    expect(git(dir, "fsck", "--strict", "--no-progress")).toBe("");
    expect(git(dir, "status", "--porcelain")).toBe("");
    expect(git(dir, "rev-parse", "main").trim()).toBe(result.main);
    // The first commit is the administrator's reference data; nothing else is committed directly on main.
    const firstParents = git(dir, "rev-list", "--first-parent", "--parents", "main").trim().split("\n");
    const root = firstParents.at(-1)?.split(" ") ?? [];
    expect(root).toHaveLength(1);
    expect(firstParents.slice(0, -1).every((line) => line.split(" ").length === 3)).toBe(true);
    expect(git(dir, "log", "-1", "--format=%an%n%B", root[0] as string)).toContain("Administrator: ha-tinh-mttq-tran-thi-thu-ha");
    expect(git(dir, "ls-tree", "-r", "--name-only", root[0] as string).split("\n")).not.toContain(expect.stringMatching(/^content\/(observations|reports)\//));
  });

  it("shows for every approved item who submitted it and an entitled reviewer who approved it, never the same person", async () => {
    const provenance = await readProvenance(dir, "content/");
    const items = [...model.observations.values(), ...model.reports.values()];
    let approved = 0;
    for (const entry of items) {
      const path = entry.source.file.replace(/^.*?content\//, "");
      const record = provenance.get(path);
      const pending = result.pending.length > 0 && !record;
      if (pending) continue;
      approved++;
      expect(record, path).toBeDefined();
      const submitter = findFocalPoint(model, record?.submitterId ?? "");
      const reviewer = findFocalPoint(model, record?.reviewerId ?? "");
      if (!submitter || !reviewer) throw new Error(`${path}: unknown people in ${JSON.stringify(record)}`);
      expect(mayWrite(submitter.body, path, model), path).toEqual({ ok: true });
      const urgent = "urgency" in entry && entry.urgency !== "thuong-xuyen";
      expect(mayApprove(model, reviewer, submitter, urgent), path).toEqual({ ok: true });
      expect(reviewer.person.id).not.toBe(submitter.person.id);
      expect({ path, verified: record?.verified, reason: record?.unverifiedReason }).toEqual({ path, verified: true, reason: undefined });
    }
    expect(approved).toBeGreaterThan(600);
    expect(
      approved + result.pending.reduce((count, branch) => count + Number(git(dir, "diff", "--name-only", `main...${branch}`).trim().split("\n").length), 0),
    ).toBe(items.length);
  });

  it("commits restricted observations only encrypted: no protected text in any commit, and check passes on the result", async () => {
    expect(result.sealed).toBe([...model.observations.values()].filter((entry) => entry.confidentiality === "han-che").length);
    expect(result.sealed).toBeGreaterThan(10);
    const texts = new Map(
      [...readContentFiles(CONTENT, listContentPaths(CONTENT, ["reports", "units", "bodies"]))].map((file) => [
        file.relative,
        new TextDecoder().decode(file.bytes),
      ]),
    );
    const open = [...texts].filter(([, text]) => !text.includes("confidentiality: han-che")).map(([, text]) => text);
    // The bundled content is itself sealed to the sample keys: its protected text is what they open.
    for (const [path, text] of texts) {
      const header = text.includes("confidentiality: han-che") ? sealedHeader(text) : undefined;
      if (header) texts.set(path, await openWithAnyKey(text, header.bodies, SAMPLE_KEY_DIRECTORY));
    }
    // Protected strings of restricted items that no other file holds (template sentences shared with open items are not secrets).
    const secrets = new Set<string>();
    for (const entry of model.observations.values()) {
      if (entry.confidentiality !== "han-che") continue;
      const text = texts.get(entry.source.file.replace(/^.*?content\//, "")) ?? "";
      const body = text.slice(text.indexOf("\n---\n") + 5);
      const opened =
        loadContent([
          {
            relative: entry.source.file.replace(/^.*?content\//, ""),
            display: entry.source.file,
            size: text.length,
            symlink: false,
            bytes: new TextEncoder().encode(text),
          },
        ]).model.observations.get(entry.id) ?? entry;
      for (const candidate of [opened.location, opened.forwarded_to, ...opened.follow_up.map((step) => step.note), ...body.split(/\n+/)]) {
        if (candidate && candidate.trim().length > 12 && !open.some((other) => other.includes(candidate.trim()))) secrets.add(candidate.trim());
      }
    }
    expect(secrets.size).toBeGreaterThan(10);
    // Every file version any commit holds (what `git grep` over every commit searches), read once.
    const blobs = git(dir, "rev-list", "--all", "--objects")
      .trim()
      .split("\n")
      .map((line) => line.split(" ")[0] as string);
    const contents = execFileSync("git", ["cat-file", "--batch"], { cwd: dir, input: `${blobs.join("\n")}\n`, maxBuffer: 1 << 30 }).toString("utf8");
    expect(contents.length).toBeGreaterThan(1_000_000);
    const found = [...secrets].filter((secret) => contents.includes(secret));
    expect(found).toEqual([]);
    const demoContent = join(dir, "content");
    const checked = checkContent([...readContentFiles(demoContent, listContentPaths(demoContent))], { root: "content/", today: "2026-11-30" });
    expect(checked.issues.filter((issue) => issue.severity !== "warning")).toEqual([]);
  });

  it("dates each submission from the item (recorded or sent), in Vietnam time", () => {
    const report = model.reports.get("2026-07/xa-thach-ha/mttq");
    if (!report) throw new Error("demo report missing");
    const submission = git(dir, "log", "--all", "--format=%ad|%s", "--date=format:%Y-%m-%d", "--", "content/reports/2026-07/xa-thach-ha/mttq.md")
      .trim()
      .split("\n")
      .find((line) => line.includes("nộp"));
    expect(submission?.split("|")[0]).toBe(report.submitted_on);
  });

  it("leaves the latest submissions pending, valid and waiting for review as `review list` sees them", async () => {
    expect(result.pending.length).toBeGreaterThan(0);
    const space = await openWorkspace(join(dir, "content"), "2026-11-30");
    const waiting = await pendingSubmissions(space);
    expect(waiting.map((submission) => submission.branch).sort()).toEqual([...result.pending].sort());
    for (const submission of waiting)
      expect({ branch: submission.branch, problems: submission.problems, issues: submission.issues }).toMatchObject({ problems: [], issues: [] });
  });
});

describe("dan-y demo --out a folder it cannot write", () => {
  const BIN = join(import.meta.dirname, "..", "..", "bin", "dan-y.js");
  const demo = (out: string) => {
    const result = spawnSync(process.execPath, [BIN, "demo", "--out", out], { encoding: "utf8", timeout: 30_000 });
    return { status: result.status, stderr: result.stderr };
  };

  it("refuses at once in Vietnamese with the path, under a file and on a virtual file system, leaving nothing", () => {
    const work = testdir({ "tep-thuong": "không phải thư mục" });
    expect(demo(join(work, "tep-thuong", "kho"))).toEqual({
      status: 1,
      stderr: `Không tạo được kho mẫu ở ${join(work, "tep-thuong", "kho")}: không ghi được ${join(work, "tep-thuong")} (ENOTDIR). Hãy chọn --out là một thư mục mới hoặc rỗng, ở nơi bạn có quyền ghi.\n`,
    });
    expect(readFileSync(join(work, "tep-thuong"), "utf8")).toBe("không phải thư mục");
    // Node's recursive mkdir spun here for ever (the command hung for more than 40 s).
    expect(demo("/proc/dan-y-kho-mau")).toEqual({
      status: 1,
      stderr:
        "Không tạo được kho mẫu ở /proc/dan-y-kho-mau: không ghi được /proc/dan-y-kho-mau (ENOENT). Hãy chọn --out là một thư mục mới hoặc rỗng, ở nơi bạn có quyền ghi.\n",
    });
  });
});
