import { describe, expect, it } from "vitest";
import { dWords, engineQuery, foldVietnamese, wordsOf } from "./fold.ts";

describe("Vietnamese folding", () => {
  it("removes every diacritic and writes đ as d", () => {
    expect(foldVietnamese("Đền bù giải phóng mặt bằng, đất đai")).toBe("den bu giai phong mat bang, dat dai");
  });

  it("treats NFD text as NFC", () => {
    const nfd = "tham nhũng".normalize("NFD");
    expect(nfd).not.toBe("tham nhũng");
    expect(foldVietnamese(nfd)).toBe("tham nhung");
    expect(wordsOf(nfd)).toEqual(["tham", "nhũng"]);
  });

  it("lists the words with đ, written with d, once each", () => {
    expect(dWords("Đất đai, đất ở và đường làng")).toEqual(["dất", "dai", "dường"]);
  });

  it("asks the engine a one-word query with đ written d, and longer queries as typed", () => {
    expect(engineQuery("đủ")).toBe("dủ");
    expect(engineQuery("Đê")).toBe("dê");
    expect(engineQuery("du")).toBe("du");
    expect(engineQuery("đất đai")).toBe("đất đai");
  });
});
