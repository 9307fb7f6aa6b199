/**
 * Who may submit which files, and who may approve whose submissions, from the
 * units and bodies data alone. One function, `reviewLine`, decides the plan's
 * reporting lines (IV.2); the command line, the workspace, CODEOWNERS, the
 * forge check and the server hook all ask it.
 *
 * - Horizontal: a member organisation's body (and a residential area's chi hội)
 *   reports to the lead organisation's body of the same unit (MTTQ consolidates
 *   every channel).
 * - Vertical: every body reports to the lead organisation's body and to its own
 *   organisation's body at the nearest unit above that has either of them.
 * - Override: `reports_to` on the body replaces both.
 * - Top of the tree: where none of those bodies is in the repository, another
 *   focal point of the body itself approves (the provincial MTTQ's standing
 *   board reviews its own reports).
 * - Urgent items may also go one level higher.
 * Nobody ever approves their own submission.
 */
import type { FocalPoint } from "../../../schemas/body.ts";
import type { BodyEntry, ContentModel } from "../content/content-model.ts";
import { classifyPath } from "../content/paths.ts";
import { buildUnitTree, type UnitTree } from "./unit-tree.ts";

export interface PersonInBody {
  person: FocalPoint;
  body: BodyEntry;
}

/** Finds a focal point by id, with the body they speak for. */
export function findFocalPoint(model: ContentModel, id: string): PersonInBody | undefined {
  return peopleIndex(model).byId.get(id);
}

/**
 * Finds the focal point a Git server account stands for: their `account`
 * (REMOTE_USER, forge login), or their id when they declare none.
 */
export function findByAccount(model: ContentModel, account: string): PersonInBody | undefined {
  return peopleIndex(model).byAccount.get(account);
}

/** The account name a focal point pushes as. */
export const accountOf = (person: FocalPoint): string => person.account ?? person.id;

/** The e-mail a focal point's commits carry: their own, or a stable placeholder. */
export const commitEmail = (person: FocalPoint): string => person.email ?? `${person.id}@dan-y.invalid`;

interface PeopleIndex {
  byId: Map<string, PersonInBody>;
  byAccount: Map<string, PersonInBody>;
}

const peopleIndexes = new WeakMap<ContentModel, PeopleIndex>();
/** By the units map, not the model: a submission's model and a check's model are copies sharing the approved units, each asked for its tree. */
const trees = new WeakMap<ContentModel["units"], UnitTree>();

function peopleIndex(model: ContentModel): PeopleIndex {
  let index = peopleIndexes.get(model);
  if (!index) {
    index = { byId: new Map(), byAccount: new Map() };
    for (const body of model.bodies.values()) {
      for (const person of body.focal_points) {
        if (!index.byId.has(person.id)) index.byId.set(person.id, { person, body });
        if (!index.byAccount.has(accountOf(person))) index.byAccount.set(accountOf(person), { person, body });
      }
    }
    peopleIndexes.set(model, index);
  }
  return index;
}

/** The unit tree of a model, built once per units map (the tree reads nothing else of the model). */
export function treeOf(model: ContentModel): UnitTree {
  let tree = trees.get(model.units);
  if (!tree) {
    tree = buildUnitTree(model);
    trees.set(model.units, tree);
  }
  return tree;
}

export type PathVerdict = { ok: true } | { ok: false; reason: string };

/** True when `unit`'s area passed, through one or more mergers (`merged_into`), into `successor`. */
export function passedInto(model: ContentModel, unit: string, successor: string): boolean {
  const seen = new Set<string>();
  const pending = [...(model.units.get(unit)?.merged_into ?? [])];
  while (pending.length > 0) {
    const next = pending.pop() as string;
    if (next === successor) return true;
    if (seen.has(next)) continue;
    seen.add(next);
    pending.push(...(model.units.get(next)?.merged_into ?? []));
  }
  return false;
}

/**
 * The body that speaks for a unit's records today: its own, or, for a former
 * unit without one, the same organisation's body of the first unit its area
 * passed into (the successor keeps its predecessors' records).
 */
