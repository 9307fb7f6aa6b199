/**
 * The search records kept between publishes equal `searchRecords` of the same content after an
 * entry is edited, added or deleted and after shared data (a unit's name) changes, and only the
 * records whose inputs changed are built again.
 */
import { readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { searchRecords } from "../core/search/records.ts";
import { buildUnitTree } from "../core/units/unit-tree.ts";
import { minimalContent, VALID_OBSERVATION, VALID_OBSERVATION_PATH, VALID_REPORT } from "../test-support/content-fixtures.ts";
import { testdir, writeTree } from "../test-support/testdir.ts";
import { loadContentCached } from "./content-cache.ts";
import { displayRoot } from "./content-files.ts";
import { cachedRecords, RECORD_CACHE_FOLDER, recordHash } from "./record-cache.ts";

describe("the search records kept between publishes", () => {
  it("equal the records built anew after every kind of change, building only the changed ones", () => {
    const work = testdir();
    const content = join(work, "content");
    const cache = join(work, "trang.cache");
    const second = VALID_OBSERVATION.replace(/^title: .*$/m, "title: Cầu yếu")
      .replace(/observed_on: .*/, "observed_on: 2026-04-02")
      .replace(/recorded_on: .*/, "recorded_on: 2026-04-02");
    writeTree(content, {
      ...minimalContent(),
      [VALID_OBSERVATION_PATH]: VALID_OBSERVATION,
      "observations/2026/04/xa-ky-hoa/2026-04-02-cau-yeu.md": second,
      "reports/2026-03/xa-ky-hoa/mttq.md": VALID_REPORT,
    });
    const run = (code = "ma-1") => {
      const load = loadContentCached(content, cache, { keepBodies: true, code, settleMs: 0 });
      load.save();
      const tree = buildUnitTree(load.model);
      const kept = cachedRecords(load.model, tree, load, { cacheDir: cache, code, root: displayRoot(content) });
      kept.save();
      expect(kept.records).toEqual(searchRecords(load.model, tree));
      // The hashes kept beside the records are those of the records as they are now (shards are kept by them).
      expect(kept.hashes).toEqual(kept.records.map(recordHash));
      return kept;
    };
    const entries = run().records.length;
    expect(entries).toBe(3);
    expect(run().built).toBe(0);
    // One observation edited, one added.
    const edited = join(content, VALID_OBSERVATION_PATH);
    writeFileSync(edited, readFileSync(edited, "utf8").replace("Tuyến đường liên thôn bị sụt lún", "Tuyến đường liên xã bị sụt lún nặng"));
    writeTree(content, {
      "observations/2026/04/xa-ky-hoa/2026-04-03-cho-tam.md": second.replace("title: Cầu yếu", "title: Chợ tạm").replaceAll("2026-04-02", "2026-04-03"),
    });
    expect(run().built).toBe(2);
    // Deleted: nothing to build, the rest kept.
    rmSync(join(content, "observations/2026/04/xa-ky-hoa/2026-04-03-cho-tam.md"));
    expect(run().built).toBe(0);
    // A unit renamed: every record names its unit, so every one is built again.
    const unit = join(content, "units", "xa-ky-hoa.yaml");
    writeFileSync(unit, readFileSync(unit, "utf8").replace(/^name: (.*)$/m, "name: $1 Mới"));
    expect(run().built).toBe(entries);
    // Other site code, or chunks cut short: built anew.
    expect(run("ma-2").built).toBe(entries);
    const folder = join(cache, RECORD_CACHE_FOLDER);
    for (const chunk of readdirSync(folder)) truncateSync(join(folder, chunk), 3);
    expect(run("ma-2").built).toBe(entries);
  });
});
