/** Notability follows the urgency order of content/urgencies.yaml, not ids written in code. */
import { describe, expect, it } from "vitest";
import { minimalContent, toContentFiles } from "../../test-support/content-fixtures.ts";
import type { ContentModel, ObservationEntry } from "../content/content-model.ts";
import { loadContent } from "../content/load-content.ts";
import { byNotability, byUrgency } from "./notability.ts";

const { model } = loadContent(toContentFiles(minimalContent()));
const sample = model.observations.values().next().value as ObservationEntry;
const entry = (id: string, urgency: string, people = 0): ObservationEntry => ({ ...sample, id, urgency, people_count: people });
const items = [entry("a", "thuong-xuyen", 500), entry("b", "khan", 1), entry("c", "dot-xuat", 20), entry("d", "dot-xuat", 90), entry("e", "rat-khan")];
const ids = (sorted: ObservationEntry[]) => sorted.map((item) => item.id);

/** The demo's list with a new most urgent level and đột xuất moved below thường xuyên. */
const changed: ContentModel = {
  ...model,
  urgencies: [
    { id: "dot-xuat", label: "Đột xuất", order: 1, urgent: true },
    { id: "thuong-xuyen", label: "Thường xuyên", order: 2, urgent: false },
    { id: "khan", label: "Khẩn", order: 3, urgent: true },
    { id: "rat-khan", label: "Hỏa tốc", order: 4, urgent: true },
  ],
};

describe("notability", () => {
  it("puts the demo's khẩn before đột xuất before thường xuyên, then more people concerned", () => {
    // `rat-khan` is not in the demo's list: it ranks lowest (check reports the unknown id).
    expect(ids([...items].sort(byNotability(model)))).toEqual(["b", "d", "c", "a", "e"]);
    expect(ids([...items].sort(byUrgency(model)))).toEqual(["b", "c", "d", "a", "e"]);
  });

  it("follows the order of a changed list", () => {
    expect(ids([...items].sort(byNotability(changed)))).toEqual(["e", "b", "a", "d", "c"]);
    expect(ids([...items].sort(byUrgency(changed)))).toEqual(["e", "b", "a", "c", "d"]);
  });
});
