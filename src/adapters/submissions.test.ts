/** Submission and review on real repositories; the git CLI judges every state the tool leaves. */
import { spawnSync } from "node:child_process";
import { readFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createRepository, observationText, PEOPLE, type Repository } from "../test-support/git-fixture.ts";

let repo: Repository;
beforeEach(() => {
  repo = createRepository();
});
afterEach(() => repo.remove());

function submitObservation(slug: string, as: string = PEOPLE.communeMttq, organisation = "mttq", urgency = "thuong-xuyen") {
  const { path, text } = observationText(slug, organisation, urgency);
  const file = repo.write(path, text);
  const result = repo.run("submit", file, "--as", as);
  const branch = /nhánh (\S+)/.exec(result.stdout)?.[1];
  return { ...result, branch, file };
}

describe("submit", () => {
  it("commits on a new branch from main with the focal point as author, leaving main alone", () => {
    const before = repo.git("rev-parse", "main");
    const result = submitObservation("thieu-nuoc-sach");
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.branch).toBe("submissions/xa-ky-hoa/2026-11-27-thieu-nuoc-sach");
    expect(repo.git("rev-parse", "main")).toBe(before);
    expect(repo.git("log", "-1", "--format=%an <%ae>%n%(trailers:key=Focal-point,valueonly)", result.branch as string).trim()).toBe(
      `Lê Văn Bình <binh@example.vn>\n${PEOPLE.communeMttq}`,
    );
    expect(repo.git("diff", "--name-only", "main", result.branch as string).trim()).toBe(result.file);
    repo.git("fsck", "--strict");
  });

  it("refuses invalid content with the check's message, creating no branch", () => {
    const file = repo.write("observations/2026/11/xa-ky-hoa/2026-11-20-sai.md", observationText("sai").text.replace("field: van-hoa-xa-hoi", "field: van-hoa"));
    const result = repo.run("submit", file, "--as", PEOPLE.communeMttq);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Lĩnh vực "van-hoa" không có trong fields.yaml');
    expect(repo.git("branch", "--list", "submissions/*").trim()).toBe("");
  });

  it.each([
    [
      "another unit's file",
      () => repo.write("observations/2026/11/xa-ky-lac/2026-11-20-khac.md", observationText("khac").text.replace("unit: xa-ky-hoa", "unit: xa-ky-lac")),
      'thuộc đơn vị "xa-ky-lac", không phải "xa-ky-hoa"',
    ],
    ["units data", () => repo.write("units/thon-moi.yaml", "name: Thôn Mới\nlevel: khu-dan-cu\nparent: xa-ky-hoa\n"), "là dữ liệu danh mục"],
    [
      "an .mdx file",
      () => repo.write("observations/2026/11/xa-ky-hoa/2026-11-20-mdx.mdx", observationText("mdx").text),
      "không chấp nhận .mdx vì MDX chạy được mã",
    ],
    [
      "another organisation's observation",
      () => repo.write(observationText("cua-hoi-phu-nu", "hoi-phu-nu").path, observationText("cua-hoi-phu-nu", "hoi-phu-nu").text),
      'thông tin ghi tổ chức "hoi-phu-nu" nhưng người nộp thuộc xa-ky-hoa/mttq',
    ],
  ])("refuses %s", (_, create, reason) => {
    const result = repo.run("submit", create(), "--as", PEOPLE.communeMttq);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(reason);
  });

  it("refuses a symlink", () => {
    const link = join(repo.dir, "content", "observations/2026/03/xa-ky-hoa/2026-03-20-lien-ket.md");
    symlinkSync("/etc/hostname", link);
    const result = repo.run("submit", "content/observations/2026/03/xa-ky-hoa/2026-03-20-lien-ket.md", "--as", PEOPLE.communeMttq);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Không chấp nhận liên kết tượng trưng (symlink)");
  });
});

