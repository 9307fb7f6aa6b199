/** `dan-y codeowners`: writes CODEOWNERS (who reviews which paths on a forge) from the units and bodies data. */
import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import { act, examples } from "../command-kit.ts";

interface CodeownersOptions {
  organisation: string;
  admins: string;
  out: string;
}

async function writeCodeowners(options: CodeownersOptions): Promise<void> {
  const { contentDir, listContentPaths, readContentFiles } = await import("../../adapters/content-files.ts");
  const { codeowners } = await import("../../core/units/codeowners.ts");
  const { loadContent } = await import("../../core/content/load-content.ts");
  const directory = contentDir();
  const paths = listContentPaths(directory).filter((path) => !path.startsWith("observations/") && !path.startsWith("reports/"));
  const { model } = loadContent(readContentFiles(directory, paths));
  const text = codeowners(model, { contentPath: directory, organisation: options.organisation, adminTeam: options.admins });
  writeFileSync(options.out, text);
  console.log(`Đã ghi ${options.out}: ${text.split("\n").length - 1} dòng cho ${model.bodies.size} cơ quan.`);
}

export function register(program: Command): void {
  const command = program
    .command("codeowners")
    .summary("viết CODEOWNERS từ dữ liệu cơ quan")
    .description("Viết tệp CODEOWNERS từ dữ liệu đơn vị và cơ quan: máy chủ Git (GitHub, Gitea…) sẽ yêu cầu đúng cơ quan cấp trên duyệt từng thư mục.")
    .option("--organisation <@tổ-chức>", "tên tổ chức trên máy chủ Git, đứng trước tên nhóm", "@dan-y")
    .option("--admins <nhóm>", "nhóm quản trị viên duyệt dữ liệu danh mục (đơn vị, cơ quan)", "quan-tri")
    .option("--out <tệp>", "nơi ghi tệp", ".github/CODEOWNERS");
  command.action(act(writeCodeowners));
  examples(command, [
    ["npx dan-y codeowners", "ghi .github/CODEOWNERS với tổ chức @dan-y"],
    ["npx dan-y codeowners --organisation @mttq-ha-tinh --admins quan-tri-vien", "dùng tên tổ chức và nhóm quản trị riêng"],
    ["npx dan-y codeowners --out CODEOWNERS", "ghi ra tệp ở thư mục gốc"],
  ]);
}