export function bodyFor(model: ContentModel, unit: string, organisation: string): BodyEntry | undefined {
  const own = model.bodies.get(`${unit}/${organisation}`);
  if (own) return own;
  const seen = new Set<string>();
  const pending = [...(model.units.get(unit)?.merged_into ?? [])];
  while (pending.length > 0) {
    const next = pending.shift() as string;
    if (seen.has(next)) continue;
    seen.add(next);
    const body = model.bodies.get(`${next}/${organisation}`);
    if (body) return body;
    pending.push(...(model.units.get(next)?.merged_into ?? []));
  }
  return undefined;
}

/**
 * Whether a body may add or change a content path (relative to the content
 * directory). Observations of its unit, or (given the model) of a former unit
 * that merged into it and has no body of its own (their `organisation` is
 * checked with the content), and its own reports; nothing else.
 */
export function mayWrite(body: BodyEntry, relative: string, model?: ContentModel): PathVerdict {
  const where = classifyPath(relative);
  switch (where.kind) {
    case "observation":
      if (where.unit === body.unit) return { ok: true };
      if (model && !model.bodies.has(`${where.unit}/${body.organisation}`) && passedInto(model, where.unit, body.unit)) return { ok: true };
      return { ok: false, reason: `thuộc đơn vị "${where.unit}", không phải "${body.unit}"` };
    case "report":
      return where.unit === body.unit && where.organisation === body.organisation
        ? { ok: true }
        : { ok: false, reason: `là báo cáo của ${where.unit}/${where.organisation}, không phải của ${body.id}` };
    case "reference":
    case "unit":
    case "body":
    case "request":
      return { ok: false, reason: "là dữ liệu danh mục (đơn vị, cơ quan, danh mục): chỉ quản trị viên được duyệt thay đổi" };
    case "unknown":
      return { ok: false, reason: where.message };
  }
}

/** Content paths only administrators approve: units, bodies and the reference lists. */
export function isAdministrativePath(relative: string): boolean {
  const kind = classifyPath(relative).kind;
  return kind === "reference" || kind === "unit" || kind === "body" || kind === "request";
}

/** Why a body's submissions go where they go. */
export type LineBasis =
  /** The body's own `reports_to`. */
  | "reports_to"
  /** The plan's default lines (horizontal and vertical). */
  | "plan"
  /** No body above is in the repository: another focal point of the same body. */
  | "peer";

export interface ReviewLine {
  /** Ids of the bodies whose focal points may approve, sorted. */
  bodies: string[];
  basis: LineBasis;
}

const leadOf = (model: ContentModel): string | undefined => model.organisations.find((organisation) => organisation.lead)?.id;

/** The direct line of a body, before urgency. */
function directLine(model: ContentModel, body: Pick<BodyEntry, "id" | "unit" | "organisation" | "reports_to">): ReviewLine {
  const explicit = (body.reports_to ?? []).filter((id) => id !== body.id && model.bodies.has(id));
  if (explicit.length > 0) return { bodies: [...new Set(explicit)].sort(), basis: "reports_to" };
  const lead = leadOf(model);
  const found = new Set<string>();
  // Horizontal: the member organisations report to the same unit's lead body.
  if (lead && body.organisation !== lead && model.bodies.has(`${body.unit}/${lead}`)) found.add(`${body.unit}/${lead}`);
  // Vertical: the lead body and the same organisation at the nearest unit above that has either.
  for (const ancestor of treeOf(model).ancestors(body.unit)) {
    const candidates = [lead, body.organisation].filter((id): id is string => id !== undefined).map((id) => `${ancestor}/${id}`);
    const present = candidates.filter((id) => model.bodies.has(id));
    if (present.length === 0) continue;
    for (const id of present) found.add(id);
    break;
  }
  if (found.size > 0) return { bodies: [...found].sort(), basis: "plan" };
  return { bodies: [body.id], basis: "peer" };
}

/**
 * The bodies that may approve a body's submissions: its direct line, and for
 * urgent items also the direct lines of those bodies (one level higher).
 */
