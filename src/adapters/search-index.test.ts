/**
 * The search index written by the Pagefind CLI, several shards at once: every planned shard is in
 * the manifest in the plan's order with its bundle and a facet table naming each of its pages,
 * the scratch pages (in /dev/shm when there is one) and Pagefind's scratch output are gone
 * afterwards, and a records process that fails leaves nothing behind.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { SearchIndexError } from "../core/errors.ts";
import type { FacetTable } from "../core/search/facet-table.ts";
import type { ShardManifest } from "../core/search/shards.ts";
import { minimalContent, VALID_OBSERVATION } from "../test-support/content-fixtures.ts";
import { testdir } from "../test-support/testdir.ts";
import { SCRATCH_PREFIX, writeSearchIndex } from "./search-index.ts";

const observation = (date: string, slug: string, title: string): Record<string, string> => ({
  [`observations/${date.slice(0, 4)}/${date.slice(5, 7)}/xa-ky-hoa/${date}-${slug}.md`]: VALID_OBSERVATION.replace(/^title: .*$/m, `title: ${title}`)
    .replace(/observed_on: .*/, `observed_on: ${date}`)
    .replace(/recorded_on: .*/, `recorded_on: ${date}`),
});

/** This process's scratch folders still in /dev/shm or the temporary folder. */
const leftScratch = () =>
  ["/dev/shm", tmpdir()].flatMap((folder) =>
    existsSync(folder) ? readdirSync(folder).filter((name) => name.startsWith(`${SCRATCH_PREFIX}${process.pid}-`)) : [],
  );

/** Six observations in six different months, so each lands in a shard of its own. */
const sixMonthsOfContent = () =>
  testdir({
    ...minimalContent(),
    ...observation("2025-08-12", "cho-tam", "Chợ tạm lấn chiếm lòng đường"),
    ...observation("2025-12-01", "cau-treo", "Cầu treo xuống cấp"),
    ...observation("2026-01-09", "den-duong", "Đèn đường hỏng nhiều tháng"),
    ...observation("2026-02-17", "nuoc-sach", "Thiếu nước sạch mùa khô"),
    ...observation("2026-05-20", "ngap-ung", "Ngập úng khu dân cư"),
    ...observation("2026-11-03", "rac-thai", "Rác thải tồn đọng ở chợ"),
  });

describe("the search index", () => {
  it("indexes every shard with its facet table, in the plan's order, and leaves no scratch behind", { timeout: 120_000 }, async () => {
    const work = sixMonthsOfContent();
    const site = join(work, "site");
    // Two Pagefind processes at once, on shards of one record: they finish in any order.
    const result = await writeSearchIndex(site, 1, false, work, undefined, undefined, 2);

    const manifest = JSON.parse(readFileSync(join(site, "pagefind", "manh.json"), "utf8")) as ShardManifest;
    expect(manifest.shards.length).toBe(result.shards);
    expect(result.shards).toBeGreaterThan(4);
    expect(manifest.shards.reduce((sum, shard) => sum + shard.records, 0)).toBe(result.records);
    // Newest first, as the search page merges them; the ids written come back in the same order.
    const newest = manifest.shards.map((shard) => shard.newest);
    expect(newest).toEqual([...newest].sort().reverse());
    expect(result.written).toEqual(manifest.shards.map((shard) => shard.path.replace(/\/$/, "")));
    for (const shard of manifest.shards) {
      const folder = join(site, "pagefind", shard.path);
      expect(existsSync(join(folder, "pagefind.js"))).toBe(true);
      const table = JSON.parse(gunzipSync(readFileSync(join(folder, "bo-loc.json.gz"))).toString("utf8")) as FacetTable;
      const fragments = readdirSync(join(folder, "fragment")).map((name) => name.replace(/\.pf_fragment$/, ""));
      expect(Object.keys(table.pages).sort()).toEqual(fragments.sort());
      expect(fragments.length).toBe(shard.records);
    }
    expect(readdirSync(site)).toEqual(["pagefind"]);
    expect(leftScratch()).toEqual([]);
  });

  it("runs more Pagefind processes once the publish says so (its pages are built), and no more before", { timeout: 120_000 }, async () => {
    const work = sixMonthsOfContent();
    const never = new Promise<number>(() => {});
    const alone = await writeSearchIndex(join(work, "mot"), 1, false, work, undefined, undefined, { now: 1, later: never });
    expect(alone.mostAtOnce).toBe(1);
    // Raised once the first shard is indexed, while the others wait their turn.
    let raise: (count: number) => void = () => {};
    const later = new Promise<number>((resolve) => {
      raise = resolve;
    });
    const raised = await writeSearchIndex(join(work, "hai"), 1, false, work, (done) => done >= 1 && raise(2), undefined, { now: 1, later });
    expect(raised.mostAtOnce).toBe(2);
    expect(raised.written).toEqual(alone.written);
  });

  it("says in Vietnamese that the records could not be made when the content cannot be read, and leaves nothing behind", async () => {
    const work = testdir();
    const site = join(work, "site");
    const failed = writeSearchIndex(site, 1, false, join(work, "khong-co"));
    await expect(failed).rejects.toBeInstanceOf(SearchIndexError);
    await expect(failed).rejects.toThrow("Không lập được các bản ghi tìm kiếm");
    expect(readdirSync(site)).toEqual(["pagefind"]);
    expect(leftScratch()).toEqual([]);
  });
});
