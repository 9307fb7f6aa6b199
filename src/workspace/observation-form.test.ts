/**
 * Urgency levels and follow-up statuses are data: a level or a status added to
 * `urgencies.yaml` / `statuses.yaml` appears in the recording form, the
 * follow-up choices and the overdue list with no change of code, and a form
 * posted with it gives a file that `check` accepts.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { checkContent } from "../core/check/check-content.ts";
import { loadContent } from "../core/content/load-content.ts";
import { findFocalPoint } from "../core/units/jurisdiction.ts";
import { minimalContent, toContentFiles } from "../test-support/content-fixtures.ts";
import { statusChoices } from "./follow-up.ts";
import { overdueFollowUps, urgencyBadge } from "./home.ts";
import { buildObservation, formDefaults, observationInputs } from "./observation-form.ts";
import type { Submission } from "./record.ts";
import { fieldDocs } from "./schema-docs.ts";

const TODAY = "2026-11-27";
const docs = fieldDocs(readFileSync(join(import.meta.dirname, "..", "..", "schemas", "observation.ts"), "utf8"));

/** The minimal tree with a fourth urgency level, a new follow-up status, and the initial status renamed. */
function tree(): Record<string, string> {
  const files = minimalContent();
  files["urgencies.yaml"] = `${files["urgencies.yaml"]}- id: hoa-toc\n  label: Hỏa tốc\n  order: 4\n  urgent: true\n`;
  const statuses = parse(files["statuses.yaml"] as string) as { id: string; next: string[]; initial?: boolean }[];
  const renamed = statuses.map((status) => ({
    ...status,
    id: status.initial ? "vua-ghi-nhan" : status.id,
    next: [...status.next.map((next) => (next === "moi" ? "vua-ghi-nhan" : next)), ...(status.initial ? ["da-doi-thoai"] : [])],
  }));
  renamed.push({ id: "da-doi-thoai", label: "Đã đối thoại với Nhân dân", order: 9, closes: false, next: ["da-chuyen"] } as never);
  files["statuses.yaml"] = JSON.stringify(renamed);
  return files;
}

const load = (files: Record<string, string>) => loadContent(toContentFiles(files), { keepBodies: true }).model;

describe("urgencies and statuses from the data", () => {
  const files = tree();
  const model = load(files);
  const me = findFocalPoint(model, "ky-hoa-mttq-le-van-binh");
  const inputs = observationInputs(model, docs, [{ value: "xa-ky-hoa", label: "Xã Kỳ Hoa" }]);

  test("the data itself is valid", () => {
    expect(checkContent(toContentFiles(files), { root: "content/", today: TODAY }).issues.filter((issue) => issue.severity === "error")).toEqual([]);
  });

  test("a new urgency level is a choice of the form, in the data's order, and the least urgent is the default", () => {
    const urgency = inputs.find((input) => input.name === "urgency");
    expect(urgency?.choices).toEqual([
      { value: "thuong-xuyen", label: "Thường xuyên" },
      { value: "dot-xuat", label: "Đột xuất" },
      { value: "khan", label: "Khẩn" },
      { value: "hoa-toc", label: "Hỏa tốc" },
    ]);
    expect(formDefaults(model)).toEqual({ status: "vua-ghi-nhan", urgency: "thuong-xuyen" });
    expect(urgency?.hint).toBe("Đột xuất, khẩn, hỏa tốc: cấp trên nữa cũng được duyệt để thông tin đi nhanh.");
  });

  test("a form sent with the new level and the data's initial status gives a file check accepts", () => {
    const built = buildObservation(
      inputs,
      {
        unit: "xa-ky-hoa",
        title: "Người dân phản ánh sạt lở bờ sông",
        observed_on: "20/11/2026",
        recorded_on: "21/11/2026",
        field: "kinh-te",
        subtopics: "nong-nghiep-nong-thon",
        channel: "hom-thu-gop-y",
        urgency: "hoa-toc",
        confidentiality: "binh-thuong",
        body: "Bờ sông thôn Trung Hòa sạt lở sau mưa lớn.",
      },
      "mttq",
      formDefaults(model).status,
    );
    expect(built.errors).toEqual({});
    expect(built.text).toContain("urgency: hoa-toc");
    expect(built.text).toContain("status: vua-ghi-nhan");
    const issues = checkContent(toContentFiles({ ...files, [built.path]: built.text }), { root: "content/", today: TODAY }).issues;
    expect(issues.filter((issue) => issue.file === `content/${built.path}` && issue.severity === "error")).toEqual([]);
    // An urgency the data does not list is refused beside its input.
    const unknown = buildObservation(inputs, { urgency: "sieu-khan" }, "mttq", "vua-ghi-nhan");
    expect(unknown.errors.urgency).toEqual(['Lựa chọn "sieu-khan" không có trong danh sách']);
  });

  test("a new status is a follow-up choice; the initial one is not", () => {
    const choices = statusChoices(model).map((choice) => choice.value);
    expect(choices).toContain("da-doi-thoai");
    expect(choices).not.toContain("vua-ghi-nhan");
    expect(statusChoices(model).find((choice) => choice.value === "da-doi-thoai")?.label).toBe("Đã đối thoại với Nhân dân");
  });

  test("overdue follow-ups are those still in the data's initial status or forwarded", () => {
    if (!me) throw new Error("fixture focal point missing");
    const observation = (slug: string, status: string, followUp = "[]") =>
      `---\ntitle: Người dân phản ánh ${slug}\nobserved_on: 2026-03-14\nrecorded_on: 2026-03-15\nunit: xa-ky-hoa\norganisation: mttq\nfield: kinh-te\nsubtopics: [nong-nghiep-nong-thon]\nchannel: hom-thu-gop-y\nurgency: thuong-xuyen\nstatus: ${status}\nfollow_up: ${followUp}\n---\n\nNội dung.\n`;
    const withItems = load({
      ...files,
      "observations/2026/03/xa-ky-hoa/2026-03-14-moi-ghi.md": observation("moi ghi", "vua-ghi-nhan"),
      "observations/2026/03/xa-ky-hoa/2026-03-14-doi-thoai.md": observation("doi thoai", "da-doi-thoai", "[{date: 2026-03-16, status: da-doi-thoai}]"),
    });
    const overdue = overdueFollowUps(withItems, me, TODAY).map((entry) => entry.id);
    expect(overdue).toContain("xa-ky-hoa/2026-03-14-moi-ghi");
    expect(overdue).not.toContain("xa-ky-hoa/2026-03-14-doi-thoai");
  });

  test("a submission's red badge names its most urgent level from the data", () => {
    const submitted = load({
      ...files,
      "observations/2026/03/xa-ky-hoa/2026-03-14-duong-lien-thon.md": (files["observations/2026/03/xa-ky-hoa/2026-03-14-duong-lien-thon.md"] as string).replace(
        "urgency: thuong-xuyen",
        "urgency: hoa-toc",
      ),
    });
    expect(urgencyBadge({ model: submitted } as Submission)).toBe("Hỏa tốc");
  });
});
