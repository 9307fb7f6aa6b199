/**
 * `dan-y generate --out <dir>`: writes a deterministic content tree (reference
 * lists and units copied from `CONTENT_DIR`, then bodies, observations and
 * reports) for demos, benchmarks and scale tests. Refuses a directory that
 * already holds observations.
 */
import { cpSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type Command, InvalidArgumentError } from "commander";
import type { SurgeRequest } from "../../generate/generate-content.ts";
import { act, examples, isoDate, wholeNumber } from "../command-kit.ts";
import { EXIT, ExitError } from "../errors.ts";
import { progress } from "../progress.ts";

/** The demo province: residential areas and reports in a few communes, one former district. */
export const DEMO = {
  residentialUnder: ["phuong-thanh-sen", "xa-thach-ha", "xa-ky-anh", "xa-huong-son"],
  reportingUnits: ["phuong-thanh-sen", "xa-thach-ha", "xa-ky-anh", "xa-huong-son", "huyen-ky-anh"],
};

interface GenerateOptions {
  out: string;
  observations: number;
  seed: number;
  from: string;
  to: string;
  surge: SurgeRequest[];
  truth?: string;
}

/** `--surge subtopic:quy-hoach@2026-05:3x3`: a topic rising in k communes (picked with the seed) in a month by a factor. */
function surgeOption(value: string, previous: SurgeRequest[]): SurgeRequest[] {
  const match = /^(subtopic|tag):([a-z0-9-]+)@(\d{4}-\d{2}):(\d+)x(\d+(?:\.\d+)?)$/.exec(value);
  if (!match)
    throw new InvalidArgumentError(`cần dạng <subtopic|tag>:<mã>@<yyyy-mm>:<số-xã>x<hệ-số>, ví dụ subtopic:quy-hoach@2026-05:3x3; nhận được "${value}".`);
  const [, kind, id, month, communes, factor] = match as unknown as [string, "subtopic" | "tag", string, string, string, string];
  return [...previous, { topic: { kind, id }, month, units: Number(communes), factor: Number(factor) }];
}

async function generate(options: GenerateOptions): Promise<void> {
  const { contentDir, listContentPaths, readContentFiles } = await import("../../adapters/content-files.ts");
  const { writeTextFile } = await import("../../adapters/write-yaml.ts");
  const { loadContent } = await import("../../core/content/load-content.ts");
  const { REFERENCE_FILES } = await import("../../core/content/paths.ts");
  const { generateContentWithTruth } = await import("../../generate/generate-content.ts");
  const out = options.out;
  if (existsSync(join(out, "observations"))) throw new ExitError(`Thư mục ${out} đã có observations/: không ghi đè nội dung đã có`, EXIT.problems);

  const source = contentDir();
  const paths = listContentPaths(source).filter((path) => path in REFERENCE_FILES || path.startsWith("units/"));
  const { model } = loadContent(readContentFiles(source, paths));
  mkdirSync(out, { recursive: true });
  if (join(out) !== join(source)) {
    for (const path of paths) cpSync(join(source, path), join(out, path), { force: false });
  }
  const started = performance.now();
  const { files, planted } = generateContentWithTruth(model, {
    seed: options.seed,
    observations: options.observations,
    from: options.from,
    to: options.to,
    ...DEMO,
    surges: options.surge,
  });
  // The planted surges are the truth hot-spot detection is measured against; they stay outside the content tree.
  if (options.truth) writeFileSync(options.truth, `${JSON.stringify(planted, null, 2)}\n`);
  const bar = progress("Ghi tệp", files.length, "tệp");
  for (const file of files) {
    writeTextFile(join(out, file.path), file.text);
    bar.advance();
  }
  bar.stop();
  console.log(`Đã sinh ${files.length.toLocaleString("vi-VN")} tệp vào ${out} trong ${((performance.now() - started) / 1000).toFixed(1)} giây.`);
}

export function register(program: Command): void {
  const command = program
    .command("generate")
    .summary("sinh nội dung giả lập để trình diễn, đo tốc độ")
    .description(
      "Sinh một kho nội dung giả lập, lần nào cũng như nhau (danh mục và đơn vị chép từ thư mục nội dung hiện tại, rồi cơ quan, thông tin và báo cáo) để trình diễn, đo tốc độ và thử quy mô lớn. Không ghi vào thư mục đã có observations/.",
    )
    .requiredOption("--out <thư-mục>", "nơi ghi nội dung sinh ra")
    .option("--observations <số>", "số thông tin cần sinh", wholeNumber(0), 1000)
    .option("--seed <số>", "hạt giống ngẫu nhiên: cùng hạt giống thì cùng nội dung", wholeNumber(0), 1)
    .option("--from <ngày>", "ngày sớm nhất của thông tin", isoDate, "2025-01-02")
    .option("--to <ngày>", "ngày muộn nhất của thông tin", isoDate, "2026-11-26")
    .option("--surge <chủ-đề>", "cài một đợt tăng: <subtopic|tag>:<mã>@<tháng>:<số-xã>x<hệ-số> (lặp lại được)", surgeOption, [])
    .option("--truth <tệp>", "ghi các đợt tăng đã cài (JSON) vào tệp này, ngoài thư mục nội dung");
  command.action(act(generate));
  examples(command, [
    ["npx dan-y generate --out /tmp/noi-dung", "sinh 1.000 thông tin vào /tmp/noi-dung"],
    ["npx dan-y generate --out /tmp/lon --observations 100000", "sinh 100.000 thông tin để đo tốc độ"],
    ["npx dan-y generate --out /tmp/khac --seed 7", "một bộ nội dung khác (hạt giống 7)"],
    ["npx dan-y generate --out /tmp/2026 --from 2026-01-01 --to 2026-06-30", "chỉ sinh thông tin trong nửa đầu năm 2026"],
    [
      "npx dan-y generate --out /tmp/nong --observations 10000 --surge subtopic:quy-hoach@2026-05:3x3 --truth /tmp/nong.json",
      "cài một đợt tăng để thử phát hiện điểm nóng",
    ],
  ]);
}
