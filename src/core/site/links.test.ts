import { describe, expect, it } from "vitest";
import type { ObservationEntry } from "../content/content-model.ts";
import { observationAnchor, observationHref, observationPages, reportHref } from "./links.ts";

const entry = (id: string) => ({ id, unit: id.split("/")[0] as string }) as ObservationEntry;

describe("observation links", () => {
  it("point to the unit-month page and the observation's anchor", () => {
    const item = entry("xa-thach-ha/2026-10-05-duong-lang-xuong-cap");
    expect(observationAnchor(item)).toBe("2026-10-05-duong-lang-xuong-cap");
    expect(observationHref(item)).toBe("/thong-tin/xa-thach-ha/2026-10/#2026-10-05-duong-lang-xuong-cap");
  });

  it("group observations by unit and month, in date order", () => {
    const pages = observationPages([entry("xa-a/2026-10-09-b"), entry("xa-b/2026-10-01-a"), entry("xa-a/2026-10-02-a"), entry("xa-a/2026-11-01-c")]);
    expect([...pages.keys()]).toEqual(["xa-a/2026-10", "xa-b/2026-10", "xa-a/2026-11"]);
    expect(pages.get("xa-a/2026-10")?.map((item) => item.id)).toEqual(["xa-a/2026-10-02-a", "xa-a/2026-10-09-b"]);
  });

  it("point a report at its article on the consolidated page", () => {
    expect(reportHref({ unit: "xa-ky-hoa", period: "2026-03", organisation: "mttq" })).toBe("/bao-cao/xa-ky-hoa/2026-03/#bao-cao-mttq");
  });
});
