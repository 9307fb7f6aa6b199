import { describe, expect, it } from "vitest";
import { indexPage } from "./index-page.ts";
import type { SearchRecord } from "./records.ts";

const record: SearchRecord = {
  url: "/thong-tin/xa-ky-hoa/2026-03/#2026-03-14-duong",
  content: "Đường liên thôn <xuống cấp>.\nBà con đề nghị & chờ.",
  language: "vi",
  meta: { title: 'Đường "liên thôn"', d: "dường dề" },
  filters: { linh_vuc: ["kinh-te"] },
  sort: { ngay: "2026-03-14" },
};

describe("a record as a page for the Pagefind CLI", () => {
  it("puts the text in the body, escaped, a paragraph a line", () => {
    expect(indexPage(record)).toContain("<main data-pagefind-body><p>Đường liên thôn &lt;xuống cấp&gt;.</p><p>Bà con đề nghị &amp; chờ.</p></main>");
  });

  it("keeps meta, the record's address and the sort key outside the body", () => {
    const page = indexPage(record);
    const hidden = page.slice(page.indexOf("<div hidden>"), page.indexOf("<main"));
    expect(hidden).toContain('<span data-pagefind-meta="title">Đường &quot;liên thôn&quot;</span>');
    expect(hidden).toContain('<span data-pagefind-meta="d">dường dề</span>');
    expect(hidden).toContain('<span data-pagefind-meta="url">/thong-tin/xa-ky-hoa/2026-03/#2026-03-14-duong</span>');
    expect(hidden).toContain('<span data-pagefind-sort="ngay">2026-03-14</span>');
    expect(page).toContain('<html lang="vi">');
  });
});
