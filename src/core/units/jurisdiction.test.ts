import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { listContentPaths, readContentFiles } from "../../adapters/content-files.ts";
import { toContentFiles } from "../../test-support/content-fixtures.ts";
import type { ContentModel } from "../content/content-model.ts";
import { loadContent } from "../content/load-content.ts";
import { slugify } from "../content/slugify.ts";
import {
  administrators,
  entitledReviewers,
  findByAccount,
  findFocalPoint,
  jurisdictionTable,
  mayApprove,
  mayApproveAdministrative,
  type PersonInBody,
  reviewLine,
} from "./jurisdiction.ts";

const CONTENT = join(import.meta.dirname, "..", "..", "..", "content");

function demoModel(): ContentModel {
  const paths = listContentPaths(CONTENT, ["observations", "reports"]);
  const { model, issues } = loadContent(readContentFiles(CONTENT, paths));
  expect(issues).toEqual([]);
  return model;
}

const person = (model: ContentModel, bodyId: string, index = 0): PersonInBody => {
  const body = model.bodies.get(bodyId);
  const found = body?.focal_points[index];
  if (!body || !found) throw new Error(`no focal point ${index} in ${bodyId}`);
  return { person: found, body };
};

describe("the demo's reporting lines", () => {
  const model = demoModel();
  const lead = model.organisations.find((organisation) => organisation.lead)?.id as string;

  it("the MTTQ of xã Thạch Hà approves its Hội Phụ nữ; the Hội Phụ nữ of another commune does not", () => {
    const submitter = person(model, "xa-thach-ha/hoi-phu-nu");
    expect(mayApprove(model, person(model, "xa-thach-ha/mttq"), submitter, false)).toEqual({ ok: true });
    expect(mayApprove(model, person(model, "ha-tinh/hoi-phu-nu"), submitter, false)).toEqual({ ok: true });
    const other = mayApprove(model, person(model, "xa-ky-anh/hoi-phu-nu"), submitter, false);
    expect(other).toMatchObject({ ok: false });
    expect(!other.ok && other.reason).toContain("cơ quan được duyệt: ha-tinh/hoi-phu-nu, ha-tinh/mttq, xa-thach-ha/mttq");
  });

  it("the provincial MTTQ approves the provincial Hội CCB, which nobody else at the province does", () => {
    const submitter = person(model, "ha-tinh/hoi-ccb");
    expect(reviewLine(model, submitter.body)).toEqual({ bodies: ["ha-tinh/mttq"], basis: "plan" });
    expect(mayApprove(model, person(model, "ha-tinh/mttq"), submitter, false)).toEqual({ ok: true });
    expect(mayApprove(model, person(model, "ha-tinh/hoi-nong-dan"), submitter, false)).toMatchObject({ ok: false });
  });

  it("a second focal point of the provincial MTTQ approves the first's report, and the first cannot", () => {
    const first = person(model, "ha-tinh/mttq", 0);
    const second = person(model, "ha-tinh/mttq", 1);
    expect(reviewLine(model, first.body)).toEqual({ bodies: ["ha-tinh/mttq"], basis: "peer" });
    expect(mayApprove(model, second, first, false)).toEqual({ ok: true });
    expect(mayApprove(model, first, first, false)).toEqual({ ok: false, reason: "không ai được tự duyệt bài nộp của chính mình" });
    expect(entitledReviewers(model, first, false).map((entry) => entry.person.id)).toEqual([second.person.id]);
  });

  it("gives every body of the demo the line the plan gives its level", () => {
    const levelOf = (unit: string) => model.units.get(unit)?.level;
    const table = jurisdictionTable(model);
    expect(table).toHaveLength(model.bodies.size);
    for (const row of table) {
      const body = model.bodies.get(row.body);
      if (!body) throw new Error(row.body);
      const parent = model.units.get(body.unit)?.parent;
      const isLead = body.organisation === lead;
      let expected: string[];
      switch (levelOf(body.unit)) {
        case "tinh":
          expected = isLead ? [body.id] : [`${body.unit}/${lead}`];
          break;
        case "khu-dan-cu":
          // A residential area's Ban công tác Mặt trận reports to the commune's MTTQ.
          expected = [`${parent}/${lead}`];
          break;
        default:
          expected = isLead ? [`${parent}/${lead}`] : [`${body.unit}/${lead}`, `${parent}/${lead}`, `${parent}/${body.organisation}`];
      }
      expect({ body: row.body, reviewers: row.reviewers }).toEqual({ body: row.body, reviewers: expected.sort() });
      expect(row.basis).toBe(row.reviewers.includes(row.body) ? "peer" : "plan");
    }
  });

  it("lets urgent items go one level higher: a residential area's urgent item reaches the provincial MTTQ", () => {
    const area = model.bodies.get("xa-thach-ha-thon-dong-tien/mttq");
    if (!area) throw new Error("demo residential area missing");
    expect(reviewLine(model, area, false).bodies).toEqual(["xa-thach-ha/mttq"]);
    expect(reviewLine(model, area, true).bodies).toEqual(["ha-tinh/mttq", "xa-thach-ha/mttq"]);
    const submitter = person(model, area.id);
    expect(mayApprove(model, person(model, "ha-tinh/mttq"), submitter, false)).toMatchObject({ ok: false });
    expect(mayApprove(model, person(model, "ha-tinh/mttq"), submitter, true)).toEqual({ ok: true });
  });

  it("nobody approves their own submission, routine or urgent, anywhere in the demo", () => {
    for (const body of model.bodies.values()) {
      for (const index of body.focal_points.keys()) {
        const self = person(model, body.id, index);
        expect(mayApprove(model, self, self, false).ok).toBe(false);
        expect(mayApprove(model, self, self, true).ok).toBe(false);
      }
    }
  });

  it("names the administrators in the data and lets only them approve reference data", () => {
    expect([...administrators(model)]).toEqual(["ha-tinh-mttq-tran-thi-thu-ha"]);
    const admin = findFocalPoint(model, "ha-tinh-mttq-tran-thi-thu-ha") as PersonInBody;
    expect(mayApproveAdministrative(model, admin, "xa-thach-ha-mttq-duong-ngoc-dung")).toEqual({ ok: true });
    expect(mayApproveAdministrative(model, admin, admin.person.id).ok).toBe(false);
    expect(mayApproveAdministrative(model, person(model, "ha-tinh/mttq", 0), undefined)).toMatchObject({ ok: false });
    expect(findByAccount(model, admin.person.id)?.person.id).toBe(admin.person.id);
  });
});

