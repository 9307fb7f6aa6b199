/** Each schema accepts its documented example and rejects what its JSDoc rules out. */
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  bodySchema,
  channelSchema,
  fieldSchema,
  isoDate,
  levelSchema,
  observationSchema,
  organisationSchema,
  reportSchema,
  scheduleSchema,
  slug,
  unitSchema,
} from "./index.ts";

const fails = (schema: z.ZodType, value: unknown) => {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.code}`);
};

describe("base", () => {
  it("slug accepts lowercase ASCII with hyphens only", () => {
    expect(slug.safeParse("xa-ky-hoa").success).toBe(true);
    for (const bad of ["Xa-Ky-Hoa", "xã-kỳ-hoa", "xa ky hoa", "-xa", "xa--hoa", "xa/hoa"]) expect(slug.safeParse(bad).success).toBe(false);
  });

  it("isoDate accepts real ISO dates only, with a hint for dd/mm/yyyy", () => {
    expect(isoDate.safeParse("2028-02-29").success).toBe(true);
    expect(isoDate.safeParse("2026-02-29").success).toBe(false);
    expect(isoDate.safeParse("2026-13-01").success).toBe(false);
    const hinted = isoDate.safeParse("5/3/2026");
    expect(hinted.success ? "" : hinted.error.issues[0]?.message).toBe('Ngày phải viết theo dạng năm-tháng-ngày (ISO), ví dụ 2026-03-05; nhận được "5/3/2026"');
  });
});

describe("reference lists", () => {
  it("level, organisation, field and channel take their documented examples", () => {
    expect(levelSchema.parse({ id: "xa", label: "Cấp xã" })).toEqual({ id: "xa", label: "Cấp xã" });
    expect(organisationSchema.parse({ id: "hoi-phu-nu", label: "Hội Liên hiệp Phụ nữ", short: "Hội LHPN" }).lead).toBe(false);
    expect(fieldSchema.parse({ id: "vu-viec-noi-com", label: "Những vụ việc nổi cộm" }).subtopics).toEqual([]);
    expect(fails(channelSchema, { id: "hom-thu-gop-y", label: "Hòm thư góp ý", mode: "hang-ngay" })).toEqual(["mode: invalid_value"]);
  });

  it("rejects unknown keys everywhere", () => {
    expect(fails(levelSchema, { id: "xa", label: "Cấp xã", color: "red" })).toEqual([": unrecognized_keys"]);
  });

  it("schedule requires months and days in range", () => {
    const kind = { label: "Tháng", due: [{ month: 13, day: 20 }] };
    expect(fails(scheduleSchema, { month: kind, quarter: kind, half: kind, year: { label: "Năm", due: [{ month: 12, day: 32 }] } })).toEqual([
      "month.due.0.month: too_big",
      "quarter.due.0.month: too_big",
      "half.due.0.month: too_big",
      "year.due.0.day: too_big",
    ]);
  });
});

describe("unit and body", () => {
  it("unit takes a merged former commune", () => {
    const unit = {
      name: "Phường Trần Phú",
      level: "xa",
      parent: "thanh-pho-ha-tinh",
      code: "18094",
      valid_to: "2025-06-30",
      merged_into: ["phuong-thanh-sen"],
    };
    expect(unitSchema.parse(unit)).toEqual(unit);
    expect(fails(unitSchema, { ...unit, merged_into: [] })).toEqual(["merged_into: too_small"]);
  });

  it("body needs a focal point with a valid e-mail", () => {
    const person = { id: "ky-hoa-mttq-le-van-binh", name: "Lê Văn Bình", title: "Phó Chủ tịch", email: "binh@example.vn" };
    expect(bodySchema.parse({ focal_points: [person] }).focal_points).toHaveLength(1);
    expect(fails(bodySchema, { focal_points: [] })).toEqual(["focal_points: too_small"]);
    expect(fails(bodySchema, { focal_points: [{ ...person, email: "khong-phai-thu" }] })).toEqual(["focal_points.0.email: invalid_format"]);
    expect(fails(bodySchema, { focal_points: [person], reports_to: ["ha-tinh"] })).toEqual(["reports_to.0: invalid_format"]);
  });
});

describe("observation and report", () => {
  const observation = {
    title: "Người dân phản ánh đường liên thôn xuống cấp",
    observed_on: "2026-03-14",
    recorded_on: "2026-03-15",
    unit: "xa-ky-hoa",
    organisation: "mttq",
    field: "kinh-te",
    channel: "hom-thu-gop-y",
    urgency: "thuong-xuyen",
    status: "moi",
  };

  it("fills defaults for lists and confidentiality", () => {
    expect(observationSchema.parse(observation)).toMatchObject({ subtopics: [], tags: [], follow_up: [], related: [], confidentiality: "binh-thuong" });
  });

  it("has no place for a complainant's identity", () => {
    expect(fails(observationSchema, { ...observation, complainant: "Nguyễn Văn A" })).toEqual([": unrecognized_keys"]);
    expect(Object.keys(observationSchema.shape).filter((key) => /name|ten|phone|dien_thoai|cccd|email/.test(key))).toEqual([]);
  });

  it("rejects a status or urgency that is not an id, and a fractional people count (the ids themselves are checked against statuses.yaml and urgencies.yaml by check)", () => {
    expect(fails(observationSchema, { ...observation, status: "Xong", urgency: "gấp", people_count: 2.5 })).toEqual([
      "urgency: invalid_format",
      "people_count: invalid_type",
      "status: invalid_format",
    ]);
  });

  it("report takes every period form and rejects others", () => {
    const report = { unit: "xa-ky-hoa", organisation: "mttq", title: "Báo cáo", author: "ky-hoa-mttq-le-van-binh", submitted_on: "2026-03-19" };
    for (const period of ["2026-03", "2026-q1", "2026-h2", "2026", "2026-03-15-bao-lu"])
      expect(reportSchema.safeParse({ ...report, period }).success).toBe(true);
    for (const period of ["2026-3", "2026-q0", "2026-h3", "2026-03-15"]) expect(reportSchema.safeParse({ ...report, period }).success).toBe(false);
    expect(reportSchema.parse({ ...report, period: "2026" }).consolidates).toEqual({ observations: [], reports: [] });
  });
});
