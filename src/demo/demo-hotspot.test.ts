/**
 * The demo content plants one surge so that its "Điểm nóng" page shows a real
 * finding: reports of phone and online scams (sub-topic an-ninh-trat-tu, tag
 * lua-dao) rising in three communes in the reporting month 2026-11
 * (21/10–20/11/2026). The counts are checked against the files.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { listContentPaths, readContentFiles } from "../adapters/content-files.ts";
import { loadContent } from "../core/content/load-content.ts";
import { hotspotsIndexView, hotspotsOf, monthView } from "../core/reports/hotspots-view.ts";
import { buildUnitTree } from "../core/units/unit-tree.ts";
import { DEMO_TODAY, ROOT } from "../test-support/built-site.ts";

const CONTENT = join(ROOT, "content");
const SURGE_UNITS = ["xa-cam-due", "xa-huong-son", "xa-ky-anh"];

/** The month's observations on the sub-topic in a commune and its hamlets, read from the files. */
function filesOnTopic(commune: string): string[] {
  const found: string[] = [];
  for (const [year, month] of [
    ["2026", "10"],
    ["2026", "11"],
  ]) {
    const folder = join(CONTENT, "observations", year as string, month as string);
    for (const unit of readdirSync(folder).filter((name) => name === commune || name.startsWith(`${commune}-thon-`))) {
      for (const name of readdirSync(join(folder, unit))) {
        const text = readFileSync(join(folder, unit, name), "utf8");
        const data = parseYaml(text.split("\n---\n")[0]?.replace(/^---\n/, "") ?? "") as { observed_on: string; subtopics: string[] };
        if (data.observed_on >= "2026-10-21" && data.observed_on <= "2026-11-20" && data.subtopics.includes("an-ninh-trat-tu")) found.push(name);
      }
    }
  }
  return found;
}

describe("the demo's planted hot spot", () => {
  const { model } = loadContent([...readContentFiles(CONTENT, listContentPaths(CONTENT))]);
  const tree = buildUnitTree(model);

  it("is found in 2026-11 in the three communes, with the counts of the files", () => {
    const month = hotspotsOf(model, tree, "2026-11");
    const scams = month?.hotspots.find((hotspot) => hotspot.topic.kind === "subtopic" && hotspot.topic.id === "an-ninh-trat-tu");
    expect(scams?.reason).toBe("nhieu-don-vi");
    expect(scams?.units.map((unit) => unit.unit).sort()).toEqual(SURGE_UNITS);
    for (const unit of scams?.units ?? []) {
      expect(unit.count).toBe(filesOnTopic(unit.unit).length);
      expect(unit.count).toBeGreaterThanOrEqual(2 * unit.expected);
    }
    expect(scams?.qValue).toBeLessThan(0.05);
    // Nothing else rises that month: the finding is the planted one.
    expect(month?.hotspots.map((hotspot) => `${hotspot.topic.kind}:${hotspot.topic.id}`)).toEqual(["subtopic:an-ninh-trat-tu"]);
  });

  it("is listed on the Điểm nóng page on the demo's day, and its month's page shows it with its observations", () => {
    const view = hotspotsIndexView(model, tree, DEMO_TODAY);
    // The demo's day (27/11) is in month 2026-12, which has just begun and found nothing: the page headlines 2026-11.
    expect(view.latest?.id).toBe("2026-11");
    expect(view.latest?.cards).toHaveLength(1);
    expect(view.months.find((month) => month.href === "/diem-nong/2026-11/")?.count).toBe("1 điểm nóng");
    const november = hotspotsOf(model, tree, "2026-11");
    const card = november && monthView(model, november).cards[0];
    expect(card?.summary).toMatch(/^Tăng ở 3 đơn vị: 14 thông tin trong tháng, so với khoảng [\d,]+ thường thấy \(gấp [\d,]+ lần\)\.$/);
    expect(card?.units.map((unit) => unit.unit).sort()).toEqual(["Xã Cẩm Duệ", "Xã Hương Sơn", "Xã Kỳ Anh"]);
    expect(card?.items.map((entry) => entry.title)).toContain('Người dân bị lừa chuyển tiền "nộp phạt nguội" qua điện thoại');
  });
});