describe("reports_to and the top of the tree", () => {
  const fp = (id: string) => `focal_points:\n  - id: ${id}\n    name: Người ${id}\n    title: Đầu mối\n`;
  const base = (extra: Record<string, string>) => {
    const files: Record<string, string> = {
      "levels.yaml": readFileSync(join(CONTENT, "levels.yaml"), "utf8"),
      "organisations.yaml": readFileSync(join(CONTENT, "organisations.yaml"), "utf8"),
      "units/tinh-a.yaml": "name: Tỉnh A\nlevel: tinh\n",
      "units/xa-b.yaml": "name: Xã B\nlevel: xa\nparent: tinh-a\n",
      "units/thon-c.yaml": "name: Thôn C\nlevel: khu-dan-cu\nparent: xa-b\n",
      ...extra,
    };
    return loadContent(toContentFiles(files)).model;
  };

  it("an explicit reports_to replaces the default lines", () => {
    const model = base({
      "bodies/tinh-a/mttq.yaml": fp("a-mttq"),
      "bodies/tinh-a/hoi-ccb.yaml": fp("a-ccb"),
      "bodies/xa-b/hoi-ccb.yaml": `${fp("b-ccb")}reports_to: [tinh-a/hoi-ccb]\n`,
    });
    expect(reviewLine(model, model.bodies.get("xa-b/hoi-ccb") as never)).toEqual({ bodies: ["tinh-a/hoi-ccb"], basis: "reports_to" });
  });

  it("skips a unit above that has no body and reaches the nearest one that does", () => {
    const model = base({ "bodies/tinh-a/mttq.yaml": fp("a-mttq"), "bodies/thon-c/mttq.yaml": fp("c-mttq") });
    expect(reviewLine(model, model.bodies.get("thon-c/mttq") as never).bodies).toEqual(["tinh-a/mttq"]);
  });

  it("a lone focal point at the top is told that a second one is needed", () => {
    const model = base({ "bodies/tinh-a/mttq.yaml": fp("a-mttq"), "bodies/tinh-a/hoi-ccb.yaml": fp("a-ccb") });
    const verdict = mayApprove(model, person(model, "tinh-a/hoi-ccb"), person(model, "tinh-a/mttq"), false);
    expect(verdict).toEqual({
      ok: false,
      reason:
        "Người a-ccb (tinh-a/hoi-ccb) không có thẩm quyền duyệt bài của tinh-a/mttq; không có cơ quan cấp trên trong kho: một đầu mối khác của chính tinh-a/mttq duyệt (cơ quan này mới có một đầu mối: cần khai báo thêm đầu mối thứ hai)",
    });
  });
});

