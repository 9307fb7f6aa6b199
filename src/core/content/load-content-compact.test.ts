/** Lean observations for documents over a large record: the same values, no YAML text, the same issues while loading. */
import { describe, expect, it } from "vitest";
import { minimalContent, toContentFiles, VALID_OBSERVATION, VALID_OBSERVATION_PATH } from "../../test-support/content-fixtures.ts";
import { loadContent } from "./load-content.ts";

describe("compact loading", () => {
  it("holds the same observations without their YAML text, and still locates each file's issues", () => {
    const tree = {
      ...minimalContent(),
      "observations/2026/03/xa-ky-hoa/2026-03-15-cho-tam.md": VALID_OBSERVATION.replace(
        "title: Người dân phản ánh đường liên thôn xuống cấp",
        "title: Chợ tạm lấn chiếm lòng đường",
      )
        .replace("people_count: 40", "people_count: nhiều")
        .replace("observed_on: 2026-03-14", "observed_on: 2026-03-15"),
    };
    const full = loadContent(toContentFiles(tree));
    const lean = loadContent(toContentFiles(tree), { compact: true });
    const id = VALID_OBSERVATION_PATH.replace(/^observations\/\d{4}\/\d{2}\//, "").replace(/\.md$/, "");
    const kept = full.model.observations.get(id);
    expect(kept?.source.yaml).toContain("title: Người dân phản ánh");
    expect(lean.model.observations.get(id)).toEqual({ ...kept, source: { ...kept?.source, yaml: "" } });
    expect(lean.model.observations.size).toBe(full.model.observations.size);
    // The bad count is reported at its line either way (found while the file is loaded).
    expect(lean.issues).toEqual(full.issues);
    expect(lean.issues.map((issue) => [issue.file, issue.line])).toContainEqual(["content/observations/2026/03/xa-ky-hoa/2026-03-15-cho-tam.md", 12]);
  });
});
