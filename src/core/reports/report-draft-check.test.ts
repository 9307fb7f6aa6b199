/**
 * A draft never fails `check` on data that `check` accepted: observations and
 * unit names full of edge-case text (angle brackets, equals signs, colons,
 * entities, Markdown characters) pass, the drafter writes them into a report,
 * and the report passes too.
 */
import { expect, it } from "vitest";
import { TODAY } from "../../test-support/check-fixture.ts";
import { minimalContent, toContentFiles, VALID_OBSERVATION, VALID_REPORT_PATH } from "../../test-support/content-fixtures.ts";
import { checkContent } from "../check/check-content.ts";
import { buildUnitTree } from "../units/unit-tree.ts";
import { draftReport } from "./report-draft.ts";

const EDGE_TITLES = [
  "Giá điện tăng 5%, dưới 10 hộ < 20 hộ năm trước",
  "Tỷ lệ = 3/4; thời gian: 2 tuần, <Tiếp xúc cử tri> lần 2",
  "AT&T, R&D và &copy; trong tờ rơi: bà con hỏi về online = trực tuyến",
  "Thôn Java Hạ: kịch bản (script) đêm văn nghệ [*] chưa duyệt",
  "Dự án [giai đoạn 2] *chậm* _tiến độ_ `QL1A` ~ 3 năm",
  "Mục 3 (data: số liệu 2025) <br> xuống dòng",
];

function treeWith(titles: readonly string[]): Record<string, string> {
  const tree: Record<string, string> = minimalContent();
  delete tree[VALID_REPORT_PATH];
  tree["units/xa-ky-hoa.yaml"] = 'name: "Xã Kỳ Hoa <mới> = 1: A&B"\nlevel: xa\nparent: ha-tinh\nvalid_from: 2025-07-01\n';
  titles.forEach((title, index) => {
    const text = VALID_OBSERVATION.replace(/^title: .*$/m, `title: ${JSON.stringify(title)}`).replace(
      "urgency: thuong-xuyen",
      index % 2 ? "urgency: khan" : "urgency: thuong-xuyen",
    );
    tree[`observations/2026/03/xa-ky-hoa/2026-03-14-thu-${index}.md`] = text;
  });
  return tree;
}

it("drafts a report from accepted edge-case text that passes check itself", () => {
  // Many highlights with brackets and emphasis characters, in every field, as a large unit would have.
  const titles = [...EDGE_TITLES, ...Array.from({ length: 150 }, (_, index) => `${EDGE_TITLES[index % EDGE_TITLES.length]} (${index})`)];
  const tree = treeWith(titles);
  const checked = checkContent(toContentFiles(tree), { root: "content/", today: TODAY });
  expect(checked.issues).toEqual([]);
  const draft = draftReport(checked.model, buildUnitTree(checked.model), {
    unit: "xa-ky-hoa",
    organisation: "mttq",
    period: "2026-03",
    author: "ky-hoa-mttq-le-van-binh",
    submittedOn: "2026-03-19",
  });
  if (!draft.ok) throw new Error(draft.message);
  const highlights = draft.text.split("\n").filter((line) => line.includes(" — Xã Kỳ Hoa <mới> = 1: A&B, 14/03/2026"));
  expect(highlights.length).toBeGreaterThan(0);
  expect(highlights.every((line) => EDGE_TITLES.some((title) => line.includes(title)))).toBe(true);
  expect(draft.text).toContain("Xã Kỳ Hoa <mới> = 1: A&B");
  const again = checkContent(toContentFiles({ ...tree, [draft.path]: draft.text }), { root: "content/", today: TODAY });
  expect(again.issues).toEqual([]);
});

it("the same rule refuses edge cases that are not safe, in data and so in drafts", () => {
  const tree = treeWith(["Bà con hỏi về java&#115;cript:alert(1)"]);
  const issues = checkContent(toContentFiles(tree), { root: "content/", today: TODAY }).issues;
  expect(issues.map((issue) => `${issue.file}:${issue.line} ${issue.rule}`)).toEqual([
    "content/observations/2026/03/xa-ky-hoa/2026-03-14-thu-0.md:2 unsafe-html",
  ]);
});
