import { describe, expect, it } from "vitest";
import { minimalContent, toContentFiles } from "../../test-support/content-fixtures.ts";
import { authorChoices, organisationChoices, subtopicChoices, unitChoices, urgencyChoices } from "./entry-choices.ts";
import { loadContent } from "./load-content.ts";

const person = (id: string, name: string) => `focal_points:\n  - id: ${id}\n    name: ${name}\n    title: Đầu mối\n`;

/** The minimal tree (Xã Kỳ Hoa, successor of the former Xã Kỳ Hoa of Huyện Kỳ Anh) plus a province body and a commune without any. */
const model = loadContent(
  toContentFiles({
    ...minimalContent(),
    "units/xa-ky-lac.yaml": "name: Xã Kỳ Lạc\nlevel: xa\nparent: ha-tinh\nvalid_from: 2025-07-01\n",
    "units/xa-ky-tan.yaml": "name: Xã Kỳ Tân\nlevel: xa\nparent: ha-tinh\nvalid_from: 2025-07-01\n",
    "bodies/xa-ky-lac/hoi-phu-nu.yaml": person("ky-lac-phu-nu-tran-thi-hoa", "Trần Thị Hoa"),
    "bodies/ha-tinh/mttq.yaml": `${person("ha-tinh-mttq-dang-thi-lan", "Đặng Thị Lan")}  - id: ha-tinh-mttq-ho-van-nam\n    name: Hồ Văn Nam\n    title: Đầu mối\n`,
  }),
).model;
const ids = (choices: { value: string }[]) => choices.map((choice) => choice.value);

describe("unitChoices", () => {
  it("offers, after the merger, only units that exist and have a body", () => {
    expect(ids(unitChoices(model, "2026-11-20"))).toEqual(["ha-tinh", "xa-ky-hoa", "xa-ky-lac"]);
  });

  it("offers, before the merger, the former commune (its records go to its successor's body) and not the new one", () => {
    expect(ids(unitChoices(model, "2025-03-01"))).toEqual(["ha-tinh", "xa-ky-hoa-cu"]);
  });

  it("narrows to the units where the chosen organisation has a body", () => {
    expect(ids(unitChoices(model, "2026-11-20", "hoi-phu-nu"))).toEqual(["xa-ky-lac"]);
    expect(ids(unitChoices(model, "2026-11-20", "mttq"))).toEqual(["ha-tinh", "xa-ky-hoa"]);
  });
});

describe("organisationChoices", () => {
  it("offers only organisations with a body at the unit, or at its successor", () => {
    expect(ids(organisationChoices(model, "xa-ky-lac"))).toEqual(["hoi-phu-nu"]);
    expect(ids(organisationChoices(model, "xa-ky-hoa-cu"))).toEqual(["mttq"]);
    expect(organisationChoices(model, "xa-ky-tan")).toEqual([]);
  });

  it("names them as the reference list does", () => {
    expect(organisationChoices(model, "xa-ky-hoa")).toEqual([{ value: "mttq", name: model.organisations.find((entry) => entry.id === "mttq")?.label }]);
  });
});

describe("subtopicChoices", () => {
  it("offers the sub-topics of the chosen field only", () => {
    const economy = subtopicChoices(model, "kinh-te");
    expect(ids(economy)).toContain("nong-nghiep-nong-thon");
    expect(ids(economy)).not.toContain("giao-duc-dao-tao");
    expect(ids(subtopicChoices(model, "van-hoa-xa-hoi"))).toContain("giao-duc-dao-tao");
    expect(subtopicChoices(model, "khong-co")).toEqual([]);
  });
});

describe("authorChoices", () => {
  it("offers the focal points of the chosen body", () => {
    expect(authorChoices(model, "ha-tinh", "mttq")).toEqual([
      { value: "ha-tinh-mttq-dang-thi-lan", name: "Đặng Thị Lan — Đầu mối" },
      { value: "ha-tinh-mttq-ho-van-nam", name: "Hồ Văn Nam — Đầu mối" },
    ]);
    expect(authorChoices(model, "ha-tinh", "hoi-phu-nu")).toEqual([]);
  });
});

it("urgencyChoices follows urgencies.yaml, in its order", () => {
  expect(urgencyChoices(model)).toEqual([
    { value: "thuong-xuyen", name: "Thường xuyên" },
    { value: "dot-xuat", name: "Đột xuất" },
    { value: "khan", name: "Khẩn" },
  ]);
});
