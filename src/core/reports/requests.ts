/**
 * Ad-hoc report requests (schemas/request.ts) as expected reports: which bodies
 * owe a report, under which ad-hoc period, by when, and whether each sent it on
 * time — tracked like the periodic reports (src/core/reports/compliance.ts).
 */

import { formatDateVi } from "../calendar/dates.ts";
import type { ContentModel, RequestEntry } from "../content/content-model.ts";
import { reportHref } from "../site/links.ts";
import type { UnitTree } from "../units/unit-tree.ts";
import type { AdHocDeadline } from "./calendar-feed.ts";
import { COMPLIANCE_LABELS, type ComplianceCounts, complianceCounts, reportStatus } from "./compliance.ts";

export type { RequestEntry };

/** The ad-hoc period the reports are filed under: `<due>-<slug>` (reports/<period>/<unit>/<organisation>.md). */
export const requestPeriod = (request: Pick<RequestEntry, "due" | "slug">): string => `${request.due}-${request.slug}`;

const requestsOf = (model: ContentModel): readonly RequestEntry[] => [...(model.requests?.values() ?? [])];

const existsOn = (model: ContentModel, unitId: string, day: string) => {
  const unit = model.units.get(unitId);
  return unit !== undefined && (!unit.valid_from || unit.valid_from <= day) && (!unit.valid_to || day <= unit.valid_to);
};

/** The bodies a request asks, as `<unit>/<organisation>`, sorted: those it names, and every body of its levels in the asking unit's area that exists on the due date. */
export function requestedBodies(model: ContentModel, tree: UnitTree, request: RequestEntry): string[] {
  const bodies = new Set(request.bodies);
  const asking = request.requested_by.split("/")[0] as string;
  const area = tree.coverage(asking);
  for (const rule of request.levels) {
    for (const unit of model.units.values()) {
      if (unit.level !== rule.level || !area.has(unit.id) || !existsOn(model, unit.id, request.due)) continue;
      for (const organisation of rule.organisations) bodies.add(`${unit.id}/${organisation}`);
    }
  }
  return [...bodies].sort();
}

const bodyName = (model: ContentModel, key: string) => {
  const [unit, organisation] = key.split("/") as [string, string];
  const organisationLabel = model.organisations.find((candidate) => candidate.id === organisation);
  return `${organisationLabel?.short ?? organisationLabel?.label ?? organisation} ${model.units.get(unit)?.name ?? unit}`;
};

/** The requests addressed to one body, as calendar deadlines. */
export function requestDeadlinesFor(model: ContentModel, tree: UnitTree, unitId: string, organisation: string): AdHocDeadline[] {
  const key = `${unitId}/${organisation}`;
  return requestsOf(model)
    .filter((request) => requestedBodies(model, tree, request).includes(key))
    .map((request) => ({
      id: request.id,
      title: request.title,
      due: request.due,
      period: requestPeriod(request),
      requestedBy: bodyName(model, request.requested_by),
      about: request.about,
    }));
}

export interface RequestCompliance extends ComplianceCounts {
  request: RequestEntry;
  period: string;
}

/** Each requested body's report: on time, late, missing after the due date, or not yet due (the periodic statuses). */
export function requestCompliance(model: ContentModel, tree: UnitTree, request: RequestEntry, today: string): RequestCompliance {
  const period = requestPeriod(request);
  const rows = requestedBodies(model, tree, request).map((key) => {
    const [unit, organisation] = key.split("/") as [string, string];
    const report = model.reports.get(`${period}/${unit}/${organisation}`);
    return { unit, organisation, status: reportStatus(report, request.due, today), report };
  });
  return { request, period, ...complianceCounts(rows) };
}

/** Every request's compliance, newest due date first. */
export function requestsCompliance(model: ContentModel, tree: UnitTree, today: string): RequestCompliance[] {
  return [...requestsOf(model)]
    .sort((a, b) => b.due.localeCompare(a.due) || a.id.localeCompare(b.id))
    .map((request) => requestCompliance(model, tree, request, today));
}

export interface RequestComplianceRow {
  title: string;
  requestedBy: string;
  issued: string;
  due: string;
  /** Phải gửi, đã gửi, đúng hạn, trễ hạn, chưa gửi (quá hạn). */
  cells: string[];
  bodies: { name: string; status: string; href: string | undefined }[];
}

/** The compliance page's table of ad-hoc requests: counts per request and each requested body's status. */
export function requestsComplianceView(model: ContentModel, tree: UnitTree, today: string): RequestComplianceRow[] {
  return requestsCompliance(model, tree, today).map((summary) => ({
    title: summary.request.title,
    requestedBy: bodyName(model, summary.request.requested_by),
    issued: formatDateVi(summary.request.issued_on),
    due: formatDateVi(summary.request.due),
    cells: [summary.expected, summary.submitted, summary.onTime, summary.late, summary.missing].map((count) => count.toLocaleString("vi-VN")),
    bodies: summary.rows.map((row) => ({
      name: bodyName(model, `${row.unit}/${row.organisation}`),
      status: COMPLIANCE_LABELS[row.status],
      href: row.report ? reportHref(row.report) : undefined,
    })),
  }));
}