describe("review", () => {
  it("lists a submission only for the bodies it reports to", () => {
    const { branch } = submitObservation("duong-ngap");
    expect(repo.run("review", "list", "--as", PEOPLE.provinceMttq).stdout).toContain(branch);
    expect(repo.run("review", "list", "--as", PEOPLE.otherCommune).stdout).toContain("Không có bài nộp nào chờ");
    expect(repo.run("review", "list", "--as", PEOPLE.communeMttq).stdout).toContain("Không có bài nộp nào chờ");
  });

  it("approves with a merge commit carrying both trailers, and updates the working tree", () => {
    const { branch, file } = submitObservation("den-duong-hong");
    const main = repo.git("rev-parse", "main").trim();
    const tip = repo.git("rev-parse", branch as string).trim();
    const result = repo.run("review", "approve", branch as string, "--as", PEOPLE.provinceMttq);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(repo.git("log", "-1", "--format=%P", "main").trim()).toBe(`${main} ${tip}`);
    const message = repo.git("log", "-1", "--format=%B", "main");
    expect(message).toContain("Submitted-by: Lê Văn Bình <binh@example.vn>");
    expect(message).toContain("Reviewed-by: Đặng Thị Lan <lan@example.vn>");
    expect(repo.git("log", "-1", "--format=%an", "main").trim()).toBe("Đặng Thị Lan");
    expect(repo.git("ls-tree", "-r", "--name-only", "main")).toContain(file);
    expect(repo.git("status", "--porcelain").trim()).toBe("");
    repo.git("fsck", "--strict");

    const again = repo.run("review", "approve", branch as string, "--as", PEOPLE.provinceMttq);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain("đã được duyệt trước đó");
    expect(repo.git("rev-list", "--merges", "--count", "main").trim()).toBe("1");
  });

  it("refuses self-approval and approval from outside the reporting line", () => {
    const { branch } = submitObservation("cau-yeu");
    expect(repo.run("review", "approve", branch as string, "--as", PEOPLE.communeMttq).stderr).toContain("không ai được tự duyệt");
    const outsider = repo.run("review", "approve", branch as string, "--as", PEOPLE.otherCommune);
    expect(outsider.status).toBe(1);
    expect(outsider.stderr).toContain("không có thẩm quyền duyệt bài của xa-ky-hoa/mttq; cơ quan được duyệt: ha-tinh/mttq");
    expect(repo.git("rev-list", "--merges", "--count", "main").trim()).toBe("0");
  });

  it("lets the organisation's own line approve too", () => {
    const { branch } = submitObservation("phu-nu-bi-bao-luc", PEOPLE.communeWomen, "hoi-phu-nu");
    expect(repo.run("review", "approve", branch as string, "--as", PEOPLE.provinceWomen).status).toBe(0);
  });

  it("refuses a forged author claiming another focal point", () => {
    const { path, text } = observationText("gia-mao");
    const file = repo.write(path, text);
    repo.git("checkout", "-q", "-b", "submissions/xa-ky-hoa/gia-mao");
    repo.git("add", file);
    repo.git("-c", "user.name=Kẻ Lạ", "-c", "user.email=la@example.vn", "commit", "-qm", `Nộp\n\nFocal-point: ${PEOPLE.communeMttq}`);
    repo.git("checkout", "-q", "main");
    const result = repo.run("review", "approve", "submissions/xa-ky-hoa/gia-mao", "--as", PEOPLE.provinceMttq);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('ghi tác giả "Kẻ Lạ <la@example.vn>" nhưng tự nhận là đầu mối ky-hoa-mttq-le-van-binh');
    expect(repo.git("rev-list", "--merges", "--count", "main").trim()).toBe("0");
  });

  it("records a rejection with its reason, then reviews the corrected submission again", () => {
    const { branch, file } = submitObservation("nuoc-mat-do-nat");
    const rejected = repo.run("review", "reject", branch as string, "--as", PEOPLE.provinceMttq, "--reason", "Cần ghi rõ thôn nào");
    expect(rejected.status).toBe(0);
    expect(repo.git("log", "-1", "--format=%B", `reviews/${branch}`)).toContain("Cần ghi rõ thôn nào");
    expect(repo.run("review", "list").stdout).toContain("bị trả lại: Cần ghi rõ thôn nào");

    repo.write(observationText("nuoc-mat-do-nat").path, observationText("nuoc-mat-do-nat").text.replace("tại cuộc họp thôn", "tại cuộc họp thôn Trung Hòa"));
    const again = repo.run("submit", file, "--as", PEOPLE.communeMttq, "--onto", branch as string);
    expect(again.status).toBe(0);
    expect(repo.run("review", "list").stdout).toContain("hợp lệ, chờ duyệt");
    expect(repo.run("review", "approve", branch as string, "--as", PEOPLE.provinceMttq).status).toBe(0);
    repo.git("fsck", "--strict");
  });

  it("lets the level above the reviewer approve urgent observations of a residential area, not routine ones", () => {
    repo.write("units/thon-trung-hoa.yaml", "name: Thôn Trung Hòa\nlevel: khu-dan-cu\nparent: xa-ky-hoa\nvalid_from: 2025-07-01\n");
    repo.write(
      "bodies/thon-trung-hoa/mttq.yaml",
      "focal_points:\n  - id: trung-hoa-mttq-phan-van-an\n    name: Phan Văn An\n    title: Trưởng ban công tác Mặt trận\n",
    );
    repo.git("add", "-A");
    repo.git("commit", "-qm", "Thêm khu dân cư");
    const submitFrom = (slug: string, urgency: string) => {
      const { text } = observationText(slug, "mttq", urgency);
      const file = repo.write(`observations/2026/11/thon-trung-hoa/2026-11-20-${slug}.md`, text.replace("unit: xa-ky-hoa", "unit: thon-trung-hoa"));
      return /nhánh (\S+)/.exec(repo.run("submit", file, "--as", "trung-hoa-mttq-phan-van-an").stdout)?.[1] as string;
    };
    const urgent = submitFrom("vo-de-khan", "khan");
    const routine = submitFrom("den-duong", "thuong-xuyen");
    const forCommune = repo.run("review", "list", "--as", PEOPLE.communeMttq).stdout;
    const forProvince = repo.run("review", "list", "--as", PEOPLE.provinceMttq).stdout;
    expect(forCommune).toContain(urgent);
    expect(forCommune).toContain(routine);
    expect(forProvince).toContain(urgent);
    expect(forProvince).not.toContain(routine);
    expect(repo.run("review", "approve", urgent, "--as", PEOPLE.provinceMttq).status).toBe(0);
  });
});

