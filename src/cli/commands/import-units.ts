/**
 * `dan-y import-units <before.json> <after.json>`: writes `units/*.yaml` of the
 * content directory from the administrative lists (see `shared/data/vn-admin`).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { act, examples } from "../command-kit.ts";
import { EXIT, ExitError } from "../errors.ts";
import { progress } from "../progress.ts";

async function importUnitLists(beforePath: string, afterPath: string): Promise<void> {
  const { contentDir } = await import("../../adapters/content-files.ts");
  const { toYaml, writeTextFile } = await import("../../adapters/write-yaml.ts");
  const { importUnits } = await import("../../core/content/admin-import.ts");
  const read = (path: string) => {
    try {
      return JSON.parse(readFileSync(path, "utf8"));
    } catch (error) {
      throw new ExitError(`Không đọc được ${path}: ${(error as Error).message}`, EXIT.usage);
    }
  };
  const units = importUnits(read(beforePath), read(afterPath));
  const bar = progress("Ghi đơn vị", units.length, "tệp");
  for (const { id, ...unit } of units) {
    writeTextFile(join(contentDir(), "units", `${id}.yaml`), toYaml(unit), true);
    bar.advance();
  }
  bar.stop();
  console.log(`Đã ghi ${units.length} đơn vị vào ${join(contentDir(), "units")}.`);
}

export function register(program: Command): void {
  const command = program
    .command("import-units")
    .summary("nhập danh mục đơn vị hành chính từ JSON")
    .description(
      "Nhập danh mục đơn vị hành chính: từ danh mục trước và sau sắp xếp (tệp JSON), ghi units/*.yaml của thư mục nội dung, kèm quan hệ sáp nhập (merged_into) và ngày hiệu lực.",
    )
    .argument("<danh-mục-trước.json>", "danh mục đơn vị hành chính trước khi sắp xếp")
    .argument("<danh-mục-sau.json>", "danh mục đơn vị hành chính sau khi sắp xếp");
  command.action(act(importUnitLists));
  examples(command, [
    [
      "npx dan-y import-units /work/shared/data/vn-admin/ha-tinh-truoc-2025-07.json /work/shared/data/vn-admin/ha-tinh-tu-2025-07.json",
      "ghi lại units/ của Hà Tĩnh từ hai danh mục",
    ],
    ["CONTENT_DIR=/tmp/noi-dung npx dan-y import-units truoc.json sau.json", "ghi vào một thư mục nội dung khác"],
  ]);
}
