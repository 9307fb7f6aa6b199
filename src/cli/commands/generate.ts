/**
 * `npm run generate -- --out <dir> [--observations N] [--seed S] [--demo]`:
 * writes a deterministic content tree (reference lists and units copied from
 * `CONTENT_DIR`, then bodies, observations and reports) for demos, benchmarks
 * and scale tests. Refuses a directory that already holds observations.
 */
import { cpSync, existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { contentDir, listContentPaths, readContentFiles } from "../../adapters/content-files.ts";
import { writeTextFile } from "../../adapters/write-yaml.ts";
import { loadContent } from "../../core/content/load-content.ts";
import { REFERENCE_FILES } from "../../core/content/paths.ts";
import { generateContent } from "../../generate/generate-content.ts";
import { EXIT, ExitError } from "../errors.ts";
import { runCommand } from "../run-command.ts";

/** The demo province: residential areas and reports in a few communes, one former district. */
export const DEMO = {
  residentialUnder: ["phuong-thanh-sen", "xa-thach-ha", "xa-ky-anh", "xa-huong-son"],
  reportingUnits: ["phuong-thanh-sen", "xa-thach-ha", "xa-ky-anh", "xa-huong-son", "huyen-ky-anh"],
};

await runCommand(async (argv) => {
  const { values } = parseArgs({
    args: argv,
    options: {
      out: { type: "string" },
      observations: { type: "string", default: "1000" },
      seed: { type: "string", default: "1" },
      from: { type: "string", default: "2025-01-02" },
      to: { type: "string", default: "2026-11-26" },
    },
  });
  if (!values.out) throw new ExitError("Cần --out <thư-mục>: nơi ghi nội dung sinh ra", EXIT.usage);
  const count = Number(values.observations);
  if (!Number.isInteger(count) || count < 0) throw new ExitError(`--observations cần số nguyên không âm; nhận được "${values.observations}"`, EXIT.usage);
  const out = values.out;
  if (existsSync(join(out, "observations"))) throw new ExitError(`Thư mục ${out} đã có observations/: không ghi đè nội dung đã có`, EXIT.problems);

  const source = contentDir();
  const paths = listContentPaths(source).filter((path) => path in REFERENCE_FILES || path.startsWith("units/"));
  const { model } = loadContent(readContentFiles(source, paths));
  mkdirSync(out, { recursive: true });
  if (join(out) !== join(source)) {
    for (const path of paths) cpSync(join(source, path), join(out, path), { force: false });
  }
  const started = performance.now();
  const files = generateContent(model, { seed: Number(values.seed), observations: count, from: values.from, to: values.to, ...DEMO });
  for (const file of files) writeTextFile(join(out, file.path), file.text);
  console.log(`Đã sinh ${files.length.toLocaleString("vi-VN")} tệp vào ${out} trong ${((performance.now() - started) / 1000).toFixed(1)} giây.`);
});
