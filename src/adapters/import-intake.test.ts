/**
 * Importing a realistic 500-row hotline log into a real repository: the rows
 * that pass become one submission, each mistake is named by file, row and
 * column, the complainant's identity is never written, and importing the same
 * file again writes nothing new.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createRepository, observationText, PEOPLE, type Repository } from "../test-support/git-fixture.ts";
import { startGitHttpServer } from "../test-support/git-http-server.ts";
import { HOTLINE_LOG, hotlineLogXlsx } from "../test-support/hotline-log.ts";
import { prepareIntake, writeIntake } from "./import-intake.ts";

let repo: Repository;
beforeEach(() => {
  repo = createRepository();
});
afterEach(() => repo.remove());

const request = (file: string, mapping?: string) => ({
  file,
  contentDirectory: join(repo.dir, "content"),
  unit: "xa-ky-hoa",
  organisation: "mttq",
  as: PEOPLE.communeMttq,
  mapping,
  today: "2026-11-27",
});

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

describe("import of a hotline log", () => {
  it("turns 500 rows into one submission, naming each refused row and cutting personal data; the second import writes nothing", {
    timeout: 120_000,
  }, async () => {
    const log = join(repo.dir, "so-duong-day-nong.xlsx");
    writeFileSync(log, await hotlineLogXlsx({ rows: 500 }));
    const mapping = join(repo.dir, "anh-xa-duong-day-nong.yaml");

    const preview = await prepareIntake(request(log, mapping));
    expect(preview.plan.columns.headerRow).toBe(4);
    expect(preview.refused.map((row) => row.row)).toEqual([HOTLINE_LOG.misspeltRow, HOTLINE_LOG.impossibleDateRow]);
    expect(preview.duplicates.map((row) => row.row)).toEqual([HOTLINE_LOG.repeatedRow]);
    expect(preview.accepted).toHaveLength(499 - 3);
    expect(preview.messages).toEqual(
      expect.arrayContaining([
        'so-duong-day-nong.xlsx: cột "Họ tên" (H) là thông tin cá nhân của người phản ánh: không đọc và không ghi (Luật Tố cáo, Điều 9 và 47)',
        'so-duong-day-nong.xlsx: cột "Số điện thoại" (I) là thông tin cá nhân của người phản ánh: không đọc và không ghi (Luật Tố cáo, Điều 9 và 47)',
        `so-duong-day-nong.xlsx: dòng ${HOTLINE_LOG.misspeltRow}, cột "Kênh": không có kênh "Đường giây nóng". Có phải ý bạn là "Đường dây nóng của Trưởng ban công tác Mặt trận, Chủ tịch Ủy ban MTTQ" (duong-day-nong)?`,
        `so-duong-day-nong.xlsx: dòng ${HOTLINE_LOG.impossibleDateRow}, cột "Ngày tiếp nhận": ngày "31/02/2026" không có thật trên lịch`,
        `so-duong-day-nong.xlsx: dòng ${HOTLINE_LOG.repeatedRow}: trùng với dòng ${HOTLINE_LOG.repeatedRow - 1} (cùng ngày và tiêu đề): không ghi lại`,
        `so-duong-day-nong.xlsx: dòng ${HOTLINE_LOG.namedRow}, cột "Nội dung phản ánh": đã bỏ 1 họ tên người phản ánh (không ghi danh tính người phản ánh)`,
        `so-duong-day-nong.xlsx: dòng ${HOTLINE_LOG.phoneRow}, cột "Nội dung phản ánh": đã bỏ 1 số điện thoại hoặc số giấy tờ (không ghi danh tính người phản ánh)`,
        `so-duong-day-nong.xlsx: bỏ qua 1 dòng trống (dòng ${HOTLINE_LOG.emptyRow})`,
      ]),
    );

    // Dates from date cells, text, "ngày … tháng … năm …" and serial numbers all read as the same calendar days.
    const byRow = new Map(preview.accepted.map((row) => [row.row, row.answers]));
    expect([5, 6, 7, 8].map((row) => byRow.get(row)?.observed_on)).toEqual(["2026-01-01", "2026-02-02", "2026-03-03", "2026-04-04"]);
    expect(byRow.get(5)).toMatchObject({ field: "kinh-te", channel: "duong-day-nong", urgency: "thuong-xuyen", people_count: 10, location: "Thôn Trung Hòa" });
    expect(byRow.get(8)).toMatchObject({ channel: "mang-xa-hoi", urgency: "dot-xuat" });
    expect(byRow.get(9)).toMatchObject({ field: "cai-cach-hanh-chinh", channel: "hom-thu-gop-y", urgency: "khan" });
    expect(byRow.get(HOTLINE_LOG.namedRow)?.title).toMatch(/^Một người dân ở|^một người dân ở/);

    // Nothing written before the user accepts.
    expect(repo.git("status", "--porcelain", "content")).toBe("");

    const result = await writeIntake(preview);
    expect(result.written).toHaveLength(496);
    expect(result.mappingWritten).toBe(mapping);
    const branch = result.submission?.branch as string;
    expect(branch).toMatch(/^submissions\/xa-ky-hoa\/2026-11-27-/);
    const changed = repo.git("diff", "--name-only", "main", branch).trim().split("\n");
    expect(changed).toHaveLength(496);
    expect(changed.every((path) => path.startsWith("content/observations/2026/"))).toBe(true);
    expect(repo.git("rev-list", "--count", `main..${branch}`).trim()).toBe("1");
    const everything = filesUnder(join(repo.dir, "content", "observations"))
      .map((path) => readFileSync(path, "utf8"))
      .join("\n");
    expect(everything).not.toMatch(/Nguyễn Văn Toàn|Nguyễn Thị (Lan|Hoa|Mai)|0912 345 678|09\d{8}/);
    expect(readFileSync(mapping, "utf8")).toContain("observed_on: Ngày tiếp nhận");

    // The same file again, with the saved mapping: every row is already there.
    const again = await prepareIntake(request(log, mapping));
    expect(again.newMapping).toBe(false);
    expect(again.accepted).toEqual([]);
    expect(again.duplicates).toHaveLength(497);
    expect(again.messages).toContain(
      `so-duong-day-nong.xlsx: dòng 5: trùng với thông tin đã có xa-ky-hoa/${byRow.get(5)?.observed_on}-${preview.accepted[0]?.file?.path.split("/").pop()?.slice(11, -3)} (cùng đơn vị, ngày và tiêu đề): không ghi lại`,
    );
    const second = await writeIntake(again);
    expect(second.written).toEqual([]);
    expect(second.submission).toBeUndefined();
    expect(repo.git("branch", "--list", "submissions/*").trim().split("\n")).toHaveLength(1);
  });

  it("reads a CSV in UTF-8 with BOM and semicolons, and refuses rows the check refuses", async () => {
    const csv = join(repo.dir, "hom-thu.csv");
    writeFileSync(
      csv,
      "\uFEFFNgày;Nội dung;Lĩnh vực;Kênh;Mức độ;Số người\n" +
        "14/03/2026;Bà con thôn Trung Hòa đề nghị sửa cống thoát nước;Kinh tế;Hòm thư góp ý;Thường xuyên;12\n" +
        "15/03/2026;Phản ánh về việc cấp phép xây dựng;Giao thông;Hòm thư góp ý;;\n" +
        "20/11/2026;Đường tràn bị ngập;Kinh tế;Hòm thư góp ý;Khẩn;0\n" +
        "21/12/2026;Đường tràn bị ngập lụt;Kinh tế;Hòm thư góp ý;Khẩn;5\n",
    );
    const preview = await prepareIntake(request(csv));
    expect(preview.accepted.map((row) => row.answers?.title)).toEqual(["Bà con thôn Trung Hòa đề nghị sửa cống thoát nước"]);
    expect(preview.accepted[0]?.answers).toMatchObject({ observed_on: "2026-03-14", field: "kinh-te", channel: "hom-thu-gop-y", people_count: 12 });
    expect(preview.messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^hom-thu\.csv: dòng 3, cột "Lĩnh vực": không có lĩnh vực "Giao thông"; các lĩnh vực: "Lĩnh vực kinh tế", /),
        'hom-thu.csv: dòng 4, cột "Số người": "0" không phải số người (cần một số nguyên từ 1 trở lên)',
        // The check's own date rule, pointed at the row and column.
        'hom-thu.csv: dòng 5, cột "Ngày": Ngày 21/12/2026 ở tương lai (hôm nay là 27/11/2026)',
      ]),
    );
  });

  it("counts as imported what Git records, not what the folder holds: an unsubmitted hand-written twin is named, a submitted file gone from disk still counts", async () => {
    const own = observationText("nha-van-hoa");
    repo.write(own.path, own.text);
    const csv = join(repo.dir, "so.csv");
    writeFileSync(
      csv,
      "Ngày;Nội dung;Lĩnh vực;Kênh\n20/11/2026;Người dân phản ánh nhà văn hóa;Văn hóa - xã hội;Hòm thư góp ý\n21/11/2026;Đường tràn bị ngập;Kinh tế;Hòm thư góp ý\n",
    );
    const first = await prepareIntake(request(csv));
    expect(first.duplicates.map((row) => row.row)).toEqual([2]);
    expect(first.messages.find((message) => message.startsWith("so.csv: dòng 2:"))).toMatch(
      new RegExp(`^so\\.csv: dòng 2: trùng với tệp \\S*content/${own.path} chưa nộp \\(cùng đơn vị, ngày và tiêu đề\\): không ghi lại; hãy nộp tệp đó`),
    );
    const { submission } = await writeIntake(first);
    const branch = submission?.branch as string;

    // Both files leave the working folder (git clean): the hand-written one is no twin any more, the submitted one is still recorded.
    repo.git("clean", "-fdq", "content/observations/2026/11");
    const again = await prepareIntake(request(csv));
    expect(again.accepted.map((row) => row.row)).toEqual([2]);
    expect(again.duplicates.map((row) => row.row)).toEqual([3]);
    expect(again.messages.find((message) => message.startsWith("so.csv: dòng 3:"))).toMatch(
      new RegExp(
        `^so\\.csv: dòng 3: đã có tệp \\S*content/observations/2026/11/xa-ky-hoa/2026-11-21-duong-tran-bi-ngap\\.md trong bài nộp ${branch} \\(đã nhập trước đây\\): không ghi lại$`,
      ),
    );
  });

  it("keeps the files of an import whose branch was made but not pushed, and the same import again pushes that branch", async () => {
    const root = mkdtempSync(join(tmpdir(), "dan-y-server-"));
    const saved = { username: process.env.DAN_Y_GIT_USERNAME, password: process.env.DAN_Y_GIT_PASSWORD };
    process.env.DAN_Y_GIT_USERNAME = "can-bo";
    process.env.DAN_Y_GIT_PASSWORD = "mat-khau";
    const server = await startGitHttpServer(root);
    try {
      repo.git("init", "-q", "--bare", join(root, "kho.git"));
      repo.git("push", "-q", join(root, "kho.git"), "main");
      // Out of reach first: nothing listens on port 9.
      repo.git("remote", "add", "origin", "http://127.0.0.1:9/kho.git");
      const csv = join(repo.dir, "so.csv");
      writeFileSync(
        csv,
        "Ngày;Nội dung;Lĩnh vực;Kênh\n20/11/2026;Người dân phản ánh nhà văn hóa;Văn hóa - xã hội;Hòm thư góp ý\n21/11/2026;Đường tràn bị ngập;Kinh tế;Hòm thư góp ý\n",
      );
      const first = await prepareIntake(request(csv));
      await expect(writeIntake(first)).rejects.toThrow(/^Không đẩy được nhánh "submissions\/xa-ky-hoa\/2026-11-27-/);
      const branch = repo.git("branch", "--list", "--format=%(refname:short)", "submissions/*").trim();
      // The branch holds the files: they stay in the working folder, as a submission's do; no note is left.
      for (const row of first.accepted) expect(existsSync(join(repo.dir, "content", row.file?.path as string))).toBe(true);
      expect(existsSync(join(repo.dir, ".git", "dan-y", "imports")) ? readdirSync(join(repo.dir, ".git", "dan-y", "imports")) : []).toEqual([]);

      repo.git("remote", "set-url", "origin", `${server.url}/kho.git`);
      const again = await prepareIntake(request(csv));
      expect(again.accepted).toEqual([]);
      expect(again.unpushed).toEqual([branch]);
      expect((await writeIntake(again)).pushed).toEqual([branch]);
      expect(repo.git("--git-dir", join(root, "kho.git"), "rev-parse", branch).trim()).toBe(repo.git("rev-parse", branch).trim());
      expect((await prepareIntake(request(csv))).unpushed).toEqual([]);
      expect(repo.git("branch", "--list", "submissions/*").trim().split("\n")).toHaveLength(1);
    } finally {
      await server.close();
      rmSync(root, { recursive: true, force: true });
      for (const [key, value] of [
        ["DAN_Y_GIT_USERNAME", saved.username],
        ["DAN_Y_GIT_PASSWORD", saved.password],
      ] as const)
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
    }
  }, 60_000);
});