export function reviewLine(model: ContentModel, body: Pick<BodyEntry, "id" | "unit" | "organisation" | "reports_to">, urgent = false): ReviewLine {
  const direct = directLine(model, body);
  if (!urgent) return direct;
  const above = direct.bodies.flatMap((id) => {
    const reviewer = model.bodies.get(id);
    return reviewer && id !== body.id ? directLine(model, reviewer).bodies : [];
  });
  return { bodies: [...new Set([...direct.bodies, ...above])].sort(), basis: direct.basis };
}

/** Body ids that may approve a body's submissions (see `reviewLine`). */
export function reviewingBodies(model: ContentModel, body: BodyEntry, urgent: boolean): string[] {
  return reviewLine(model, body, urgent).bodies;
}

export type ReviewVerdict = { ok: true } | { ok: false; reason: string };

/** Whether `reviewer` may approve (or send back) a submission of `submitter`. */
export function mayApprove(model: ContentModel, reviewer: PersonInBody, submitter: PersonInBody, urgent: boolean): ReviewVerdict {
  if (reviewer.person.id === submitter.person.id) return { ok: false, reason: "không ai được tự duyệt bài nộp của chính mình" };
  const line = reviewLine(model, submitter.body, urgent);
  if (line.bodies.includes(reviewer.body.id)) return { ok: true };
  const names = line.bodies.join(", ");
  const hint =
    line.basis === "peer"
      ? `không có cơ quan cấp trên trong kho: một đầu mối khác của chính ${submitter.body.id} duyệt${
          submitter.body.focal_points.length < 2 ? " (cơ quan này mới có một đầu mối: cần khai báo thêm đầu mối thứ hai)" : ""
        }`
      : `cơ quan được duyệt: ${names}${line.basis === "reports_to" ? " (theo reports_to)" : ""}`;
  return { ok: false, reason: `${reviewer.person.name} (${reviewer.body.id}) không có thẩm quyền duyệt bài của ${submitter.body.id}; ${hint}` };
}

/** Every focal point who may approve a submission of `submitter` (the submitter excluded). */
export function entitledReviewers(model: ContentModel, submitter: PersonInBody, urgent: boolean): PersonInBody[] {
  return reviewLine(model, submitter.body, urgent).bodies.flatMap((id) => {
    const body = model.bodies.get(id);
    return body ? body.focal_points.filter((person) => person.id !== submitter.person.id).map((person) => ({ person, body })) : [];
  });
}

/** One row of the jurisdiction table: a body, who approves its routine and its urgent submissions, and why. */
export interface JurisdictionRow {
  body: string;
  reviewers: string[];
  urgentReviewers: string[];
  basis: LineBasis;
}

/** The reporting lines of every body, sorted by body id: for tests, CODEOWNERS and the workspace. */
export function jurisdictionTable(model: ContentModel): JurisdictionRow[] {
  return [...model.bodies.values()]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((body) => {
      const line = reviewLine(model, body);
      return { body: body.id, reviewers: line.bodies, urgentReviewers: reviewLine(model, body, true).bodies, basis: line.basis };
    });
}

/**
 * The focal point ids the data names as administrators: `administrators` on the
 * lead organisation's body of each root unit. They alone approve changes to
 * units, bodies and reference lists.
 */
export function administrators(model: ContentModel): Set<string> {
  const lead = leadOf(model);
  const ids = new Set<string>();
  for (const unit of model.units.values()) {
    if (unit.parent) continue;
    for (const id of model.bodies.get(`${unit.id}/${lead}`)?.administrators ?? []) ids.add(id);
  }
  return ids;
}

/** Whether a person may approve a change to units, bodies or reference lists. */
export function mayApproveAdministrative(model: ContentModel, reviewer: PersonInBody, submitterId: string | undefined): ReviewVerdict {
  if (reviewer.person.id === submitterId) return { ok: false, reason: "không ai được tự duyệt bài nộp của chính mình" };
  const admins = administrators(model);
  if (admins.has(reviewer.person.id)) return { ok: true };
  return {
    ok: false,
    reason: `${reviewer.person.name} không phải quản trị viên dữ liệu: chỉ ${admins.size > 0 ? [...admins].join(", ") : "(chưa khai báo administrators)"} được duyệt thay đổi units/, bodies/ và danh mục`,
  };
}
