import { execFileSync } from "node:child_process";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { formatDateVi } from "../core/calendar/dates.ts";
import { dueDate, parsePeriod } from "../core/calendar/periods.ts";
import { loadContent } from "../core/content/load-content.ts";
import { describeProvenance } from "../core/trust/approval-record.ts";
import { reportTiming } from "../core/trust/timeliness.ts";
import { createRepository, observationText, PEOPLE, type Repository } from "../test-support/git-fixture.ts";
import { listContentPaths, readContentFiles } from "./content-files.ts";
import { readProvenance } from "./provenance.ts";

const PERSON = {
  [PEOPLE.communeWomen]: { name: "Trần Thị Hoa", email: "hoa@example.vn" },
  [PEOPLE.communeMttq]: { name: "Lê Văn Bình", email: "binh@example.vn" },
  [PEOPLE.otherCommune]: { name: "Hồ Văn Nam", email: "nam@example.vn" },
  [PEOPLE.provinceMttq]: { name: "Đặng Thị Lan", email: "lan@example.vn" },
} as const;

describe("provenance the tool can verify", () => {
  let repo: Repository;
  const as = (id: keyof typeof PERSON, ...args: string[]) =>
    execFileSync("git", args, {
      cwd: repo.dir,
      encoding: "utf8",
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: PERSON[id].name,
        GIT_AUTHOR_EMAIL: PERSON[id].email,
        GIT_COMMITTER_NAME: PERSON[id].name,
        GIT_COMMITTER_EMAIL: PERSON[id].email,
        GIT_AUTHOR_DATE: "2026-11-21T09:00:00+07:00",
        GIT_COMMITTER_DATE: "2026-11-21T09:00:00+07:00",
      },
    });
  /** The Hội Phụ nữ of xã Kỳ Hoa submits one observation on its own branch. */
  const submit = (slug: string) => {
    const branch = `submissions/xa-ky-hoa/2026-11-21-${slug}`;
    repo.git("checkout", "-q", "-b", branch, "main");
    const { path, text } = observationText(slug, "hoi-phu-nu");
    repo.write(path, text);
    as(PEOPLE.communeWomen, "add", "content");
    as(
      PEOPLE.communeWomen,
      "commit",
      "-qm",
      `xa-ky-hoa/hoi-phu-nu: nộp 1 tệp\n\nFocal-point: ${PEOPLE.communeWomen}\nSubmitted-by: Trần Thị Hoa <hoa@example.vn>`,
    );
    repo.git("checkout", "-q", "main");
    return { branch, path: path };
  };
  const merge = (who: keyof typeof PERSON, branch: string, message: string, env: Record<string, string> = {}) =>
    execFileSync("git", ["merge", "-q", "--no-ff", "-m", message, branch], {
      cwd: repo.dir,
      encoding: "utf8",
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: PERSON[who].name,
        GIT_AUTHOR_EMAIL: PERSON[who].email,
        GIT_COMMITTER_NAME: PERSON[who].name,
        GIT_COMMITTER_EMAIL: PERSON[who].email,
        GIT_AUTHOR_DATE: "2026-11-22T15:00:00+07:00",
        GIT_COMMITTER_DATE: "2026-11-22T15:00:00+07:00",
        ...env,
      },
    });
  const trailers = (reviewer: keyof typeof PERSON) =>
    `\n\nSubmitted-by: Trần Thị Hoa <hoa@example.vn>\nReviewed-by: ${PERSON[reviewer].name} <${PERSON[reviewer].email}>\nFocal-point: ${PEOPLE.communeWomen}\nReviewer: ${reviewer}`;

  beforeEach(() => {
    repo = createRepository();
  });
  afterEach(() => repo.remove());

  it("verifies an approval merge by an entitled reviewer, dated from the record", async () => {
    const { branch, path } = submit("nuoc-sach");
    merge(PEOPLE.communeMttq, branch, `Duyệt ${branch}${trailers(PEOPLE.communeMttq)}`);
    const record = (await readProvenance(repo.dir, "content/")).get(path.replace(/^content\//, ""));
    expect(record).toMatchObject({
      submittedBy: "Trần Thị Hoa",
      reviewedBy: "Lê Văn Bình",
      submitterId: PEOPLE.communeWomen,
      reviewerId: PEOPLE.communeMttq,
      via: "dan-y",
      verified: true,
      unverifiedReason: undefined,
      receivedAt: "2026-11-21T02:00:00.000Z",
      approvedAt: "2026-11-22T08:00:00.000Z",
    });
    expect(describeProvenance(record, formatDateVi)).toBe("Trần Thị Hoa nộp ngày 21/11/2026; Lê Văn Bình duyệt ngày 22/11/2026 — đã xác minh");
  });

  it("does not verify invented trailers: the merge's author is not the reviewer it names", async () => {
    const { branch, path } = submit("duong-xa");
    merge(PEOPLE.communeWomen, branch, `Duyệt ${branch}${trailers(PEOPLE.communeMttq)}`);
    const record = (await readProvenance(repo.dir, "content/")).get(path.replace(/^content\//, ""));
    expect(record?.verified).toBe(false);
    expect(record?.unverifiedReason).toContain('commit duyệt do "Trần Thị Hoa" viết, không phải người duyệt Lê Văn Bình');
    expect(describeProvenance(record, formatDateVi)).toMatch(/^Chưa xác minh: bản ghi hợp nhất ngày 22\/11\/2026 không chứng minh được việc duyệt/);
  });

  it("does not verify an approval by a body outside the reporting line", async () => {
    const { branch, path } = submit("cho-que");
    merge(PEOPLE.otherCommune, branch, `Duyệt ${branch}${trailers(PEOPLE.otherCommune)}`);
    const record = (await readProvenance(repo.dir, "content/")).get(path.replace(/^content\//, ""));
    expect(record?.verified).toBe(false);
    expect(record?.unverifiedReason).toContain("Hồ Văn Nam (xa-ky-lac/mttq) không có thẩm quyền duyệt bài của xa-ky-hoa/hoi-phu-nu");
  });

  it("reads a forge's merge button: the pull request and the merging person, verified when that person is entitled", async () => {
    const { branch, path } = submit("cho-dem");
    merge(PEOPLE.communeMttq, branch, `Merge pull request #12 from mttq-ha-tinh/${branch}\n\nNộp thông tin`, {
      GIT_COMMITTER_NAME: "GitHub",
      GIT_COMMITTER_EMAIL: "noreply@github.com",
    });
    const record = (await readProvenance(repo.dir, "content/")).get(path.replace(/^content\//, ""));
    expect(record).toMatchObject({ via: "forge", pullRequest: 12, reviewedBy: "Lê Văn Bình", submittedBy: "Trần Thị Hoa", verified: true });
    expect(describeProvenance(record, formatDateVi)).toContain("(yêu cầu hợp nhất #12) — đã xác minh");
  });

  it("leaves a forge merge by someone the data does not know unverified", async () => {
    const { branch, path } = submit("cho-ngay");
    merge(PEOPLE.communeMttq, branch, `Merge pull request #13 from mttq-ha-tinh/${branch}`, {
      GIT_AUTHOR_NAME: "Người lạ",
      GIT_AUTHOR_EMAIL: "la@example.com",
      GIT_COMMITTER_NAME: "GitHub",
      GIT_COMMITTER_EMAIL: "noreply@github.com",
    });
    const record = (await readProvenance(repo.dir, "content/")).get(path.replace(/^content\//, ""));
    expect(record).toMatchObject({ via: "forge", pullRequest: 13, verified: false });
    expect(record?.unverifiedReason).toContain("không xác định được người duyệt");
  });

  it("judges a report's deadline by when it reached the repository, not by the date typed in it", async () => {
    const branch = "submissions/xa-ky-hoa/2026-12-01-bao-cao-2026-11-mttq";
    repo.git("checkout", "-q", "-b", branch, "main");
    const path = repo.write(
      "reports/2026-11/xa-ky-hoa/mttq.md",
      `---\nunit: xa-ky-hoa\norganisation: mttq\nperiod: 2026-11\ntitle: Báo cáo tháng 11/2026\nauthor: ${PEOPLE.communeMttq}\nsubmitted_on: 2026-11-19\n---\n\n# Báo cáo\n`,
    );
    const late = { GIT_AUTHOR_DATE: "2026-12-01T09:00:00+07:00", GIT_COMMITTER_DATE: "2026-12-01T09:00:00+07:00" };
    execFileSync("git", ["add", "content"], { cwd: repo.dir });
    execFileSync("git", ["commit", "-qm", `xa-ky-hoa/mttq: nộp 1 tệp\n\nFocal-point: ${PEOPLE.communeMttq}`], {
      cwd: repo.dir,
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: "Lê Văn Bình",
        GIT_AUTHOR_EMAIL: "binh@example.vn",
        GIT_COMMITTER_NAME: "Lê Văn Bình",
        GIT_COMMITTER_EMAIL: "binh@example.vn",
        ...late,
      },
    });
    repo.git("checkout", "-q", "main");
    merge(PEOPLE.provinceMttq, branch, `Duyệt ${branch}\n\nFocal-point: ${PEOPLE.communeMttq}\nReviewer: ${PEOPLE.provinceMttq}`, {
      GIT_AUTHOR_DATE: "2026-12-02T09:00:00+07:00",
      GIT_COMMITTER_DATE: "2026-12-02T09:00:00+07:00",
    });
    const record = (await readProvenance(repo.dir, "content/")).get(path.replace(/^content\//, ""));
    expect(record).toMatchObject({ verified: true, receivedAt: "2026-12-01T02:00:00.000Z" });
    const period = parsePeriod("2026-11");
    const { model } = loadContent(readContentFiles(`${repo.dir}/content`, listContentPaths(`${repo.dir}/content`, ["observations", "reports"])));
    const due = period && model.schedule && dueDate(period, model.schedule);
    expect(due).toBe("2026-11-20");
    expect(reportTiming("2026-11-19", due as string, record?.receivedAt)).toMatchObject({
      late: true,
      receivedOn: "2026-12-01",
      warning: expect.stringContaining("12 ngày"),
    });
  });
});
