import { describe, expect, it } from "vitest";
import { minimalContent, toContentFiles, VALID_REQUEST } from "../../test-support/content-fixtures.ts";
import { loadContent } from "../content/load-content.ts";
import { buildUnitTree } from "../units/unit-tree.ts";
import { calendarDeadlines } from "./calendar-feed.ts";
import { requestCompliance, requestDeadlinesFor, requestedBodies, requestPeriod, requestsComplianceView } from "./requests.ts";

const REQUEST = VALID_REQUEST;

function load(extra: Record<string, string>) {
  const tree = { ...minimalContent(), ...extra };
  return loadContent(toContentFiles(tree));
}

describe("ad-hoc requests", () => {
  it("load from content/requests/ and name the bodies that owe a report", () => {
    const { model, issues } = load({ "requests/2026-11-23-mua-lu.yaml": REQUEST });
    expect(issues).toEqual([]);
    const request = model.requests?.get("2026-11-23-mua-lu");
    expect(request?.slug).toBe("mua-lu");
    expect(request && requestPeriod(request)).toBe("2026-12-03-mua-lu");
    const tree = buildUnitTree(model);
    const communes = [...model.units.values()].filter((unit) => unit.level === "xa" && !unit.valid_to).map((unit) => `${unit.id}/mttq`);
    expect(request && requestedBodies(model, tree, request)).toEqual([...communes, "xa-ky-hoa/hoi-nong-dan"].sort());
  });

  it("reject bad files with the field and line", () => {
    const { issues } = load({
      "requests/2026-11-23-mua-lu.yaml": REQUEST.replace("due: 2026-12-03", "due: 2026-11-20").replace(
        "bodies: [xa-ky-hoa/hoi-nong-dan]",
        "bodies: [xa ky hoa]",
      ),
      "requests/mua-lu.yaml": REQUEST,
    });
    const messages = issues.map((issue) => `${issue.file}:${issue.line}: ${issue.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/requests\/mua-lu\.yaml:1: .*requests\/<năm-tháng-ngày>-<tên-ngắn>\.yaml/),
        expect.stringMatching(/2026-11-23-mua-lu\.yaml:6: .*<mã-đơn-vị>\/<mã-tổ-chức>/),
      ]),
    );
    const { issues: dueIssues } = load({ "requests/2026-11-23-mua-lu.yaml": REQUEST.replace("due: 2026-12-03", "due: 2026-11-20") });
    expect(dueIssues.map((issue) => issue.message)).toEqual([expect.stringContaining("không được trước ngày yêu cầu")]);
  });

  it("are tracked like periodic reports and appear in the bodies' calendars", () => {
    const { model } = load({ "requests/2026-11-23-mua-lu.yaml": REQUEST });
    const tree = buildUnitTree(model);
    const request = model.requests?.get("2026-11-23-mua-lu");
    if (!request) throw new Error("request not loaded");
    const before = requestCompliance(model, tree, request, "2026-12-01");
    expect(before.rows.every((row) => row.status === "chua-den-han")).toBe(true);
    const after = requestCompliance(model, tree, request, "2026-12-04");
    expect(after.missing).toBe(after.expected);
    const deadlines = requestDeadlinesFor(model, tree, "xa-ky-hoa", "hoi-nong-dan");
    expect(deadlines).toEqual([
      {
        id: "2026-11-23-mua-lu",
        title: "Tình hình Nhân dân sau đợt mưa lũ",
        due: "2026-12-03",
        period: "2026-12-03-mua-lu",
        requestedBy: "MTTQ Tỉnh Hà Tĩnh",
        about: "Ý kiến của Nhân dân về công tác cứu trợ.",
      },
    ]);
    expect(calendarDeadlines(model, "xa-ky-hoa", "hoi-nong-dan", "2026-11-27", deadlines).map((deadline) => deadline.uid)).toEqual([
      "yeu-cau-2026-11-23-mua-lu-xa-ky-hoa-hoi-nong-dan@dan-y",
    ]);
    expect(requestDeadlinesFor(model, tree, "xa-ky-hoa", "hoi-phu-nu")).toEqual([]);
  });

  it("give the compliance page a row per request with counts and each body's status", () => {
    const report = minimalContent()["reports/2026-03/xa-ky-hoa/mttq.md"] as string;
    const { model } = load({
      "requests/2026-11-23-mua-lu.yaml": REQUEST,
      "reports/2026-12-03-mua-lu/xa-ky-hoa/mttq.md": report
        .replace(/period: .*/, "period: 2026-12-03-mua-lu")
        .replace(/submitted_on: .*/, "submitted_on: 2026-12-02"),
    });
    const [row] = requestsComplianceView(model, buildUnitTree(model), "2026-12-10");
    expect(row?.title).toBe("Tình hình Nhân dân sau đợt mưa lũ");
    expect(row?.due).toBe("03/12/2026");
    expect(row?.cells).toEqual(["2", "1", "1", "0", "1"]);
    expect(row?.bodies).toEqual([
      { name: "Hội ND Xã Kỳ Hoa", status: "Chưa gửi (đã quá hạn)", href: undefined },
      { name: "MTTQ Xã Kỳ Hoa", status: "Đúng hạn", href: "/bao-cao/xa-ky-hoa/2026-12-03-mua-lu/#bao-cao-mttq" },
    ]);
  });
});
