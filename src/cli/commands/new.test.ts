import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, expect, it } from "vitest";
import { minimalContent } from "../../test-support/content-fixtures.ts";

const BIN = join(import.meta.dirname, "..", "..", "..", "bin", "dan-y.js");
const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function tree(): string {
  const folder = mkdtempSync(join(tmpdir(), "dan-y-new-"));
  folders.push(folder);
  for (const [path, text] of Object.entries(minimalContent())) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), text);
  }
  return folder;
}

const ARGS = [
  "observation",
  "--unit",
  "xa-ky-hoa",
  "--organisation",
  "hoi-phu-nu",
  "--field",
  "van-hoa-xa-hoi",
  "--subtopics",
  "y-te-dan-so",
  "--channel",
  "duong-day-nong",
  "--urgency",
  "dot-xuat",
  "--title",
  "Trạm y tế thiếu bác sĩ trực đêm",
  "--date",
  "2026-11-01",
];
const run = (folder: string, args: string[]) =>
  spawnSync(process.execPath, [BIN, "new", ...args], { env: { ...process.env, CONTENT_DIR: folder }, encoding: "utf8", input: "" });

it("creates a valid observation in its folder, then refuses to overwrite it", () => {
  const folder = tree();
  const first = run(folder, [...ARGS, "--body", "Người dân phản ánh trạm y tế không có bác sĩ trực đêm."]);
  expect(first.stderr).toBe("");
  expect(first.status).toBe(0);
  const path = join(folder, "observations/2026/11/xa-ky-hoa/2026-11-01-tram-y-te-thieu-bac-si-truc-dem.md");
  const text = readFileSync(path, "utf8");
  expect(text).toContain("status: moi");
  expect(text).toContain("Người dân phản ánh trạm y tế");
  const check = spawnSync(process.execPath, [BIN, "check"], { env: { ...process.env, CONTENT_DIR: folder }, encoding: "utf8" });
  expect(check.status).toBe(0);

  const second = run(folder, [...ARGS, "--body", "Nội dung khác."]);
  expect(second.status).toBe(1);
  expect(second.stderr).toContain("đã có: không ghi đè");
  expect(readFileSync(path, "utf8")).toBe(text);
});

it("refuses invalid content without writing, with the check's message", () => {
  const folder = tree();
  const result = run(folder, [...ARGS, "--body", "Liên hệ 0912 345 678."]);
  expect(result.status).toBe(1);
  expect(result.stderr).toContain("Chưa tạo tệp vì nội dung chưa hợp lệ");
  expect(result.stderr).toContain('Không được ghi số điện thoại hoặc số giấy tờ ("0912 345 678")');
});

it("asks for missing flags only on a terminal, else names them", () => {
  const result = run(tree(), ["observation", "--unit", "xa-ky-hoa"]);
  expect(result.status).toBe(2);
  expect(result.stderr).toContain("Thiếu --organisation (Tổ chức)");
});
