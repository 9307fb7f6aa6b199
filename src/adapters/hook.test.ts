import { execFile, execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ContentModel } from "../core/content/content-model.ts";
import { loadContent } from "../core/content/load-content.ts";
import { commitEmail, type PersonInBody } from "../core/units/jurisdiction.ts";
import { buildDemoRepository } from "../demo/build-demo-repo.ts";
import { type GitHttpServer, startGitHttpServer } from "../test-support/git-http-server.ts";
import { testdir } from "../test-support/testdir.ts";
import { listContentPaths, readContentFiles } from "./content-files.ts";
import { HOOK_BUNDLE, installHook } from "./hook.ts";

const CONTENT = join(import.meta.dirname, "..", "..", "content");
const PASSWORD = "mat-khau";
const run = promisify(execFile);

describe("the pre-receive hook behind a real git http-backend with Basic authentication", () => {
  let root: string;
  let bare: string;
  let work: string;
  let server: GitHttpServer;
  let model: ContentModel;
  const person = (bodyId: string, index = 0): PersonInBody => {
    const body = model.bodies.get(bodyId);
    const found = body?.focal_points[index];
    if (!body || !found) throw new Error(`${bodyId}#${index}`);
    return { person: found, body };
  };
  let submitter: PersonInBody;
  let communeMttq: PersonInBody;
  let otherCommune: PersonInBody;
  let provinceMttq: PersonInBody;
  let administrator: PersonInBody;

  /** Native git in the working clone, as a given person (author and committer). */
  const gitAs = (who: PersonInBody | undefined, ...args: string[]) =>
    execFileSync("git", args, {
      cwd: work,
      encoding: "utf8",
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: who?.person.name ?? "Ai đó",
        GIT_AUTHOR_EMAIL: who ? commitEmail(who.person) : "ai@example.vn",
        GIT_COMMITTER_NAME: who?.person.name ?? "Ai đó",
        GIT_COMMITTER_EMAIL: who ? commitEmail(who.person) : "ai@example.vn",
      },
    });
  const serverRef = (ref: string) => execFileSync("git", ["rev-parse", "--verify", "-q", ref], { cwd: bare, encoding: "utf8" }).trim();
  /** Pushes as an account; never blocks the event loop, which serves the push. */
  const pushAs = async (account: string, refspec: string) => {
    const url = server.url.replace("http://", `http://${encodeURIComponent(account)}:${PASSWORD}@`);
    try {
      const { stderr } = await run("git", ["push", "--porcelain", `${url}/kho.git`, refspec], { cwd: work, encoding: "utf8" });
      return { ok: true, stderr };
    } catch (error) {
      return { ok: false, stderr: (error as { stderr: string }).stderr };
    }
  };
  const write = (path: string, text: string) => {
    const file = join(work, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  };
  const observation = (unit: string, organisation: string, slug: string) => ({
    path: `content/observations/2026/11/${unit}/2026-11-30-${slug}.md`,
    text: `---\ntitle: Người dân phản ánh ${slug.replace(/-/g, " ")}\nobserved_on: 2026-11-30\nrecorded_on: 2026-11-30\nunit: ${unit}\norganisation: ${organisation}\nfield: van-hoa-xa-hoi\nsubtopics: [y-te-dan-so]\nchannel: hop-doan-the-thon\nurgency: thuong-xuyen\nstatus: moi\n---\n\nBà con phản ánh tại cuộc họp chi hội.\n`,
  });
  /** A submission branch off the server's main, committed by `who` with the Focal-point trailer. */
  const submission = (who: PersonInBody, branch: string, files: { path: string; text: string }[]) => {
    gitAs(who, "checkout", "-q", "-B", branch, "origin/main");
    for (const file of files) write(file.path, file.text);
    gitAs(who, "add", ...files.map((file) => file.path));
    gitAs(
      who,
      "commit",
      "-q",
      "-m",
      `${who.body.id}: nộp ${files.length} tệp\n\nFocal-point: ${who.person.id}\nSubmitted-by: ${who.person.name} <${commitEmail(who.person)}>`,
    );
    return gitAs(who, "rev-parse", "HEAD").trim();
  };
  /** An approval merge of `branch` onto the server's main, made with native git by `who`, naming `reviewer` in its trailers. */
  const approval = (who: PersonInBody, reviewer: PersonInBody, branch: string, submitterOf: PersonInBody) => {
    gitAs(who, "checkout", "-q", "-B", "duyet", "origin/main");
    gitAs(
      who,
      "merge",
      "-q",
      "--no-ff",
      "-m",
      `Duyệt ${branch}\n\nSubmitted-by: ${submitterOf.person.name} <${commitEmail(submitterOf.person)}>\nReviewed-by: ${reviewer.person.name} <${commitEmail(reviewer.person)}>\nFocal-point: ${submitterOf.person.id}\nReviewer: ${reviewer.person.id}`,
      branch,
    );
    return gitAs(who, "rev-parse", "HEAD").trim();
  };

  beforeAll(async () => {
    root = testdir();
    bare = join(root, "kho.git");
    await buildDemoRepository({ contentDirectory: CONTENT, out: bare, bare: true });
    installHook(bare);
    model = loadContent(readContentFiles(CONTENT, listContentPaths(CONTENT, ["observations", "reports"]))).model;
    submitter = person("xa-thach-ha/hoi-phu-nu");
    communeMttq = person("xa-thach-ha/mttq");
    otherCommune = person("xa-ky-anh/mttq");
    provinceMttq = person("ha-tinh/mttq", 0);
    administrator = person("ha-tinh/mttq", 1);
    const users = Object.fromEntries([submitter, communeMttq, otherCommune, provinceMttq, administrator].map((who) => [who.person.id, PASSWORD] as const));
    server = await startGitHttpServer(root, { users });
    work = join(root, "lam-viec");
    const url = server.url.replace("http://", `http://${submitter.person.id}:${PASSWORD}@`);
    await run("git", ["clone", "-q", `${url}/kho.git`, work]);
  }, 120_000);
  afterAll(async () => server?.close());

  it("runs one bundled program that imports nothing from the source tree", () => {
    const script = readFileSync(join(bare, "hooks", "pre-receive"), "utf8");
    const bundle = join(bare, "hooks", HOOK_BUNDLE);
    expect(script).toContain(`'${bundle}'`);
    const program = readFileSync(bundle, "utf8");
    expect(program).not.toMatch(/from ["'][^"']*\.ts["']/);
    expect(program).toContain("judgePush");
  });

  it("accepts a submission pushed by its own focal point", async () => {
    const file = observation("xa-thach-ha", "hoi-phu-nu", "thieu-nuoc-sach");
    const tip = submission(submitter, "submissions/xa-thach-ha/2026-11-30-thieu-nuoc-sach", [file]);
    const result = await pushAs(submitter.person.id, "submissions/xa-thach-ha/2026-11-30-thieu-nuoc-sach");
    expect(result).toMatchObject({ ok: true });
    expect(serverRef("refs/heads/submissions/xa-thach-ha/2026-11-30-thieu-nuoc-sach")).toBe(tip);
  });

  it("refuses a submission whose file breaks the schema, naming the file and line", async () => {
    const file = observation("xa-thach-ha", "hoi-phu-nu", "sai-kenh");
    const broken = { ...file, text: file.text.replace("channel: hop-doan-the-thon", "channel: hop-doan-the-thon\nnguoi_to_cao: Bà Nguyễn Thị A") };
    submission(submitter, "submissions/xa-thach-ha/2026-11-30-sai-kenh", [broken]);
    const result = await pushAs(submitter.person.id, "submissions/xa-thach-ha/2026-11-30-sai-kenh");
    expect(result.ok).toBe(false);
    expect(result.stderr).toMatch(new RegExp(`remote:   - ${file.path.replace(/[.]/g, "\\.")}:10: `));
  });

  it("refuses a submission branch pushed by another account, or touching another unit's files", async () => {
    const mine = submission(submitter, "submissions/xa-thach-ha/2026-11-30-ho-tro", [observation("xa-thach-ha", "hoi-phu-nu", "ho-tro")]);
    const byOther = await pushAs(communeMttq.person.id, "submissions/xa-thach-ha/2026-11-30-ho-tro");
    expect(byOther.ok).toBe(false);
    expect(byOther.stderr).toContain("remote: Dân ý: từ chối cập nhật submissions/xa-thach-ha/2026-11-30-ho-tro:");
    expect(byOther.stderr).toContain(`không phải ${communeMttq.person.name} <${commitEmail(communeMttq.person)}> đang đẩy`);
    expect(mine).toHaveLength(40);

    submission(submitter, "submissions/xa-thach-ha/2026-11-30-cho-khac", [observation("xa-ky-anh", "hoi-phu-nu", "cho-khac")]);
    const elsewhere = await pushAs(submitter.person.id, "submissions/xa-thach-ha/2026-11-30-cho-khac");
    expect(elsewhere.ok).toBe(false);
    expect(elsewhere.stderr).toContain('tệp thuộc đơn vị "xa-ky-anh", không phải "xa-thach-ha"');
  });

  it("refuses a submitter approving their own submission", async () => {
    const branch = "submissions/xa-thach-ha/2026-11-30-thieu-nuoc-sach";
    const before = serverRef("refs/heads/main");
    approval(submitter, submitter, branch, submitter);
    const result = await pushAs(submitter.person.id, "duyet:main");
    expect(result.ok).toBe(false);
    expect(result.stderr).toContain("remote: Dân ý: từ chối cập nhật main:");
    expect(result.stderr).toContain("không ai được tự duyệt bài nộp của chính mình");
    expect(serverRef("refs/heads/main")).toBe(before);
  });

  it("refuses another body's reviewer", async () => {
    approval(otherCommune, otherCommune, "submissions/xa-thach-ha/2026-11-30-thieu-nuoc-sach", submitter);
    const result = await pushAs(otherCommune.person.id, "duyet:main");
    expect(result.ok).toBe(false);
    expect(result.stderr).toContain(`${otherCommune.person.name} (xa-ky-anh/mttq) không có thẩm quyền duyệt bài của xa-thach-ha/hoi-phu-nu`);
  });

  it("refuses a direct push to main, even by an entitled reviewer", async () => {
    gitAs(communeMttq, "checkout", "-q", "-B", "thang", "origin/main");
    const file = observation("xa-thach-ha", "mttq", "day-thang");
    write(file.path, file.text);
    gitAs(communeMttq, "add", file.path);
    gitAs(communeMttq, "commit", "-q", "-m", "Sửa thẳng trên main");
    const result = await pushAs(communeMttq.person.id, "thang:main");
    expect(result.ok).toBe(false);
    expect(result.stderr).toContain("không phải commit duyệt: main chỉ nhận commit hợp nhất (merge) một bài nộp");
  });

  it("refuses a merge with forged trailers pushed by someone other than the reviewer it names", async () => {
    // The submitter makes the merge as if the commune's MTTQ had approved: author and trailers both forged.
    approval(communeMttq, communeMttq, "submissions/xa-thach-ha/2026-11-30-thieu-nuoc-sach", submitter);
    const result = await pushAs(submitter.person.id, "duyet:main");
    expect(result.ok).toBe(false);
    expect(result.stderr).toContain(
      `ghi người duyệt là ${communeMttq.person.name} (${communeMttq.person.id}), nhưng tài khoản "${submitter.person.id}" đẩy lên`,
    );
    expect(result.stderr).toContain("nghi giả mạo");
  });

  it("accepts the approval of the entitled reviewer, pushed by that reviewer", async () => {
    const merge = approval(communeMttq, communeMttq, "submissions/xa-thach-ha/2026-11-30-thieu-nuoc-sach", submitter);
    const result = await pushAs(communeMttq.person.id, "duyet:main");
    expect(result).toMatchObject({ ok: true });
    expect(serverRef("refs/heads/main")).toBe(merge);
  });

  it("refuses a change to bodies/ approved by a non-administrator, and accepts it from an administrator", async () => {
    await run("git", ["fetch", "-q", "origin"], { cwd: work });
    const branch = "submissions/xa-thach-ha/2026-11-30-them-dau-moi";
    const bodyFile = "content/bodies/xa-thach-ha/hoi-phu-nu.yaml";
    const current = execFileSync("git", ["show", `origin/main:${bodyFile}`], { cwd: work, encoding: "utf8" });
    const added = current.replace("focal_points:\n", "focal_points:\n  - id: xa-thach-ha-hoi-phu-nu-moi\n    name: Lê Thị Mới\n    title: Ủy viên\n");
    expect(added).not.toBe(current);
    submission(submitter, branch, [{ path: bodyFile, text: added }]);
    expect(await pushAs(submitter.person.id, branch)).toMatchObject({ ok: true });

    approval(provinceMttq, provinceMttq, branch, submitter);
    const refused = await pushAs(provinceMttq.person.id, "duyet:main");
    expect(refused.ok).toBe(false);
    expect(refused.stderr).toContain(`${provinceMttq.person.name} không phải quản trị viên dữ liệu`);

    const merge = approval(administrator, administrator, branch, submitter);
    expect(await pushAs(administrator.person.id, "duyet:main")).toMatchObject({ ok: true });
    expect(serverRef("refs/heads/main")).toBe(merge);
  });

  it("refuses rewriting main's history", async () => {
    await run("git", ["fetch", "-q", "origin"], { cwd: work });
    gitAs(communeMttq, "checkout", "-q", "-B", "cu", "origin/main~3");
    const result = await pushAs(communeMttq.person.id, "+cu:main");
    expect(result.ok).toBe(false);
    expect(result.stderr).toContain("không được viết lại lịch sử (force-push)");
  });
});
