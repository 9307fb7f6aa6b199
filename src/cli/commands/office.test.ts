/** `dan-y import` and `dan-y report docx` as users run them (the real bin, in a real repository). */
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createRepository, PEOPLE, type Repository } from "../../test-support/git-fixture.ts";

let repo: Repository;
beforeEach(() => {
  repo = createRepository();
});
afterEach(() => repo.remove());

const LOG =
  "\uFEFFNgày;Nội dung;Lĩnh vực;Kênh;Mức độ;Số điện thoại\n14/11/2026;Bà con thôn Trung Hòa đề nghị sửa cống thoát nước;Kinh tế;Đường dây nóng;;0912 345 678\n15/11/2026;Nhà văn hóa thôn dột nát;Văn hóa - xã hội;Đường giây nóng;Khẩn;\n";

describe("dan-y import", () => {
  it("previews and writes nothing without --yes when it cannot ask; with --yes writes one submission", () => {
    const file = join(repo.dir, "so.csv");
    writeFileSync(file, LOG);
    const dry = repo.run("import", file, "--unit", "xa-ky-hoa", "--organisation", "mttq", "--as", PEOPLE.communeMttq);
    expect(dry.status).toBe(1);
    expect(dry.stdout).toContain("Xem trước các dòng sẽ ghi:");
    expect(dry.stdout).toContain('cột "Số điện thoại" (F) là thông tin cá nhân của người phản ánh: không đọc và không ghi');
    expect(dry.stdout).toContain('so.csv: dòng 3, cột "Kênh": không có kênh "Đường giây nóng". Có phải ý bạn là');
    expect(dry.stdout).toContain("Tổng cộng: 1 dòng hợp lệ sẽ ghi, 1 dòng bị từ chối, 0 dòng trùng (không ghi lại).");
    expect(dry.stdout).toContain("Chưa ghi gì. Chạy lại với --yes");
    expect(repo.git("status", "--porcelain", "content")).toBe("");

    const done = repo.run("import", file, "--unit", "xa-ky-hoa", "--organisation", "mttq", "--as", PEOPLE.communeMttq, "--yes");
    expect(done.stderr).toBe("");
    expect(done.stdout).toMatch(/Đã ghi 1 thông tin và nộp trên nhánh submissions\/xa-ky-hoa\/2026-11-27-/);
    expect(repo.git("branch", "--list", "submissions/*").trim().split("\n")).toHaveLength(1);
    const again = repo.run("import", file, "--unit", "xa-ky-hoa", "--organisation", "mttq", "--as", PEOPLE.communeMttq, "--yes");
    expect(again.stdout).toContain("Tổng cộng: 0 dòng hợp lệ sẽ ghi, 1 dòng bị từ chối, 1 dòng trùng (không ghi lại).");
    expect(repo.git("branch", "--list", "submissions/*").trim().split("\n")).toHaveLength(1);
  });

  it("names the unknown unit and the missing file type", () => {
    const file = join(repo.dir, "so.xls");
    writeFileSync(file, "x");
    expect(repo.run("import", file, "--unit", "xa-ky-hoa", "--organisation", "mttq", "--as", PEOPLE.communeMttq).stderr).toContain(
      "chỉ nhập được tệp .xlsx hoặc .csv",
    );
    const unknown = repo.run("import", join(repo.dir, "so.csv"), "--unit", "xa-khong-co", "--organisation", "mttq", "--as", PEOPLE.communeMttq);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('Không có đơn vị "xa-khong-co" trong units/');
  });
});

describe("dan-y report docx", () => {
  it("writes a report, and a draft when there is no report yet, never over an existing file", () => {
    const out = join(repo.dir, "bao-cao.docx");
    const written = repo.run("report", "docx", "2026-03/xa-ky-hoa/mttq", "--out", out);
    expect(written.stderr).toBe("");
    expect(written.stdout).toContain(`Đã ghi báo cáo 2026-03/xa-ky-hoa/mttq thành văn bản Word: ${out}`);
    expect(existsSync(out)).toBe(true);
    const again = repo.run("report", "docx", "2026-03/xa-ky-hoa/mttq", "--out", out);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain("đã có (có thể đã được sửa, ký): chọn --out khác hoặc thêm --force để ghi đè");
    const draft = repo.run("report", "docx", "2026-11/xa-ky-hoa/mttq", "--out", `${repo.dir}/`);
    expect(draft.stdout).toContain("Đã ghi bản nháp báo cáo 2026-11/xa-ky-hoa/mttq");
    expect(existsSync(join(repo.dir, "bao-cao-2026-11-xa-ky-hoa-mttq.docx"))).toBe(true);
    expect(repo.run("report", "docx", "2026-13/xa-ky-hoa").stderr).toContain('"2026-13/xa-ky-hoa" không phải mã báo cáo');
  });
});
