/**
 * `dan-y build`: what `npm run build` does — check the content (stop on any
 * problem), build the site with Astro into `dist/`, then write its search index.
 */
import { spawnSync } from "node:child_process";
import type { Command } from "commander";
import { act, examples } from "../command-kit.ts";
import { ASTRO_BIN, DAN_Y_BIN } from "../lib/entry.ts";
import { indexSearch } from "./index-search.ts";

/** Runs a step in a child process with the terminal; returns its exit code. */
function step(args: string[]): number {
  const result = spawnSync(process.execPath, args, { stdio: "inherit" });
  return result.status ?? 1;
}

async function build(): Promise<number> {
  const checked = step([DAN_Y_BIN, "check"]);
  if (checked !== 0) return checked;
  const built = step([ASTRO_BIN, "build"]);
  if (built !== 0) return built;
  await indexSearch({ site: "dist" });
  return 0;
}

export function register(program: Command): void {
  const command = program
    .command("build")
    .summary("kiểm tra, dựng trang nội bộ và chỉ mục tìm kiếm")
    .description(
      "Dựng trang nội bộ: kiểm tra nội dung (dừng nếu có lỗi), dựng trang bằng Astro vào dist/, rồi lập chỉ mục tìm kiếm. Thư mục nội dung theo biến môi trường CONTENT_DIR (mặc định content/).",
    );
  command.action(act(build));
  examples(command, [
    ["npx dan-y build", "dựng trang vào dist/; xem bằng npm run preview"],
    ["CONTENT_DIR=/tmp/noi-dung npx dan-y build", "dựng trang từ một thư mục nội dung khác"],
  ]);
}
