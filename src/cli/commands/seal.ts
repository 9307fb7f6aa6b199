/**
 * `dan-y seal`: encrypts every restricted observation still in plain text, and
 * re-encrypts those whose readers or keys changed (after `dan-y keys generate`
 * or a change of reporting lines), with a key of a current reader from the key folder.
 * `--contacts` instead seals focal points' contacts in `bodies/` (issue 13).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { act, examples } from "../command-kit.ts";
import { EXIT } from "../errors.ts";

/** Each file whole or not at all, so a crash never leaves a half-written (or emptied) content file. */
async function writeAll(directory: string, changed: ReadonlyMap<string, string>): Promise<void> {
  const { writeFileAtomic } = await import("../../adapters/git-store.ts");
  for (const [relative, text] of changed) writeFileAtomic(join(directory, relative), text);
}

/** `--contacts`: seals every focal point's plain contacts in `bodies/` to the publishing keys and the body's own keys. */
async function sealContactsOfBodies(): Promise<number> {
  const { contentDir, listContentPaths, readContentFiles } = await import("../../adapters/content-files.ts");
  const { sealBodyContacts } = await import("../../adapters/sealed-contacts.ts");
  const { loadContent } = await import("../../core/content/load-content.ts");
  const directory = contentDir();
  const { model } = loadContent(readContentFiles(directory, listContentPaths(directory, ["reports", "observations"])));
  // Every file is sealed before any is written: a refusal leaves them all as they were.
  const changed = new Map<string, string>();
  for (const body of model.bodies.values()) {
    const relative = body.source.file.slice(body.source.file.indexOf("bodies/"));
    const text = await sealBodyContacts(model, body, readFileSync(join(directory, relative), "utf8"));
    if (text !== undefined) changed.set(relative, text);
  }
  await writeAll(directory, changed);
  console.log(`${model.bodies.size} cơ quan: ${changed.size} tệp vừa mã hóa liên hệ của đầu mối.`);
  if (changed.size > 0) console.log("Nộp các tệp đã đổi như mọi thay đổi khác (dan-y submit).");
  return EXIT.ok;
}

async function seal(options: { keyDir?: string; contacts?: boolean }): Promise<number> {
  if (options.contacts) return sealContactsOfBodies();
  const { contentDir, listContentPaths, readContentFiles } = await import("../../adapters/content-files.ts");
  const { keyDirectory, resealObservations } = await import("../../adapters/encryption.ts");
  const { loadContent } = await import("../../core/content/load-content.ts");
  const directory = contentDir();
  const paths = listContentPaths(directory, ["reports"]);
  const { model } = loadContent(readContentFiles(directory, paths));
  const restricted = new Map<string, string>();
  for (const entry of model.observations.values()) {
    if (entry.confidentiality !== "han-che") continue;
    const relative = entry.source.file.slice(entry.source.file.indexOf("observations/"));
    restricted.set(relative, readFileSync(join(directory, relative), "utf8"));
  }
  const result = await resealObservations(model, restricted, options.keyDir ?? keyDirectory());
  await writeAll(directory, result.changed);
  console.log(
    `${restricted.size} thông tin hạn chế: ${result.changed.size} tệp vừa mã hóa (lại), ${restricted.size - result.changed.size - result.failed.length} tệp đã đúng.`,
  );
  for (const failure of result.failed) console.error(`${directory}/${failure.path}: chưa mã hóa được: ${failure.reason}`);
  if (result.changed.size > 0) console.log("Nộp các tệp đã đổi như mọi thay đổi khác (dan-y submit).");
  return result.failed.length > 0 ? EXIT.problems : EXIT.ok;
}

export function register(program: Command): void {
  const command = program
    .command("seal")
    .summary("mã hóa thông tin hạn chế")
    .description("Mã hóa thông tin hạn chế cho đúng các cơ quan có quyền đọc; mã hóa lại khi khóa hoặc tuyến báo cáo thay đổi.")
    .option("--key-dir <thư-mục>", "thư mục khóa riêng (mặc định DAN_Y_KEY_DIR hoặc ~/.config/dan-y/khoa)")
    .option("--contacts", "mã hóa liên hệ (điện thoại, thư điện tử, Zalo, Facebook) của đầu mối cho khóa xuất bản của tỉnh (publishing_keys)");
  command.action(act(seal));
  examples(command, [
    ["npx dan-y seal", "mã hóa (lại) mọi thông tin hạn chế cần thiết"],
    ["npx dan-y seal --key-dir /srv/dan-y/khoa", "mở tệp cũ bằng khóa riêng trong /srv/dan-y/khoa để mã hóa lại"],
    ["npx dan-y seal --contacts", "mã hóa liên hệ của mọi đầu mối còn ở dạng đọc được"],
  ]);
}