describe("a generated national tree (34 provinces, every commune, six organisations each)", () => {
  interface Province {
    code: string;
    name: string;
    communes: { code: string; name: string }[];
  }
  const admin = JSON.parse(readFileSync("/work/shared/data/vn-admin/viet-nam-tu-2025-07.json", "utf8")) as { provinces: Province[] };
  const organisations = ["mttq", "hoi-ccb", "cong-doan", "hoi-nong-dan", "doan-thanh-nien", "hoi-phu-nu"];

  function nationalModel(): ContentModel {
    const files: Record<string, string> = {
      "levels.yaml": readFileSync(join(CONTENT, "levels.yaml"), "utf8"),
      "organisations.yaml": readFileSync(join(CONTENT, "organisations.yaml"), "utf8"),
    };
    const used = new Set<string>();
    const unique = (id: string) => {
      let candidate = id;
      for (let n = 2; used.has(candidate); n++) candidate = `${id}-${n}`;
      used.add(candidate);
      return candidate;
    };
    for (const province of admin.provinces) {
      const provinceId = unique(slugify(province.name.replace(/^(Tỉnh|Thành phố)\s+/, "")));
      files[`units/${provinceId}.yaml`] = `name: ${province.name}\nlevel: tinh\ncode: "${province.code}"\n`;
      const bodiesAt = (unit: string) => {
        for (const organisation of organisations) {
          files[`bodies/${unit}/${organisation}.yaml`] =
            `focal_points:\n  - id: ${unit}-${organisation}-1\n    name: Đầu mối một\n    title: Đầu mối\n  - id: ${unit}-${organisation}-2\n    name: Đầu mối hai\n    title: Đầu mối\n`;
        }
      };
      bodiesAt(provinceId);
      for (const commune of province.communes) {
        const communeId = unique(`${provinceId}-${slugify(commune.name)}`);
        files[`units/${communeId}.yaml`] = `name: ${commune.name}\nlevel: xa\nparent: ${provinceId}\ncode: "${commune.code}"\n`;
        bodiesAt(communeId);
      }
    }
    const { model, issues } = loadContent(toContentFiles(files));
    expect(issues).toEqual([]);
    return model;
  }

  it("every body has a line, every reviewer exists, only the provincial MTTQs review themselves, no one approves their own", () => {
    expect(admin.provinces).toHaveLength(34);
    const model = nationalModel();
    const table = jurisdictionTable(model);
    expect(table.length).toBeGreaterThan(3000 * 6);
    const peers = table.filter((row) => row.basis === "peer").map((row) => row.body);
    const provinces = [...model.units.values()].filter((unit) => !unit.parent).map((unit) => `${unit.id}/mttq`);
    expect(peers.sort()).toEqual(provinces.sort());
    for (const row of table) {
      const body = model.bodies.get(row.body);
      if (!body) throw new Error(row.body);
      for (const reviewer of row.urgentReviewers) expect(model.bodies.has(reviewer)).toBe(true);
      const parent = model.units.get(body.unit)?.parent;
      if (!parent) expect(row.reviewers).toEqual(body.organisation === "mttq" ? [body.id] : [`${body.unit}/mttq`]);
      else if (body.organisation === "mttq") expect(row.reviewers).toEqual([`${parent}/mttq`]);
      else expect(row.reviewers).toEqual([`${body.unit}/mttq`, `${parent}/mttq`, `${parent}/${body.organisation}`].sort());
      const first = person(model, row.body, 0);
      const second = person(model, row.body, 1);
      expect(mayApprove(model, first, first, true).ok).toBe(false);
      expect(mayApprove(model, second, first, false).ok).toBe(row.basis === "peer");
    }
  });
});
