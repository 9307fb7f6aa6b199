/**
 * `npm run codeowners -- [--organisation @to-chuc] [--admins quan-tri] [--out .github/CODEOWNERS]`:
 * writes CODEOWNERS from the units and bodies data.
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { contentDir, listContentPaths, readContentFiles } from "../../adapters/content-files.ts";
import { codeowners } from "../../core/units/codeowners.ts";
import { loadContent } from "../../core/content/load-content.ts";
import { runCommand } from "../run-command.ts";

await runCommand(async (argv) => {
  const { values } = parseArgs({
    args: argv,
    options: {
      organisation: { type: "string", default: "@dan-y" },
      admins: { type: "string", default: "quan-tri" },
      out: { type: "string", default: ".github/CODEOWNERS" },
    },
  });
  const directory = contentDir();
  const paths = listContentPaths(directory).filter((path) => !path.startsWith("observations/") && !path.startsWith("reports/"));
  const { model } = loadContent(readContentFiles(directory, paths));
  const text = codeowners(model, { contentPath: directory, organisation: values.organisation, adminTeam: values.admins });
  writeFileSync(values.out, text);
  console.log(`Đã ghi ${values.out}: ${text.split("\n").length - 1} dòng cho ${model.bodies.size} cơ quan.`);
});
