import { spawnSync } from "node:child_process";
import { cpSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { testdir } from "../../test-support/testdir.ts";

function demoCopy(): string {
  const folder = testdir({}, "dan-y-draft-");
  cpSync(join(import.meta.dirname, "..", "..", "..", "content"), join(folder, "content"), { recursive: true });
  return folder;
}

const run = (folder: string, script: string, ...args: string[]) =>
  spawnSync(process.execPath, [join(import.meta.dirname, "..", "..", "..", "bin", "dan-y.js"), script, ...args], {
    cwd: folder,
    env: { ...process.env, CONTENT_DIR: "content" },
    encoding: "utf8",
  });

it("drafts a valid consolidated report in the plan's outline, then refuses to overwrite it", () => {
  const folder = demoCopy();
  const args = ["draft", "--unit", "ha-tinh", "--organisation", "hoi-phu-nu", "--period", "2026-q3", "--date", "2026-09-18", "--today", "2026-11-27"];
  const first = run(folder, "report", ...args);
  expect(first.stderr).toBe("");
  expect(first.status).toBe(0);
  const text = readFileSync(join(folder, "content/reports/2026-q3/ha-tinh/hoi-phu-nu.md"), "utf8");
  expect(text).toContain("title: Báo cáo tình hình Nhân dân quý III/2026 — Tỉnh Hà Tĩnh");
  for (const heading of ["## I. Lĩnh vực kinh tế", "## VI. Những vụ việc nổi cộm, bức xúc ở địa phương", "## VII. Kiến nghị, đề xuất"])
    expect(text).toContain(heading);
  // The province's MTTQ quarterly report of the same period is a member body's report in the window.
  expect(text).toContain("- 2026-q3/ha-tinh/mttq");
  expect(text).toMatch(/observations:\n(?: {4}- .+\n)+/);

  const check = run(folder, "check", "--today", "2026-11-27");
  expect(check.stderr).toBe("");
  expect(check.status).toBe(0);

  const again = run(folder, "report", ...args);
  expect(again.status).toBe(1);
  expect(again.stderr).toContain("đã có: không ghi đè");
  expect(readFileSync(join(folder, "content/reports/2026-q3/ha-tinh/hoi-phu-nu.md"), "utf8")).toBe(text);
});

it("names a wrong period in Vietnamese", () => {
  const result = run(demoCopy(), "report", "draft", "--unit", "ha-tinh", "--organisation", "mttq", "--period", "2026-q5");
  expect(result.status).toBe(2);
  expect(result.stderr).toContain('Kỳ "2026-q5" không hợp lệ');
});
