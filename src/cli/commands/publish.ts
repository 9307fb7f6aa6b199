/**
 * `dan-y publish [--site dist] [--incremental]`: checks the content, builds the
 * internal site and its search index into a staging folder and swaps it in
 * whole. With `--incremental`, the published index's unchanged shards are kept
 * and only those whose records changed are indexed again. The check is the one
 * of `dan-y check` (same messages, exit 1 on errors), run on the search records'
 * load of the content rather than on a second reading of every file.
 */

import type { Command } from "commander";
import { act, examples, isoDate, today, wholeNumber } from "../command-kit.ts";
import { EXIT } from "../errors.ts";
import { PROJECT_ROOT } from "../lib/entry.ts";
import { printCheck } from "./check.ts";

interface PublishCommandOptions {
  site: string;
  incremental?: boolean;
  today?: string;
  shardSize?: number;
}

async function publish(options: PublishCommandOptions): Promise<number> {
  const { ContentCheckFailed, publishSite } = await import("../../adapters/publish.ts");
  const { contentDir, displayRoot } = await import("../../adapters/content-files.ts");
  const directory = contentDir();
  let result: Awaited<ReturnType<typeof publishSite>>;
  try {
    result = await publishSite({
      projectDir: PROJECT_ROOT,
      contentDir: directory,
      siteDir: options.site,
      incremental: options.incremental === true,
      ...(options.today ? { today: options.today } : {}),
      ...(options.shardSize ? { shardSize: options.shardSize } : {}),
      check: { today: today(options), displayRoot: displayRoot(directory) },
      onStep: (message) => console.log(message),
    });
  } catch (error) {
    if (!(error instanceof ContentCheckFailed)) throw error;
    await printCheck(error.check);
    console.error("Chưa xuất bản: hãy sửa các lỗi trên rồi chạy lại.");
    return EXIT.problems;
  }
  if (result.checked) await printCheck(result.checked);
  const kept = result.shards - result.shardsWritten.length;
  console.log(
    `Đã xuất bản ${result.pages.toLocaleString("vi-VN")} trang vào ${options.site} (${result.pagesRestored > 0 ? `${result.pagesRestored.toLocaleString("vi-VN")} trang không đổi lấy lại từ lần trước; ` : ""}dựng ${result.seconds.site.toFixed(1)} s); chỉ mục ${result.records.toLocaleString("vi-VN")} mục: lập lại ${result.shardsWritten.length} phần${kept > 0 ? `, giữ nguyên ${kept} phần` : ""} (${result.seconds.search.toFixed(1)} s); tổng ${result.seconds.total.toFixed(1)} s.`,
  );
  return 0;
}

export function register(program: Command): void {
  const command = program
    .command("publish")
    .summary("kiểm tra rồi xuất bản trang nội bộ và chỉ mục tìm kiếm")
    .description(
      "Xuất bản trang nội bộ: kiểm tra nội dung (dừng nếu có lỗi), dựng trang và chỉ mục tìm kiếm vào một thư mục tạm rồi thay thư mục trang đang dùng trong một lần, nên người đang xem không bao giờ thấy trang dựng dở. Với --incremental, trang nào không có gì thay đổi được lấy lại từ lần xuất bản trước và chỉ lập lại các phần chỉ mục có mục thay đổi; kết quả giống hệt xuất bản toàn bộ.",
    )
    .option("--site <thư-mục>", "thư mục trang được xuất bản", "dist")
    .option("--incremental", "chỉ dựng lại trang và phần chỉ mục tìm kiếm có thay đổi so với lần xuất bản trước")
    .option("--today <ngày>", "coi hôm nay là ngày này khi dựng trang (mặc định: hôm nay theo giờ Việt Nam)", isoDate)
    .option("--shard-size <số>", "số mục tối đa trong một phần chỉ mục (mặc định: 12000)", wholeNumber(1));
  command.action(act(publish));
  examples(command, [
    ["npx dan-y publish", "xuất bản toàn bộ vào dist/"],
    ["npx dan-y publish --incremental", "sau một lần duyệt: chỉ dựng lại trang và phần chỉ mục có thay đổi"],
    ["npx dan-y publish --site /srv/dan-y/trang --today 2026-11-27 --shard-size 6000", "xuất bản vào thư mục máy chủ web phục vụ, tính kỳ theo ngày đã cho"],
  ]);
}
