/**
 * `npm run index-search -- [--site dist]`: writes the full-text search index of
 * the built site (Pagefind, under `<site>/pagefind/`) from the content of
 * `CONTENT_DIR`. `npm run build` runs it after the site. `--shard-size` sets
 * the records per shard (default 12 000).
 */
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { DEFAULT_SHARD_SIZE, writeSearchIndex } from "../../adapters/search-index.ts";
import { EXIT, ExitError } from "../errors.ts";
import { runCommand } from "../run-command.ts";

await runCommand(async (argv) => {
  const { values } = parseArgs({ args: argv, options: { site: { type: "string", default: "dist" }, "shard-size": { type: "string" } } });
  const shardSize = values["shard-size"] ? Number(values["shard-size"]) : DEFAULT_SHARD_SIZE;
  if (!Number.isInteger(shardSize) || shardSize < 1)
    throw new ExitError(`--shard-size cần một số nguyên dương, nhận được "${values["shard-size"]}".`, EXIT.usage);
  const site = values.site as string;
  if (!existsSync(site)) throw new ExitError(`Không thấy thư mục trang ${site}: hãy dựng trang trước (npm run build).`, EXIT.usage);
  const started = performance.now();
  const { bundle, shards, records } = await writeSearchIndex(site, shardSize);
  console.log(
    `Đã lập chỉ mục tìm kiếm ${records.toLocaleString("vi-VN")} mục (${shards} phần) vào ${bundle} trong ${((performance.now() - started) / 1000).toFixed(1)} giây.`,
  );
});
