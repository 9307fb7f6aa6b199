import { describe, expect, it } from "vitest";
import { minimalContent, toContentFiles, VALID_OBSERVATION } from "../../test-support/content-fixtures.ts";
import { checkContent } from "../check/check-content.ts";
import { loadContent } from "../content/load-content.ts";
import { buildUnitTree } from "../units/unit-tree.ts";
import { markdownText, searchFacets, searchRecords } from "./records.ts";

const RESTRICTED_PATH = "observations/2025/05/xa-ky-hoa-cu/2025-05-10-don-thu-dat-dai.md";
const RESTRICTED = VALID_OBSERVATION.replace("title: Người dân phản ánh đường liên thôn xuống cấp", "title: Đơn thư về tranh chấp đất đai")
  .replace("observed_on: 2026-03-14", "observed_on: 2025-05-10")
  .replace("recorded_on: 2026-03-15", "recorded_on: 2025-05-11")
  .replace("unit: xa-ky-hoa", "unit: xa-ky-hoa-cu")
  .replace("location: Thôn Trung Hòa", "location: Hộ cuối xóm Đông")
  .replace("2026-03-16", "2025-05-12")
  .replace("Chuyển văn bản đề nghị sửa chữa", "Ghi chú kín về người gửi đơn")
  .replaceAll("UBND xã Kỳ Hoa", "Thanh tra kín huyện Kỳ Anh")
  .replace("2026-04-02", "2025-05-20")
  .replace("confidentiality: binh-thuong", "confidentiality: han-che")
  .replace("Tuyến đường liên thôn bị sụt lún nhiều đoạn sau mùa mưa.", "Nội dung kín của vụ việc.");

function content() {
  const files = { ...minimalContent(), [RESTRICTED_PATH]: RESTRICTED };
  expect(checkContent(toContentFiles(files), { root: "content/", today: "2026-11-27" }).issues).toEqual([]);
  const { model } = loadContent(toContentFiles(files), { keepBodies: true });
  return { model, tree: buildUnitTree(model) };
}

describe("search records", () => {
  const { model, tree } = content();
  const records = searchRecords(model, tree);
  const restricted = records.find((record) => record.url.includes("don-thu-dat-dai"));
  const normal = records.find((record) => record.url.includes("duong-lien-thon"));

  it("make every observation and report findable by its text and labels, linking to its anchor", () => {
    expect(records.map((record) => record.url).sort()).toEqual([
      "/bao-cao/xa-ky-hoa/2026-03/#bao-cao-mttq",
      "/thong-tin/xa-ky-hoa-cu/2025-05/#2025-05-10-don-thu-dat-dai",
      "/thong-tin/xa-ky-hoa/2026-03/#2026-03-14-duong-lien-thon",
    ]);
    for (const text of [
      "Tuyến đường liên thôn bị sụt lún",
      "Xã Kỳ Hoa",
      "Lĩnh vực kinh tế",
      "Ủy ban Mặt trận Tổ quốc Việt Nam",
      "UBND xã Kỳ Hoa",
      "Thôn Trung Hòa",
    ])
      expect(normal?.content).toContain(text);
    expect(normal?.meta).toMatchObject({ title: "Người dân phản ánh đường liên thôn xuống cấp", ngay: "14/03/2026", trang_thai: "Đã có trả lời" });
    expect(normal?.sort).toEqual({ ngay: "2026-03-14" });
  });

  it("keep a restricted observation's body, follow-up notes, location and authorities out of the record", () => {
    const serialised = JSON.stringify(restricted);
    expect(serialised).toContain("Đơn thư về tranh chấp đất đai");
    for (const secret of ["Nội dung kín", "Ghi chú kín", "Hộ cuối xóm Đông", "Thanh tra kín huyện Kỳ Anh"]) expect(serialised).not.toContain(secret);
    // The scan can fail: a normal observation's authority is in its record.
    expect(JSON.stringify(normal)).toContain("UBND xã Kỳ Hoa");
    expect(restricted?.meta.han_che).toBeDefined();
  });

  it("file an item under its unit's whole chain, successors included, and its periods", () => {
    expect(new Set(restricted?.filters.don_vi)).toEqual(new Set(["xa-ky-hoa-cu", "huyen-ky-anh", "ha-tinh", "xa-ky-hoa"]));
    expect(restricted?.filters).toMatchObject({
      thang: ["2025-05"],
      quy: ["2025-q2"],
      nam: ["2025"],
      linh_vuc: ["kinh-te"],
      tieu_muc: ["kinh-te/nong-nghiep-nong-thon"],
    });
  });

  it("carry the đ-words written with d, so that 'dat dai' can match", () => {
    expect(restricted?.meta.d?.split(" ")).toEqual(expect.arrayContaining(["dơn", "dất", "dai"]));
  });

  it("list the filter values that occur, with labels, units along the tree", () => {
    const facets = searchFacets(model, tree).filters;
    expect(facets.don_vi.map(([id]) => id)).toEqual(["ha-tinh", "huyen-ky-anh", "xa-ky-hoa-cu", "xa-ky-hoa"]);
    expect(facets.don_vi[2]).toEqual(["xa-ky-hoa-cu", "— — Xã Kỳ Hoa (trước sắp xếp)"]);
    expect(facets.nam).toEqual([
      ["2026", "Năm 2026"],
      ["2025", "Năm 2025"],
    ]);
    expect(facets.loai.map(([id]) => id)).toEqual(["thong-tin", "bao-cao"]);
  });
});

describe("markdownText", () => {
  it("keeps the words and drops the syntax", () => {
    expect(markdownText("# Tiêu đề\n\n- **Một** ý [liên kết](https://x.vn) <b>x</b>")).toBe("Tiêu đề Một ý liên kết x");
    expect(markdownText("- Cử tri quan tâm, 06/11/2026 — `xa-cam-trung/2026-11-06-cu-tri` và `mã`")).toBe("Cử tri quan tâm, 06/11/2026 — và mã");
  });
});