describe("check --submission (what a forge's CI runs on a pull request)", () => {
  it("passes a valid submission and annotates a branch that touches shared data", () => {
    const { branch } = submitObservation("kenh-muong");
    const valid = repo.run("check", "--submission", branch as string);
    expect(valid.status).toBe(0);
    expect(valid.stdout).toContain("của Lê Văn Bình (xa-ky-hoa/mttq), 1 tệp: hợp lệ.");

    const unitFile = repo.write("units/thon-gia.yaml", "name: Thôn Giả\nlevel: khu-dan-cu\nparent: xa-ky-hoa\n");
    repo.git("checkout", "-q", "-b", "submissions/xa-ky-hoa/sua-don-vi");
    repo.git("add", unitFile);
    repo.git("-c", "user.name=Lê Văn Bình", "-c", "user.email=binh@example.vn", "commit", "-qm", `Sửa đơn vị\n\nFocal-point: ${PEOPLE.communeMttq}`);
    repo.git("checkout", "-q", "main");
    const hostile = repo.run("check", "--submission", "submissions/xa-ky-hoa/sua-don-vi", "--format", "github");
    expect(hostile.status).toBe(1);
    expect(hostile.stdout).toContain(
      "::error file=content/units/thon-gia.yaml,line=1,col=1,title=submission::units/thon-gia.yaml: Lê Văn Bình (xa-ky-hoa/mttq) không được nộp tệp này",
    );
    expect(hostile.stdout).toContain("là dữ liệu danh mục");
  });
});

