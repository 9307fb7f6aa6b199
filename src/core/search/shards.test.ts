import { describe, expect, it } from "vitest";
import type { SearchRecord } from "./records.ts";
import { mergeShardSearches, planShards, shardManifest } from "./shards.ts";

const record = (date: string, slug: string) => ({ url: `/x/#${slug}`, sort: { ngay: date } }) as SearchRecord;

describe("search shards", () => {
  const records = [
    record("2026-01-05", "a"),
    record("2025-03-01", "b"),
    record("2026-11-20", "c"),
    record("2025-07-09", "d"),
    record("2026-01-05", "e"),
    record("2026-11-02", "f"),
    record("2025-07-01", "g"),
  ];

  it("give the newest month a shard of its own and fill older months from the oldest on, newest first", () => {
    const shards = planShards(records, 3);
    expect(shards.map((shard) => [shard.id, shard.records.map((item) => item.url.slice(-1))])).toEqual([
      ["2026-11", ["c", "f"]],
      ["2026-01", ["a", "e"]],
      ["2025-03_2025-07", ["d", "g", "b"]],
    ]);
    expect(shards.map((shard) => [shard.newest, shard.oldest])).toEqual([
      ["2026-11-20", "2026-11-02"],
      ["2026-01-05", "2026-01-05"],
      ["2025-07-09", "2025-03-01"],
    ]);
  });

  it("leave older shards as they were when a new month begins", () => {
    const before = planShards(records, 3).slice(1);
    const after = planShards([...records, record("2026-12-01", "h")], 3);
    expect(after[0]?.id).toBe("2026-12");
    expect(after.slice(-before.length).map((shard) => shard.id)).toEqual(before.map((shard) => shard.id));
  });

  it("split a month larger than the bound into balanced parts", () => {
    const many = Array.from({ length: 5 }, (_, index) => record(`2026-10-0${index + 1}`, `m${index}`));
    expect(planShards([record("2026-11-01", "n"), ...many], 2).map((shard) => [shard.id, shard.records.length])).toEqual([
      ["2026-11", 1],
      ["2026-10-1", 2],
      ["2026-10-2", 2],
      ["2026-10-3", 1],
    ]);
  });

  it("describe the shards for the page, with each one's hash", () => {
    const shards = planShards(records, 100);
    expect(shardManifest(shards.map((shard) => ({ ...shard, records: shard.records.length, hash: `h-${shard.id}` })))).toEqual({
      version: 1,
      shards: [
        { path: "2026-11/", newest: "2026-11-20", oldest: "2026-11-02", records: 2, hash: "h-2026-11" },
        { path: "2025-03_2026-01/", newest: "2026-01-05", oldest: "2025-03-01", records: 5, hash: "h-2025-03_2026-01" },
      ],
    });
  });
});

describe("merging the shards' answers", () => {
  const newer = {
    results: [
      { score: 1, id: "n1" },
      { score: 5, id: "n2" },
    ],
    filters: { nam: { "2026": 2 }, loai: { "thong-tin": 2 } },
  };
  const older = { results: [{ score: 3, id: "o1" }], filters: { nam: { "2025": 1 }, loai: { "thong-tin": 1, "bao-cao": 0 } } };

  it("keeps the shards' date order, or orders by score, and adds up the counts", () => {
    expect(mergeShardSearches([newer, older], false).results.map((result) => result.id)).toEqual(["n1", "n2", "o1"]);
    const merged = mergeShardSearches([newer, older], true);
    expect(merged.results.map((result) => result.id)).toEqual(["n2", "o1", "n1"]);
    expect(merged.filters).toEqual({ nam: { "2026": 2, "2025": 1 }, loai: { "thong-tin": 3, "bao-cao": 0 } });
  });
});

describe("relevance ties", () => {
  it("put the newer item first among equal scores, whichever shard holds it", () => {
    const a = {
      results: [
        { score: 2, id: "a-old", date: "2025-02-01" },
        { score: 2, id: "a-new", date: "2026-05-01" },
      ],
      filters: {},
    };
    const b = {
      results: [
        { score: 2, id: "b-mid", date: "2026-01-10" },
        { score: 3, id: "b-best", date: "2024-01-01" },
      ],
      filters: {},
    };
    expect(mergeShardSearches([a, b], true).results.map((result) => result.id)).toEqual(["b-best", "a-new", "b-mid", "a-old"]);
  });
});
