/**
 * The search page's unit menu applies the units-of-a-period rule of the report
 * pages (`unitsBelow`): for a chosen month it offers the units that existed in
 * it, so the districts dissolved and the communes merged on 1 July 2025 are not
 * offered for a month after that, nor the new communes for a month before.
 * Checked in a real Chromium on the built demo site, against the unit files.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { browserOnSite, ROOT, useBuiltDemoSite } from "../test-support/built-site.ts";

const site = useBuiltDemoSite();

/** Every unit's lifetime, read from content/units/ independently of the site's code. */
function unitLifetimes(): Map<string, { from?: string; to?: string }> {
  const folder = join(ROOT, "content", "units");
  return new Map(
    readdirSync(folder).map((name) => {
      // The file is named for the unit; the dates stay strings (YAML 1.2 core schema).
      const data = parseYaml(readFileSync(join(folder, name), "utf8")) as { valid_from?: unknown; valid_to?: unknown };
      const day = (value: unknown) => String(value);
      return [
        name.replace(/\.yaml$/, ""),
        { ...(data.valid_from ? { from: day(data.valid_from) } : {}), ...(data.valid_to ? { to: day(data.valid_to) } : {}) },
      ];
    }),
  );
}

describe("the search page's unit menu in a real browser", () => {
  type Page = import("playwright-core").Page;
  const served = browserOnSite(site);

  const offered = (page: Page) =>
    page
      .locator("#loc-don_vi option")
      .evaluateAll((options) =>
        (options as HTMLOptionElement[]).filter((option) => option.value && !option.hidden && !option.disabled).map((option) => option.value),
      );
  const settled = (page: Page) => page.locator('#ket-qua[aria-busy="false"]').waitFor({ state: "attached" });

  it("offers for a chosen month the units that existed in it, keeps a chosen unit, and all units without a period", async () => {
    const lifetimes = unitLifetimes();
    const page = await served.browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    await page.goto(`${served.url}/tim-kiem/`);
    await settled(page);
    const all = await offered(page);
    const former = all.filter((id) => lifetimes.get(id)?.to);
    const formed = all.filter((id) => lifetimes.get(id)?.from);
    expect(former.length).toBeGreaterThan(10);
    expect(formed.length).toBeGreaterThan(10);

    // Month 2025-10 of the schedule: 21/09/2025–20/10/2025, after the merger.
    await page.locator("#loc-thang").selectOption("2025-10");
    await settled(page);
    const october = await offered(page);
    expect(
      await page
        .locator('#loc-thang option[value="2025-10"]')
        .evaluate((option) => [(option as HTMLOptionElement).dataset.start, (option as HTMLOptionElement).dataset.end]),
    ).toEqual(["2025-09-21", "2025-10-20"]);
    expect(october).toEqual(all.filter((id) => !lifetimes.get(id)?.to || (lifetimes.get(id)?.to as string) >= "2025-09-21"));
    for (const id of former) expect(october).not.toContain(id);
    for (const id of formed) expect(october).toContain(id);
    expect(october).toContain("ha-tinh");

    // Month 2025-05 (21/04–20/05/2025), before it: the old districts and communes, not the new communes.
    await page.locator("#loc-thang").selectOption("2025-05");
    await settled(page);
    const may = await offered(page);
    for (const id of former) expect(may).toContain(id);
    for (const id of formed) expect(may).not.toContain(id);

    // A chosen unit stays offered when a period after its end is chosen, with its count (0).
    const district = former.find((id) => id.startsWith("huyen-")) as string;
    await page.locator("#loc-don_vi").selectOption(district);
    await settled(page);
    await page.locator("#loc-thang").selectOption("2026-10");
    await settled(page);
    expect(await offered(page)).toContain(district);
    expect(await page.locator("#tinh-trang-tim").textContent()).toBe("Không tìm thấy kết quả nào.");
    expect(new URL(page.url()).search).toBe(`?don_vi=${district}&thang=2026-10`);

    // No period: every unit again, the former ones marked.
    await page.locator("#loc-don_vi").selectOption("");
    await page.locator("#loc-thang").selectOption("");
    await settled(page);
    expect(await offered(page)).toEqual(all);
    expect(await page.locator(`#loc-don_vi option[value="${district}"]`).getAttribute("data-label")).toMatch(/\(trước sắp xếp\)$/);

    // Opened from an address that names a month, the menu follows it at once.
    await page.goto(`${served.url}/tim-kiem/?thang=2025-10`);
    await settled(page);
    expect(await offered(page)).toEqual(october);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
