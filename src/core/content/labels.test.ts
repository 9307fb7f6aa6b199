import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { minimalContent, toContentFiles } from "../../test-support/content-fixtures.ts";
import { closesItem, isUrgent, referenceLabels, statusChoices, statusLabel, tagLabel, urgencyLabel, urgencyOrder, urgentLevelsPhrase } from "./labels.ts";
import { loadContent } from "./load-content.ts";

const { model } = loadContent(toContentFiles(minimalContent()));

describe("labels from the reference lists", () => {
  it("reads urgency, status and tag labels and roles from content/*.yaml", () => {
    expect(urgencyLabel(model, "khan")).toBe("Khẩn");
    expect([isUrgent(model, "thuong-xuyen"), isUrgent(model, "dot-xuat"), isUrgent(model, "khan")]).toEqual([false, true, true]);
    expect(urgencyOrder(model, "khan")).toBeGreaterThan(urgencyOrder(model, "dot-xuat"));
    expect(statusLabel(model, "da-thong-tin-lai")).toBe("Đã thông tin lại cho Nhân dân");
    expect([closesItem(model, "da-chuyen"), closesItem(model, "da-giai-quyet"), closesItem(model, "da-thong-tin-lai")]).toEqual([false, true, true]);
    expect(referenceLabels(model).initialStatus).toBe("moi");
    expect(statusChoices(model)[0]?.id).toBe("moi");
    expect(tagLabel(model, "sap-xep-bo-may")).toBe("Sắp xếp bộ máy");
    expect(tagLabel(model, "khong-co")).toBe("khong-co");
  });

  it("names the urgent levels in their order, following a changed list", () => {
    expect(urgentLevelsPhrase(model)).toBe("đột xuất, khẩn");
    const urgencies = [
      { id: "khan", label: "Khẩn", order: 3, urgent: true },
      { id: "hoa-toc", label: "Hỏa tốc", order: 4, urgent: true },
      { id: "thuong-xuyen", label: "Thường xuyên", order: 1, urgent: false },
      { id: "dot-xuat", label: "Đột xuất", order: 2, urgent: false },
    ];
    expect(urgentLevelsPhrase({ ...model, urgencies })).toBe("khẩn, hỏa tốc");
  });

  it("labels every tag the demo uses", () => {
    const root = join(import.meta.dirname, "..", "..", "..", "content", "observations");
    const used = new Set<string>();
    const walk = (folder: string): void => {
      for (const entry of readdirSync(folder, { withFileTypes: true }))
        if (entry.isDirectory()) walk(join(folder, entry.name));
        else for (const tag of /\ntags:\n((?: {2}- .+\n)+)/.exec(readFileSync(join(folder, entry.name), "utf8"))?.[1]?.match(/(?<=- ).+/g) ?? []) used.add(tag);
    };
    walk(root);
    expect(used.size).toBeGreaterThan(30);
    expect([...used].filter((tag) => !referenceLabels(model).tags.has(tag))).toEqual([]);
  });
});
