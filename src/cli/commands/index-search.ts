/**
 * `dan-y index-search [--site dist]`: writes the full-text search index of the
 * built site (Pagefind, under `<site>/pagefind/`) from the content of
 * `CONTENT_DIR`. `dan-y build` runs it after the site.
 */
import { existsSync } from "node:fs";
import type { Command } from "commander";
import { act, examples, wholeNumber } from "../command-kit.ts";
import { EXIT, ExitError } from "../errors.ts";
import { type Progress, progress } from "../progress.ts";

export interface IndexOptions {
  site: string;
  shardSize?: number;
}

export async function indexSearch(options: IndexOptions): Promise<void> {
  const { DEFAULT_SHARD_SIZE, pagefindProcesses, writeSearchIndex } = await import("../../adapters/search-index.ts");
  const site = options.site;
  if (!existsSync(site)) throw new ExitError(`Không thấy thư mục trang ${site}: hãy dựng trang trước (npx dan-y build).`, EXIT.usage);
  const started = performance.now();
  let bar: Progress | undefined;
  const onShard = (done: number, total: number) => {
    bar ??= progress("Lập chỉ mục", total, "phần");
    bar.update(done);
  };
  // Alone, not beside a site build: two Pagefind processes at once use both cores.
  const processes = pagefindProcesses(2);
  const { bundle, shards, records } = await writeSearchIndex(site, options.shardSize ?? DEFAULT_SHARD_SIZE, false, undefined, onShard, undefined, processes);
  bar?.stop();
  console.log(
    `Đã lập chỉ mục tìm kiếm ${records.toLocaleString("vi-VN")} mục (${shards} phần) vào ${bundle} trong ${((performance.now() - started) / 1000).toFixed(1)} giây.`,
  );
}

export function register(program: Command): void {
  const command = program
    .command("index-search")
    .summary("lập chỉ mục tìm kiếm cho trang đã dựng")
    .description("Lập chỉ mục tìm kiếm toàn văn (Pagefind) cho trang đã dựng, từ nội dung của thư mục nội dung; ghi vào <trang>/pagefind/.")
    .option("--site <thư-mục>", "thư mục trang đã dựng", "dist")
    .option("--shard-size <số>", "số mục trong mỗi phần chỉ mục (mặc định: 12000)", wholeNumber(1));
  command.action(act(indexSearch));
  examples(command, [
    ["npx dan-y index-search", "lập chỉ mục cho trang trong dist/"],
    ["npx dan-y index-search --site /tmp/trang", "lập chỉ mục cho trang dựng ở /tmp/trang"],
    ["npx dan-y index-search --shard-size 5000", "chia chỉ mục thành các phần 5.000 mục"],
  ]);
}
