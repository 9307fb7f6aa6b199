/** The urgent feed follows content/urgencies.yaml: which levels it lists and how it labels them. */
import { describe, expect, it } from "vitest";
import { loadContent } from "../../core/content/load-content.ts";
import { buildUnitTree } from "../../core/units/unit-tree.ts";
import { minimalContent, toContentFiles, VALID_OBSERVATION, VALID_OBSERVATION_PATH } from "../../test-support/content-fixtures.ts";
import { urgentFeed } from "./urgent-feed.ts";

/** A list in which `dot-xuat` is routine, `khan` is relabelled and a new level `rat-khan` is urgent. */
const CHANGED_URGENCIES = `- id: thuong-xuyen
  label: Thường xuyên
  order: 1
  urgent: false
- id: dot-xuat
  label: Đột xuất
  order: 2
  urgent: false
- id: khan
  label: Khẩn cấp
  order: 3
  urgent: true
- id: rat-khan
  label: Hỏa tốc
  order: 4
  urgent: true
`;

function observation(name: string, urgency: string, day: string): Record<string, string> {
  const path = VALID_OBSERVATION_PATH.replace("2026-03-14-duong-lien-thon", `2026-03-${day}-${name}`);
  const text = VALID_OBSERVATION.replace("urgency: thuong-xuyen", `urgency: ${urgency}`)
    .replace("observed_on: 2026-03-14", `observed_on: 2026-03-${day}`)
    .replace("Người dân phản ánh đường liên thôn xuống cấp", `Tin ${name}`);
  return { [path]: text };
}

function feedOf(urgencies?: string): string {
  const tree = {
    ...minimalContent(),
    ...observation("mot", "khan", "10"),
    ...observation("hai", "dot-xuat", "11"),
    ...(urgencies ? { ...observation("ba", "rat-khan", "12"), "urgencies.yaml": urgencies } : {}),
  };
  const { model } = loadContent(toContentFiles(tree));
  return urgentFeed(model, buildUnitTree(model), "https://mttq.example/site");
}

const titles = (feed: string) => [...feed.matchAll(/<entry>\s*<id>[^<]*<\/id>\s*<title>([^<]*)<\/title>/g)].map((match) => match[1]);

describe("urgent feed", () => {
  it("lists the levels marked urgent in the demo's list, newest first, with their labels", () => {
    const feed = feedOf();
    expect(titles(feed)).toEqual(["[Đột xuất] Tin hai", "[Khẩn] Tin mot"]);
    expect(feed).toContain("<summary>Khẩn — Xã Kỳ Hoa</summary>");
    expect(feed).toContain("<title>Dân ý — thông tin đột xuất, khẩn</title>");
    expect(feed).toContain('<link rel="self" href="https://mttq.example/site/khan.xml"/>');
  });

  it("follows a changed list: a relabelled level, a new urgent level, a level no longer urgent", () => {
    const feed = feedOf(CHANGED_URGENCIES);
    expect(titles(feed)).toEqual(["[Hỏa tốc] Tin ba", "[Khẩn cấp] Tin mot"]);
    expect(feed).toContain("<summary>Khẩn cấp — Xã Kỳ Hoa</summary>");
    expect(feed).toContain("<title>Dân ý — thông tin khẩn cấp, hỏa tốc</title>");
  });
});