describe("history and conflicts", () => {
  it("refuses a branch force-pushed over a rejected submission", () => {
    const { branch, file } = submitObservation("cong-thoat-nuoc");
    repo.run("review", "reject", branch as string, "--as", PEOPLE.provinceMttq, "--reason", "Thiếu địa điểm");
    // Rewrite the branch: a new commit on main, not on top of the rejected one.
    repo.git("checkout", "-q", "-B", branch as string, "main");
    repo.write(observationText("cong-thoat-nuoc").path, observationText("cong-thoat-nuoc").text.replace("tại cuộc họp thôn", "tại cuộc họp thôn Đông"));
    repo.git("add", file);
    repo.git("-c", "user.name=Lê Văn Bình", "-c", "user.email=binh@example.vn", "commit", "-qm", `Viết lại\n\nFocal-point: ${PEOPLE.communeMttq}`);
    repo.git("checkout", "-q", "main");
    const result = repo.run("review", "approve", branch as string, "--as", PEOPLE.provinceMttq);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("nhánh đã bị viết lại lịch sử (force-push) sau khi bị trả lại");
    expect(repo.git("rev-list", "--merges", "--count", "main").trim()).toBe("0");
  });

  it("refuses a submission whose file changed on main since it was made, keeping the branch", () => {
    const first = submitObservation("rac-thai");
    repo.write(observationText("rac-thai").path, observationText("rac-thai").text.replace("tại cuộc họp thôn", "qua hòm thư"));
    const second = repo.run("submit", first.file, "--as", PEOPLE.communeMttq);
    const secondBranch = /nhánh (\S+)/.exec(second.stdout)?.[1] as string;
    expect(repo.run("review", "approve", first.branch as string, "--as", PEOPLE.provinceMttq).status).toBe(0);
    const tip = repo.git("rev-parse", secondBranch);
    const conflict = repo.run("review", "approve", secondBranch, "--as", PEOPLE.provinceMttq);
    expect(conflict.status).toBe(1);
    expect(conflict.stderr).toContain(`xung đột ở ${first.file}`);
    expect(repo.git("rev-parse", secondBranch)).toBe(tip);
  });

  it("shows the change in readable form", () => {
    const { branch, file } = submitObservation("xem-truoc");
    const shown = repo.run("review", "show", branch as string);
    expect(shown.status).toBe(0);
    expect(shown.stdout).toContain(`Thêm: ${file}`);
    expect(shown.stdout).toContain("  │ title: Người dân phản ánh xem truoc");
    expect(shown.stdout).toContain("Tình trạng: hợp lệ, chờ duyệt");
  });
});

describe("provenance", () => {
  it("tells who submitted and who approved each file, from one pass over main", async () => {
    const { readProvenance } = await import("./provenance.ts");
    const first = submitObservation("nha-van-hoa");
    const second = submitObservation("phu-nu-lam-kinh-te", PEOPLE.communeWomen, "hoi-phu-nu");
    repo.run("review", "approve", first.branch as string, "--as", PEOPLE.provinceMttq);
    repo.run("review", "approve", second.branch as string, "--as", PEOPLE.provinceWomen);
    const provenance = await readProvenance(repo.dir, "content/");
    expect(provenance.get(first.file.slice("content/".length))).toMatchObject({
      submittedBy: "Lê Văn Bình",
      reviewedBy: "Đặng Thị Lan",
      submitterId: PEOPLE.communeMttq,
      reviewerId: PEOPLE.provinceMttq,
    });
    expect(provenance.get(second.file.slice("content/".length))).toMatchObject({ submittedBy: "Trần Thị Hoa", reviewedBy: "Bùi Thị Mai" });
    expect(provenance.get("units/ha-tinh.yaml")).toBeUndefined();
    expect(provenance.size).toBe(2);
  });
});

describe("provenance on the site", () => {
  it("shows on an approved observation's page who submitted and who approved it", () => {
    const { branch, file } = submitObservation("nha-van-hoa-dot");
    expect(repo.run("review", "approve", branch as string, "--as", PEOPLE.provinceMttq).status).toBe(0);
    const out = join(repo.dir, "site");
    const root = join(import.meta.dirname, "..", "..");
    const build = spawnSync(process.execPath, [join(root, "node_modules", "astro", "bin", "astro.mjs"), "build", "--outDir", out], {
      cwd: root,
      env: { ...process.env, CONTENT_DIR: join(repo.dir, "content"), DAN_Y_TODAY: "2026-11-27" },
      encoding: "utf8",
      timeout: 300_000,
    });
    expect(build.status, build.stderr).toBe(0);
    const [unit, anchor] = file
      .replace(/^content\/observations\/\d{4}\/\d{2}\//, "")
      .replace(/\.md$/, "")
      .split("/") as [string, string];
    const page = readFileSync(join(out, "thong-tin", unit, anchor.slice(0, 7), "index.html"), "utf8");
    const sheet = page.slice(page.indexOf(`id="${anchor}"`), page.indexOf("</article>", page.indexOf(`id="${anchor}"`)));
    expect(sheet).toMatch(/Lê Văn Bình nộp; Đặng Thị Lan duyệt ngày \d{2}\/\d{2}\/\d{4}/);
  }, 300_000);
});
