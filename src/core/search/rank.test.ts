import { describe, expect, it } from "vitest";
import { adjacentFirst, excerpt, holdsRun, matchRank, queryWords, rerank } from "./rank.ts";

const items = [
  "Người dân đặt câu hỏi về đại hội chi bộ",
  "Tranh chấp dat dai chưa giải quyết", // typed without accents by its author
  "Tranh chấp đất đai giữa các hộ",
  "Đất ở và đai an toàn giao thông",
];

describe("Vietnamese reranking", () => {
  it("puts the exact-accent phrase first, then the folded phrase, then scattered words", () => {
    expect(rerank(items, (text) => text, "đất đai")).toEqual([items[2], items[1], items[3], items[0]]);
  });

  it("ranks the same way for a query typed without diacritics, đ as d", () => {
    const ranked = rerank(items, (text) => text, "dat dai");
    // "dat dai" as typed matches item 1 exactly; the folded phrase "đất đai" comes next.
    expect(ranked.slice(0, 2)).toEqual([items[1], items[2]]);
    expect(ranked.slice(2)).toEqual([items[0], items[3]]);
  });

  it("treats an NFD query as NFC", () => {
    expect(rerank(items, (text) => text, "đất đai".normalize("NFD"))).toEqual(rerank(items, (text) => text, "đất đai"));
    expect(queryWords("Đất đai".normalize("NFD")).exact).toEqual(["đất", "đai"]);
  });

  it("scores exact accents above folded ones within a tier", () => {
    expect(matchRank("tham nhũng", queryWords("tham nhũng"))).toEqual([0, -2]);
    expect(matchRank("tham nhung", queryWords("tham nhũng"))).toEqual([1, -1]);
  });
});

describe("search excerpts", () => {
  it("mark the matched words, whatever accents the query had", () => {
    const text = "Mở đầu. Bà con phản ánh việc đền bù giải phóng mặt bằng dự án đường ven biển còn chậm, đề nghị <làm rõ>.";
    expect(excerpt(text, "den bu", 8)).toBe("… ánh việc <mark>đền</mark> <mark>bù</mark> giải phóng mặt bằng …");
    expect(excerpt(text, "giải phóng mặt bằng", 40)).toContain("<mark>giải</mark> <mark>phóng</mark> <mark>mặt</mark> <mark>bằng</mark>");
    expect(excerpt(text, "làm", 40)).toContain("&lt;<mark>làm</mark> rõ&gt;.");
  });

  it("mark only the exact word for a word typed with accents, every form for one typed without", () => {
    const text = "Đại hội bàn về đất đai và đặt mốc giới.";
    expect(excerpt(text, "đất đai", 40)).toBe("Đại hội bàn về <mark>đất</mark> <mark>đai</mark> và đặt mốc giới.");
    expect(excerpt(text, "dat dai", 40)).toBe("<mark>Đại</mark> hội bàn về <mark>đất</mark> <mark>đai</mark> và <mark>đặt</mark> mốc giới.");
  });

  it("start at the beginning when nothing matches", () => {
    expect(excerpt("Một hai ba bốn", "xyz", 2)).toBe("Một hai …");
  });
});

describe("choosing the first page before fetching texts", () => {
  it("finds the query's words side by side in the matched positions", () => {
    expect(holdsRun([3, 9, 10, 40], 2)).toBe(true);
    expect(holdsRun([3, 9, 11, 40], 2)).toBe(false);
    expect(holdsRun([7, 5, 6], 3)).toBe(true);
    expect(holdsRun([5, 6, 8], 3)).toBe(false);
    expect(holdsRun([12], 1)).toBe(true);
    expect(holdsRun([], 1)).toBe(false);
  });

  it("puts the candidates holding the phrase first, keeping the engine's order within each group", () => {
    const candidates = [
      { id: "apart", words: [1, 5] },
      { id: "side-a", words: [4, 5] },
      { id: "none", words: [] },
      { id: "side-b", words: [0, 20, 21] },
    ];
    expect(adjacentFirst(candidates, (candidate) => candidate.words, "đất đai").map((candidate) => candidate.id)).toEqual([
      "side-a",
      "side-b",
      "apart",
      "none",
    ]);
  });
});
