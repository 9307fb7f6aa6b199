import { describe, expect, it } from "vitest";
import type { SearchRecord } from "./records.ts";
import { mergeShardSearches, planShards, shardManifest } from "./shards.ts";

const record = (date: string, slug: string) => ({ url: `/x/#${slug}`, sort: { ngay: date } }) as SearchRecord;

describe("search shards", () => {
  const records = [record("2026-01-05", "a"), record("2025-03-01", "b"), record("2026-11-20", "c"), record("2025-07-09", "d"), record("2026-01-05", "e")];

  it("split records into consecutive date ranges of balanced size, newest first", () => {
    const shards = planShards(records, 2);
    expect(shards.map((shard) => shard.records.map((item) => item.url.slice(-1)))).toEqual([["c", "a"], ["e", "d"], ["b"]]);
    expect(shards.map((shard) => [shard.id, shard.newest, shard.oldest])).toEqual([
      ["1", "2026-11-20", "2026-01-05"],
      ["2", "2026-01-05", "2025-07-09"],
      ["3", "2025-03-01", "2025-03-01"],
    ]);
    expect(planShards(records, 3).map((shard) => shard.records.length)).toEqual([3, 2]);
  });

  it("keep everything in one shard when it fits, and describe the shards for the page", () => {
    const shards = planShards(records, 100);
    expect(shards).toHaveLength(1);
    expect(shardManifest(shards.map((shard) => ({ ...shard, records: shard.records.length })))).toEqual({
      version: 1,
      shards: [{ path: "1/", newest: "2026-11-20", oldest: "2025-03-01", records: 5 }],
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
