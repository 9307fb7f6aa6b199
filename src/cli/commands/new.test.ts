import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { PassThrough, Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { listContentPaths, readContentFiles } from "../../adapters/content-files.ts";
import { loadContent } from "../../core/content/load-content.ts";
import { minimalContent, toContentFiles } from "../../test-support/content-fixtures.ts";
import { testdir } from "../../test-support/testdir.ts";
import { observationAnswers } from "./new.ts";

const BIN = join(import.meta.dirname, "..", "..", "..", "bin", "dan-y.js");

function tree(): string {
  const folder = testdir({}, "dan-y-new-");
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

describe("on a terminal", () => {
  /** Drives the prompts through a stream as a person at a terminal would, answering each question when it appears. */
  function terminal() {
    const input = new PassThrough();
    let screen = "";
    const output = new Writable({
      write(chunk, _encoding, done) {
        screen += String(chunk);
        done();
      },
    });
    // Each prompt ends its output when answered; a terminal stays open for the next one.
    output.end = (() => output) as typeof output.end;
    return {
      streams: { input, output },
      screen: () => screen,
      async answer(question: string, keys: string[]) {
        for (let waited = 0; !screen.includes(question); waited += 10) {
          if (waited > 10_000) throw new Error(`no question "${question}" on screen:\n${screen}`);
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        for (const key of keys) {
          input.write(key);
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      },
    };
  }
  const DOWN = "\u001b[B";

  it("offers only what the data allows and takes several sub-topics", async () => {
    const model = loadContent(toContentFiles(minimalContent())).model;
    const screen = terminal();
    const answers = observationAnswers(
      model,
      { date: "2026-11-20", title: "Đường liên thôn xuống cấp", body: "Bà con phản ánh đường xuống cấp." },
      "2026-11-27",
      screen.streams,
    );
    await screen.answer("Đơn vị", ["\r"]);
    await screen.answer("Tổ chức", ["\r"]);
    await screen.answer("Lĩnh vực", ["\r"]);
    await screen.answer("Tiểu mục", [" ", DOWN, " ", "\r"]);
    await screen.answer("Kênh nắm thông tin", ["\r"]);
    await screen.answer("Mức độ", [DOWN, DOWN, "\r"]);
    const result = await answers;
    const economy = model.fields.find((field) => field.id === "kinh-te");
    expect(result).toMatchObject({
      unit: "xa-ky-hoa",
      organisation: "mttq",
      field: "kinh-te",
      subtopics: economy?.subtopics.slice(0, 2).map((subtopic) => subtopic.id),
      channel: model.channels[0]?.id,
      urgency: "khan",
      observed_on: "2026-11-20",
      recorded_on: "2026-11-27",
    });
    const shown = screen.screen();
    // Only the commune with a body that existed on the day; only the organisation with a body there.
    expect(shown).toContain("Xã Kỳ Hoa (xa-ky-hoa)");
    expect(shown).not.toContain("xa-ky-hoa-cu");
    expect(shown).not.toContain("Huyện Kỳ Anh");
    expect(shown).not.toContain(model.organisations.find((organisation) => organisation.id === "hoi-phu-nu")?.label);
    // Keys explained in Vietnamese.
    expect(shown).toContain("phím cách chọn");
    expect(shown).not.toMatch(/navigate|submit/);
  });

  it("lets a long list of units be filtered by typing without diacritics", async () => {
    const directory = join(import.meta.dirname, "..", "..", "..", "content");
    const model = loadContent(readContentFiles(directory, listContentPaths(directory))).model;
    const screen = terminal();
    const answers = observationAnswers(
      model,
      { organisation: "mttq", field: "kinh-te", subtopics: "", channel: model.channels[0]?.id as string, urgency: "khan", title: "Thử", body: "Thử." },
      "2026-11-27",
      screen.streams,
    );
    await screen.answer("Đơn vị (gõ để lọc)", [..."xa thach ha", "\r"]);
    expect((await answers).unit).toBe("xa-thach-ha");
    expect(screen.screen()).not.toContain("No results");
  });
});
