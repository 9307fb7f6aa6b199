import { describe, expect, it } from "vitest";
import { wordsOfAddress } from "./not-found.ts";

describe("wordsOfAddress", () => {
  it("turns a missing address into search words, leaving out the site's own folder names", () => {
    expect(wordsOfAddress("/bao-cao/xa-thach-ha/2026-13/")).toBe("xa thach ha 2026 13");
    expect(wordsOfAddress("/don-vi/phuong-tran-phu/index.html")).toBe("phuong tran phu");
    expect(wordsOfAddress(`/${encodeURIComponent("đất đai")}`)).toBe("đất đai");
    expect(wordsOfAddress("/%E0%A4%A")).toBe("%E0%A4%A");
    expect(wordsOfAddress("/")).toBe("");
  });
});
