/** `dan-y check` as users run it: real files in a temp folder, the real command, its output and exit code. */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { minimalContent, VALID_OBSERVATION, VALID_OBSERVATION_PATH } from "../../test-support/content-fixtures.ts";
import { testdir } from "../../test-support/testdir.ts";

const BIN = join(import.meta.dirname, "..", "..", "..", "bin", "dan-y.js");

/** Writes the minimal tree plus changes into a temp folder; returns the folder. */
function contentTree(changes: Record<string, string | Uint8Array | null> = {}): string {
  const folder = testdir({}, "dan-y-check-");
  const tree: Record<string, string | Uint8Array | null> = { ...minimalContent(), ...changes };
  for (const [path, text] of Object.entries(tree)) {
    if (text === null) continue;
    mkdirSync(dirname(join(folder, "content", path)), { recursive: true });
    writeFileSync(join(folder, "content", path), text);
  }
  return folder;
}

function runCheck(folder: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, "check", "--today", "2026-11-27", "--quiet", ...args], {
    cwd: folder,
    env: { ...process.env, CONTENT_DIR: "content" },
    encoding: "utf8",
    timeout: 30_000,
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

const OBS = `content/${VALID_OBSERVATION_PATH}`;
const withObservation = (text: string | Uint8Array) => contentTree({ [VALID_OBSERVATION_PATH]: text });
const replaceInObservation = (from: string, to: string) => withObservation(VALID_OBSERVATION.replace(from, to));

/** Runs the check on a folder (or takes a finished run) and expects exactly this refusal among its lines. */
function expectRefused(run: string | ReturnType<typeof runCheck>, location: string, message: string) {
  const result = typeof run === "string" ? runCheck(run) : run;
  expect(result.code).toBe(1);
  expect(result.err).toContain(`${location}  lỗi  ${message}`);
  expect(result.err).not.toMatch(/\n\s+at /);
}

describe("dan-y check", () => {
  it("accepts a valid tree with exit 0", () => {
    const result = runCheck(contentTree());
    expect(result.err).toBe("");
    expect(result.out).toContain("không có lỗi");
    expect(result.code).toBe(0);
  });

  it("accepts the bundled demo province", () => {
    const result = spawnSync(process.execPath, [BIN, "check", "--today", "2026-11-27"], {
      cwd: join(import.meta.dirname, "..", "..", ".."),
      encoding: "utf8",
      env: { ...process.env, CONTENT_DIR: "" },
    });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Thông tin nắm được: \d+/);
  });

  it("refuses malformed YAML", () => {
    expectRefused(replaceInObservation("location: Thôn Trung Hòa", 'location: "Thôn Trung Hòa'), `${OBS}:25:29`, "Thiếu ký tự đóng (dấu ngoặc hoặc dấu nháy)");
  });

  it("refuses a missing closing ---", () => {
    expectRefused(
      withObservation(VALID_OBSERVATION.replace("confidentiality: binh-thuong\n---", "confidentiality: binh-thuong\n")),
      `${OBS}:1:1`,
      "Thiếu dòng --- đóng phần đầu YAML",
    );
  });

  it("refuses front matter that is a list", () => {
    expectRefused(withObservation("---\n- a\n- b\n---\nNội dung\n"), `${OBS}:2:1`, "Phần đầu phải là các cặp khóa: giá trị; nhận được một danh sách");
  });

  it("refuses front matter that is a scalar", () => {
    expectRefused(
      withObservation("---\nxin chào\n---\nNội dung\n"),
      `${OBS}:2:1`,
      "Phần đầu phải là các cặp khóa: giá trị; nhận được một giá trị đơn (string)",
    );
  });

  it("refuses duplicated keys", () => {
    expectRefused(
      replaceInObservation("unit: xa-ky-hoa\n", "unit: xa-ky-hoa\nunit: ha-tinh\n"),
      `${OBS}:6:1`,
      "Khóa bị lặp lại: mỗi khóa chỉ được khai báo một lần",
    );
  });

  it.each(["js", "javascript"])("never evaluates ---%s front matter", (language) => {
    const folder = contentTree();
    const marker = join(folder, "evaluated");
    writeFileSync(
      join(folder, "content", VALID_OBSERVATION_PATH),
      `---${language}\n{ title: require("fs").writeFileSync(${JSON.stringify(marker)}, "x") }\n---\nNội dung\n`,
    );
    expectRefused(
      runCheck(folder),
      `${OBS}:1:4`,
      `Phần đầu chỉ được viết bằng YAML; không chấp nhận "---${language}" (mã trong phần đầu không bao giờ được chạy)`,
    );
    expect(existsSync(marker)).toBe(false);
  });

  it("refuses a YAML alias bomb quickly, without expanding it", () => {
    const bomb = [
      "a: &a [x, x, x, x, x, x, x, x, x]",
      ...Array.from(
        { length: 9 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9)
            .fill(`*${String.fromCharCode(97 + i)}`)
            .join(", ")}]`,
      ),
    ].join("\n");
    const started = Date.now();
    const result = runCheck(withObservation(`---\n${bomb}\n---\nNội dung\n`));
    expect(Date.now() - started).toBeLessThan(20_000);
    expectRefused(result, `${OBS}:2:7`, "Không dùng neo và bí danh YAML (&…, *…) trong nội dung: hãy viết giá trị đầy đủ");
  });

  it("refuses a date written as dd/mm/yyyy with a hint to ISO", () => {
    expectRefused(
      replaceInObservation("observed_on: 2026-03-14", "observed_on: 14/03/2026"),
      `${OBS}:3:14`,
      'Trường "observed_on": Ngày phải viết theo dạng năm-tháng-ngày (ISO), ví dụ 2026-03-14; nhận được "14/03/2026"',
    );
  });

  it("refuses a date that is not on the calendar", () => {
    expectRefused(
      replaceInObservation("recorded_on: 2026-03-15", "recorded_on: 2026-02-30"),
      `${OBS}:4:14`,
      'Trường "recorded_on": Ngày không có thật trên lịch: "2026-02-30"',
    );
  });

  it("refuses a file that is not UTF-8", () => {
    const latin1 = Buffer.from(VALID_OBSERVATION.replace("Tuyến đường", "Tuy\u00e9n"), "latin1");
    expectRefused(withObservation(latin1), `${OBS}:2:1`, "Tệp không phải văn bản UTF-8: hãy lưu lại với bảng mã UTF-8");
  });

  it("accepts a UTF-8 BOM", () => {
    expect(runCheck(withObservation(`\uFEFF${VALID_OBSERVATION}`)).code).toBe(0);
  });

  it("accepts CRLF line ends", () => {
    const result = runCheck(withObservation(VALID_OBSERVATION.replace(/\n/g, "\r\n")));
    expect(result.err).toBe("");
    expect(result.code).toBe(0);
  });

  it("flags Vietnamese in NFD form", () => {
    expectRefused(
      withObservation(VALID_OBSERVATION.replace("Người dân phản ánh", "Người dân phản ánh".normalize("NFD"))),
      `${OBS}:2:10`,
      "Chữ tiếng Việt đang ở dạng tổ hợp (NFD): hãy lưu lại ở dạng dựng sẵn (NFC) để tìm kiếm và hiển thị đúng",
    );
  });

  it("refuses .mdx and other non-.md files where content is expected", () => {
    const result = runCheck(
      contentTree({ "observations/2026/03/xa-ky-hoa/2026-03-15-bai-viet.mdx": VALID_OBSERVATION, "observations/2026/03/xa-ky-hoa/ghi-chu.txt": "x" }),
    );
    expect(result.code).toBe(1);
    expect(result.err).toContain(
      'content/observations/2026/03/xa-ky-hoa/2026-03-15-bai-viet.mdx:1:1  lỗi  Tệp "2026-03-15-bai-viet.mdx" có phần mở rộng không được chấp nhận ở đây: cần .md (không chấp nhận .mdx vì MDX chạy được mã)',
    );
    expect(result.err).toContain(
      'content/observations/2026/03/xa-ky-hoa/ghi-chu.txt:1:1  lỗi  Tệp "ghi-chu.txt" có phần mở rộng không được chấp nhận ở đây: cần .md',
    );
  });

  it("refuses raw HTML script in a body", () => {
    expectRefused(
      replaceInObservation("Bà con đề nghị", "<script>alert(1)</script>\n\nBà con đề nghị"),
      `${OBS}:30:1`,
      'Không được dùng mã HTML "<script" trong nội dung (kể cả khi viết dạng mã hóa như &#115; hay chèn dấu cách, tab): chỉ viết văn bản Markdown thông thường',
    );
  });

  it("refuses an empty file", () => {
    expectRefused(withObservation(""), `${OBS}:1:1`, "Tệp rỗng: cần phần đầu YAML giữa hai dòng --- và nội dung Markdown");
  });

  it("refuses a file over 1 MB without reading it", () => {
    const text = `${VALID_OBSERVATION}${"a".repeat(1024 * 1024)}`;
    const size = Buffer.byteLength(text).toLocaleString("vi-VN");
    expectRefused(withObservation(text), `${OBS}:1:1`, `Tệp quá lớn: ${size} byte, tối đa 1 MB`);
  });

  it("refuses a symlink", () => {
    const folder = contentTree({ [VALID_OBSERVATION_PATH]: null });
    mkdirSync(dirname(join(folder, "content", VALID_OBSERVATION_PATH)), { recursive: true });
    symlinkSync("/etc/passwd", join(folder, "content", VALID_OBSERVATION_PATH));
    const result = runCheck(folder);
    expect(result.code).toBe(1);
    expect(result.err).toContain(`${OBS}:1:1  lỗi  Không chấp nhận liên kết tượng trưng (symlink): hãy đặt tệp thật vào đây`);
  });

  it.each([
    ["a space", "observations/2026/03/xa-ky-hoa/2026-03-14-duong lien thon.md", 'Tên "2026-03-14-duong lien thon.md" chứa dấu cách; hãy dùng dấu gạch ngang'],
    ["diacritics", "observations/2026/03/xã-kỳ-hoa/2026-03-14-duong.md", 'Tên "xã-kỳ-hoa" chứa chữ có dấu; hãy viết không dấu (ví dụ: xa-ky-hoa)'],
  ])("refuses a path with %s", (_, path, message) => {
    const result = runCheck(contentTree({ [path]: VALID_OBSERVATION }));
    expect(result.code).toBe(1);
    expect(result.err).toContain(`content/${path}:1:1  lỗi  ${message}`);
  });

  it("refuses unknown keys with a suggestion", () => {
    expectRefused(replaceInObservation("urgency:", "urgncy: khan\nurgency:"), `${OBS}:10:1`, 'Khóa "urgncy" không có trong mẫu. Có phải ý bạn là "urgency"?');
  });

  it("refuses any key for a complainant's identity", () => {
    expectRefused(
      replaceInObservation("urgency:", "nguoi_to_cao: Nguyễn Văn A\nurgency:"),
      `${OBS}:10:1`,
      'Khóa "nguoi_to_cao" không được phép. Không được ghi danh tính',
    );
  });

  it("refuses an unknown enum value with a suggestion", () => {
    expectRefused(
      replaceInObservation("urgency: thuong-xuyen", "urgency: thuong-xuyn"),
      `${OBS}:10:10`,
      'Mức độ "thuong-xuyn" không có trong urgencies.yaml (có: thuong-xuyen, dot-xuat, khan). Có phải ý bạn là "thuong-xuyen"?',
    );
  });

  it("prints JSON with --format json", () => {
    const result = runCheck(replaceInObservation("field: kinh-te", "field: kinh-tee"), "--format", "json");
    expect(result.code).toBe(1);
    expect(JSON.parse(result.out)).toEqual([
      { file: OBS, line: 7, column: 8, rule: "references", message: expect.stringContaining('Lĩnh vực "kinh-tee" không có trong fields.yaml') },
    ]);
  });

  it("prints GitHub annotations with --format github", () => {
    const result = runCheck(replaceInObservation("field: kinh-te", "field: kinh-tee"), "--format", "github");
    expect(result.code).toBe(1);
    expect(result.out).toMatch(new RegExp(`^::error file=${OBS.replace(/[.]/g, "\\.")},line=7,col=8,title=references::Lĩnh vực "kinh-tee"`));
  });

  it("answers a wrong option with usage and exit 2", () => {
    const result = runCheck(contentTree(), "--format", "xml");
    expect(result.code).toBe(2);
    expect(result.err).toContain('Định dạng "xml" không hỗ trợ');
  });
});

describe("dan-y check --rules", () => {
  it("lists every rule, entry rules included, in Vietnamese", () => {
    const result = spawnSync(process.execPath, [BIN, "check", "--rules"], { encoding: "utf8" });
    expect(result.status).toBe(0);
    const ids = result.stdout
      .trim()
      .split("\n")
      .map((line) => line.split(":")[0]);
    expect(ids).toEqual([
      "control-characters",
      "personal-data",
      "identity-names",
      "social-links",
      "house-address",
      "unsafe-html",
      "markdown-shape",
      "sealed-text",
      "reference-lists",
      "unit-tree",
      "bodies",
      "location",
      "references",
      "dates",
      "follow-up",
      "merged-units",
      "related",
      "consolidation",
      "report-recipients",
      "ad-hoc-requests",
      "sealed-recipients",
      "sealed-contacts",
    ]);
  });
});

describe("dan-y check on an ad-hoc request", () => {
  it("reports a request naming a unit that does not exist at its file and line, exit 1", () => {
    const content = testdir(minimalContent());
    mkdirSync(join(content, "requests"), { recursive: true });
    writeFileSync(
      join(content, "requests", "2026-11-23-mua-lu.yaml"),
      "title: Tình hình sau mưa lũ\nrequested_by: ha-tinh/mttq\nabout: Cứu trợ.\nissued_on: 2026-11-23\ndue: 2026-12-03\nbodies: [xa-khong-co/mttq]\n",
    );
    const result = spawnSync(process.execPath, [BIN, "check", "--quiet", "--today", "2026-11-27"], {
      encoding: "utf8",
      env: { ...process.env, CONTENT_DIR: content },
    });
    expect(result.status).toBe(1);
    expect(result.stdout + result.stderr).toContain(
      `requests/2026-11-23-mua-lu.yaml:6:10  lỗi  Cơ quan "xa-khong-co/mttq": không có đơn vị "xa-khong-co" trong content/units/.  [ad-hoc-requests]`,
    );
  });
});
