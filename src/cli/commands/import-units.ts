/**
 * `npm run import-units -- <before.json> <after.json>`: writes `units/*.yaml` of the
 * content directory from the administrative lists (see `shared/data/vn-admin`).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { contentDir } from "../../adapters/content-files.ts";
import { toYaml, writeTextFile } from "../../adapters/write-yaml.ts";
import { importUnits } from "../../core/content/admin-import.ts";
import { EXIT, ExitError } from "../errors.ts";
import { runCommand } from "../run-command.ts";

await runCommand(async ([beforePath, afterPath, ...rest]) => {
  if (!beforePath || !afterPath || rest.length > 0) {
    throw new ExitError("Cách dùng: npm run import-units -- <danh-muc-truoc.json> <danh-muc-sau.json>", EXIT.usage);
  }
  const read = (path: string) => {
    try {
      return JSON.parse(readFileSync(path, "utf8"));
    } catch (error) {
      throw new ExitError(`Không đọc được ${path}: ${(error as Error).message}`, EXIT.usage);
    }
  };
  const units = importUnits(read(beforePath), read(afterPath));
  for (const { id, ...unit } of units) writeTextFile(join(contentDir(), "units", `${id}.yaml`), toYaml(unit), true);
  console.log(`Đã ghi ${units.length} đơn vị vào ${join(contentDir(), "units")}.`);
});
