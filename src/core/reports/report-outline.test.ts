/** The report outline reads urgency labels and which statuses forward from the reference lists. */
import { describe, expect, it } from "vitest";
import { minimalContent, toContentFiles } from "../../test-support/content-fixtures.ts";
import type { ContentModel } from "../content/content-model.ts";
import { loadContent } from "../content/load-content.ts";
import { reportOutline } from "./report-outline.ts";

const { model } = loadContent(toContentFiles(minimalContent()));
const observations = [...model.observations.values()];
const outline = (content: ContentModel) => reportOutline({ model: content, heading: "Báo cáo", observations, lowerReports: [] });

describe("report outline", () => {
  it("on the demo's lists: a routine item without urgency, nothing waiting for an answer", () => {
    const text = outline(model);
    expect(text).toContain("- Người dân phản ánh đường liên thôn xuống cấp — Xã Kỳ Hoa, 14/03/2026");
    expect(text).toContain("- Tiếp tục theo dõi, đôn đốc việc trả lời, giải quyết các kiến nghị của Nhân dân.");
  });

  it("follows changed lists: a relabelled urgent level, a status that now forwards", () => {
    const changed: ContentModel = {
      ...model,
      urgencies: model.urgencies.map((level) => (level.id === "thuong-xuyen" ? { ...level, label: "Thường kỳ", urgent: true } : level)),
      statuses: model.statuses.map((status) => (status.id === "da-tra-loi" ? { ...status, forwards: true } : status)),
    };
    const text = outline(changed);
    expect(text).toContain("- Người dân phản ánh đường liên thôn xuống cấp (thường kỳ) — Xã Kỳ Hoa, 14/03/2026");
    expect(text).toContain("- Đề nghị các cơ quan chức năng sớm trả lời 1 nội dung đã chuyển nhưng chưa có kết quả.");
  });
});
