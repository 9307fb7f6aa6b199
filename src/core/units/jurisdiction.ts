/**
 * Who may submit which files, and who may approve whose submissions, from the
 * units and bodies data alone (plan IV.2): a body writes only its own paths; the
 * bodies it reports to approve; urgent observations may also go one level
 * higher; nobody approves their own submission.
 */
import type { FocalPoint } from "../../../schemas/body.ts";
import type { BodyEntry, ContentModel } from "../content/content-model.ts";
import { classifyPath } from "../content/paths.ts";
import type { UnitTree } from "./unit-tree.ts";

export interface PersonInBody {
  person: FocalPoint;
  body: BodyEntry;
}

/** Finds a focal point by id, with the body they speak for. */
export function findFocalPoint(model: ContentModel, id: string): PersonInBody | undefined {
  for (const body of model.bodies.values()) {
    const person = body.focal_points.find((candidate) => candidate.id === id);
    if (person) return { person, body };
  }
  return undefined;
}

/** The e-mail a focal point's commits carry: their own, or a stable placeholder. */
export const commitEmail = (person: FocalPoint): string => person.email ?? `${person.id}@dan-y.invalid`;

export type PathVerdict = { ok: true } | { ok: false; reason: string };

/**
 * Whether a body may add or change a content path (relative to the content
 * directory). Observations of its unit (their `organisation` is checked with the
 * content) and its own reports; nothing else.
 */
export function mayWrite(body: BodyEntry, relative: string): PathVerdict {
  const where = classifyPath(relative);
  switch (where.kind) {
    case "observation":
      return where.unit === body.unit ? { ok: true } : { ok: false, reason: `thuộc đơn vị "${where.unit}", không phải "${body.unit}"` };
    case "report":
      return where.unit === body.unit && where.organisation === body.organisation
        ? { ok: true }
        : { ok: false, reason: `là báo cáo của ${where.unit}/${where.organisation}, không phải của ${body.id}` };
    case "reference":
    case "unit":
    case "body":
      return { ok: false, reason: "là dữ liệu danh mục (đơn vị, cơ quan, danh mục): chỉ quản trị viên được sửa qua quy trình riêng" };
    case "unknown":
      return { ok: false, reason: where.message };
  }
}

/** Bodies that may approve a body's submissions; `urgent` adds the level above them. */
export function reviewingBodies(tree: UnitTree, body: BodyEntry, urgent: boolean): string[] {
  const direct = tree.reportsTo(body.unit, body.organisation);
  if (!urgent) return direct;
  const above = direct.flatMap((id) => {
    const [unit, organisation] = id.split("/") as [string, string];
    return tree.reportsTo(unit, organisation);
  });
  return [...new Set([...direct, ...above])];
}

export type ReviewVerdict = { ok: true } | { ok: false; reason: string };

export function mayApprove(tree: UnitTree, reviewer: PersonInBody, submitter: PersonInBody, urgent: boolean): ReviewVerdict {
  if (reviewer.person.id === submitter.person.id) return { ok: false, reason: "không ai được tự duyệt bài nộp của chính mình" };
  const allowed = reviewingBodies(tree, submitter.body, urgent);
  if (allowed.includes(reviewer.body.id)) return { ok: true };
  return {
    ok: false,
    reason: `${reviewer.person.name} (${reviewer.body.id}) không có thẩm quyền duyệt bài của ${submitter.body.id}; ${
      allowed.length > 0 ? `cơ quan được duyệt: ${allowed.join(", ")}` : "dữ liệu chưa khai báo cơ quan cấp trên (reports_to) của cơ quan này"
    }`,
  };
}
