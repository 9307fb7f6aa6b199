import { describe, expect, it } from "vitest";
import { loadContent } from "../core/content/load-content.ts";
import { buildUnitTree } from "../core/units/unit-tree.ts";
import { minimalContent, toContentFiles, VALID_OBSERVATION, VALID_OBSERVATION_PATH } from "../test-support/content-fixtures.ts";
import type { SiteData } from "./data.ts";
import { pageKeys } from "./page-inputs.ts";
import { observationMonthPages } from "./views/observation-month.ts";

function site(files: Record<string, string>, today = "2026-11-27"): SiteData {
  const { model } = loadContent(toContentFiles(files), { keepBodies: true });
  return { model, tree: buildUnitTree(model), today, provenance: new Map() };
}

/** The fixture's observation moved to `date`, with its title. */
function observationOn(date: string, title: string): Record<string, string> {
  const text = VALID_OBSERVATION.replace(/^title: .*$/m, `title: ${title}`)
    .replace(/observed_on: .*/, `observed_on: ${date}`)
    .replace(/recorded_on: .*/, `recorded_on: ${date}`)
    .replace(/follow_up:\n( {2}.*\n)+/, "follow_up: []\n")
    .replace(/status: .*/, "status: moi")
    .replace(/forwarded_to: .*\n/, "");
  return { [`observations/${date.slice(0, 4)}/${date.slice(5, 7)}/xa-ky-hoa/${date}-moi.md`]: text };
}

/** Every page's key: unit-month, consolidated and unit pages. */
function keysOf(data: SiteData): Map<string, string> {
  const keys = pageKeys(data);
  const out = new Map<string, string>();
  for (const props of observationMonthPages(data.model.observations.values())) out.set(`thong-tin/${props.unit}/${props.month}`, keys.monthPage(props));
  for (const page of ["xa-ky-hoa/2026-03", "ha-tinh/2026-03", "ha-tinh/2026-q1", "ha-tinh/2026", "xa-ky-hoa/2026-11", "ha-tinh/2026-11"]) {
    const [unit, period] = page.split("/") as [string, string];
    out.set(`bao-cao/${page}`, keys.reportPage(unit, period));
  }
  for (const unit of data.model.units.keys()) out.set(`don-vi/${unit}`, keys.unitPage(unit));
  for (const field of data.model.fields) out.set(`linh-vuc/${field.id}`, keys.fieldPage(field.id));
  for (const channel of data.model.channels) out.set(`kenh/${channel.id}`, keys.channelPage(channel.id));
  return out;
}

const changed = (before: Map<string, string>, after: Map<string, string>) =>
  [...new Set([...before.keys(), ...after.keys()])].filter((page) => before.get(page) !== after.get(page)).sort();

describe("page keys from inputs", () => {
  const base = { ...minimalContent(), ...observationOn("2026-11-20", "Đường ngập sau mưa") };
  const before = keysOf(site(base));

  it("are the same for the same content, computed again", () => {
    expect(changed(before, keysOf(site(base)))).toEqual([]);
  });

  it("change for the pages that count a changed observation, and only those", () => {
    const edited = { ...base, [VALID_OBSERVATION_PATH]: (base[VALID_OBSERVATION_PATH] as string).replace("Thôn Trung Hòa", "Thôn Trung Hòa 2") };
    expect(changed(before, keysOf(site(edited)))).toEqual([
      "bao-cao/ha-tinh/2026",
      "bao-cao/ha-tinh/2026-03",
      "bao-cao/ha-tinh/2026-q1",
      "bao-cao/xa-ky-hoa/2026-03",
      "don-vi/ha-tinh",
      "don-vi/xa-ky-hoa",
      "kenh/hom-thu-gop-y",
      "linh-vuc/kinh-te",
      "thong-tin/xa-ky-hoa/2026-03",
    ]);
  });

  it("change with the build's date for unit pages and the periods in progress, not for unit-month pages or periods over", () => {
    const later = changed(before, keysOf(site(base, "2026-11-28")));
    expect(later.filter((page) => page.startsWith("thong-tin/"))).toEqual([]);
    expect(later).toContain("don-vi/xa-ky-hoa");
    // The year (to 15 December) is in progress on both days ("đến hôm nay"); November (to the 20th), March and the
    // first quarter are over, and their consolidated report's Word document is dated in the browser, on click.
    expect(later.filter((page) => page.startsWith("bao-cao/"))).toEqual(["bao-cao/ha-tinh/2026"]);
    // November's pages follow the day while it lasts.
    expect(changed(keysOf(site(base, "2026-11-18")), keysOf(site(base, "2026-11-19"))).filter((page) => page.startsWith("bao-cao/"))).toEqual([
      "bao-cao/ha-tinh/2026",
      "bao-cao/ha-tinh/2026-11",
      "bao-cao/xa-ky-hoa/2026-11",
    ]);
    // A period over: the same key on any later day, and still another one when what it shows changes.
    const march = (today: string, files = base) => pageKeys(site(files, today)).reportPage("ha-tinh", "2026-03");
    expect(march("2027-05-02")).toBe(march("2026-11-27"));
    const edited = { ...base, [VALID_OBSERVATION_PATH]: (base[VALID_OBSERVATION_PATH] as string).replace("Thôn Trung Hòa", "Thôn Trung Hòa 2") };
    expect(march("2027-05-02", edited)).not.toBe(march("2027-05-02"));
  });

  it("change with a unit's data for its own pages and those of the units above it", () => {
    const renamed = { ...base, "units/xa-ky-hoa.yaml": (base["units/xa-ky-hoa.yaml"] as string).replace("name: Xã Kỳ Hoa", "name: Xã Kỳ Hoa Mới") };
    const pages = changed(before, keysOf(site(renamed)));
    expect(pages).toContain("thong-tin/xa-ky-hoa/2026-11");
    expect(pages).toContain("bao-cao/ha-tinh/2026-11");
    expect(pages).toContain("don-vi/ha-tinh");
    expect(pages).not.toContain("don-vi/huyen-ky-anh");
  });
});
