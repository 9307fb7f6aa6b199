/** An intake log that cannot be read (missing, a folder) is refused in Vietnamese with its name, never a crash. */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { RefusalError } from "../core/errors.ts";
import { testdir } from "../test-support/testdir.ts";
import { readSheet } from "./import-sheet-files.ts";

it.each([
  ["so-tiep-nhan.csv", "CSV", "không có tệp này"],
  ["so-tiep-nhan.xlsx", "Excel (.xlsx)", "không có tệp này"],
])("a missing %s is refused, naming it", async (name, kind, why) => {
  const dir = testdir({});
  const path = join(dir, name);
  const refused = readSheet(path);
  await expect(refused).rejects.toBeInstanceOf(RefusalError);
  await expect(refused).rejects.toThrow(`${name}: không đọc được tệp ${kind}: ${why} (${path})`);
});

it("a folder named like a log is refused, not read", async () => {
  const dir = testdir({});
  const path = join(dir, "thang-11.csv");
  mkdirSync(path);
  await expect(readSheet(path)).rejects.toThrow("thang-11.csv: không đọc được tệp CSV: đây là một thư mục, không phải tệp");
});
