/**
 * Following up an approved observation (forwarded, answered, resolved, not
 * within competence, informed back to the people) and sending a report: each
 * becomes a submission of the body's own file, validated as `check` does.
 */
import { stringify } from "yaml";
import type { ContentModel } from "../core/content/content-model.ts";
import { statusChoices as listedStatuses, referenceLabels } from "../core/content/labels.ts";
import { parseMarkdown } from "../core/content/markdown-file.ts";
import { classifyPath, reportPath } from "../core/content/paths.ts";
import { RefusalError } from "../core/errors.ts";
import { draftReport } from "../core/reports/report-draft.ts";
import { mayWrite, type PersonInBody } from "../core/units/jurisdiction.ts";
import { buildUnitTree } from "../core/units/unit-tree.ts";
import { parseVietnameseDate } from "./observation-form.ts";
import type { Service } from "./service.ts";

/** Follow-up results a step may record: the data's statuses (`content/statuses.yaml`) in their order, all but the initial one. */
export function statusChoices(model: ContentModel): { value: string; label: string; forwards: boolean }[] {
  return listedStatuses(model)
    .filter((status) => !status.initial)
    .map((status) => ({ value: status.id, label: status.label, forwards: status.forwards }));
}

export type FollowUpOutcome = { ok: true; branch: string } | { ok: false; status: 403 | 404 | 409 | 422; errors: Record<string, string[]> };

export interface FollowUpInput {
  id: string;
  date: string;
  status: string;
  authority: string;
  note: string;
}

export async function followUp(service: Service, me: PersonInBody, input: FollowUpInput): Promise<FollowUpOutcome> {
  const model = await service.record.model();
  const entry = model.observations.get(input.id);
  if (!entry) return { ok: false, status: 404, errors: { "": [`Không có thông tin đã duyệt mã "${input.id}"`] } };
  const relative = entry.source.file.replace(/^.*?observations\//, "observations/");
  if (!mayWrite(me.body, relative).ok || entry.organisation !== me.body.organisation) {
    return { ok: false, status: 403, errors: { "": [`${me.body.id} không được cập nhật thông tin của ${entry.unit}/${entry.organisation}`] } };
  }
  const errors: Record<string, string[]> = {};
  const date = parseVietnameseDate(input.date);
  if (!date) errors.date = [`Ngày cần viết dạng ngày/tháng/năm, ví dụ 14/03/2026; nhận được "${input.date}"`];
  const chosen = statusChoices(model).find((choice) => choice.value === input.status);
  if (!chosen) errors.status = ["Chọn một kết quả theo dõi trong danh sách"];
  if (Object.keys(errors).length > 0) return { ok: false, status: 422, errors };
  const text = await service.record.textAt(await service.record.mainCommit(), relative);
  const parsed = text ? parseMarkdown(text) : undefined;
  if (!parsed?.ok) return { ok: false, status: 409, errors: { "": ["Không đọc được tệp đã duyệt của thông tin này"] } };
  const data = { ...(parsed.parts.data as Record<string, unknown>) };
  const step: Record<string, string> = { date: date as string, status: input.status };
  if (input.authority.trim()) step.authority = input.authority.trim();
  if (input.note.trim()) step.note = input.note.trim();
  data.follow_up = [...((data.follow_up as unknown[]) ?? []), step];
  data.status = input.status;
  // A forwarding status (`forwards: true`, "đã chuyển" in the demo) names the authority the item now waits for.
  if (referenceLabels(model).statuses.get(input.status)?.forwards && step.authority) data.forwarded_to = step.authority;
  const updated = `---\n${stringify(data, { lineWidth: 0 })}---\n\n${parsed.parts.body.trim()}\n`.normalize("NFC");
  const issues = (await service.record.check(relative, updated)).filter((issue) => issue.severity !== "warning");
  if (issues.length > 0) return { ok: false, status: 422, errors: { "": issues.map((issue) => issue.message) } };
  try {
    const sent = await service.record.send(me.person.id, relative, updated, `${me.body.id}: theo dõi "${entry.title.slice(0, 60)}" (${input.status})`);
    return { ok: true, branch: sent.branch };
  } catch (error) {
    if (error instanceof RefusalError) return { ok: false, status: 409, errors: { "": [error.message] } };
    throw error;
  }
}

/** The draft of my body's report for a period, from the draft generator. */
export async function reportDraft(service: Service, me: PersonInBody, period: string) {
  const model = await service.record.model();
  return draftReport(model, buildUnitTree(model), {
    unit: me.body.unit,
    organisation: me.body.organisation,
    period,
    author: me.person.id,
    submittedOn: service.today(),
  });
}

export type ReportOutcome = { ok: true; branch: string } | { ok: false; status: 403 | 409 | 422; errors: string[] };

export async function sendReport(service: Service, me: PersonInBody, period: string, text: string): Promise<ReportOutcome> {
  if (!/^[0-9a-z-]+$/.test(period)) return { ok: false, status: 422, errors: [`Kỳ báo cáo "${period}" không hợp lệ`] };
  const relative = reportPath(period, me.body.unit, me.body.organisation);
  const where = classifyPath(relative);
  if (where.kind !== "report" || !mayWrite(me.body, relative).ok)
    return { ok: false, status: 403, errors: [`${me.body.id} không được nộp báo cáo ${relative}`] };
  const normalised = `${text.replace(/\r\n/g, "\n").trim()}\n`.normalize("NFC");
  const issues = (await service.record.check(relative, normalised)).filter((issue) => issue.severity !== "warning");
  if (issues.length > 0) return { ok: false, status: 422, errors: issues.map((issue) => `Dòng ${issue.line}: ${issue.message}`) };
  try {
    const sent = await service.record.send(me.person.id, relative, normalised, `${me.body.id}: nộp báo cáo kỳ ${period}`);
    return { ok: true, branch: sent.branch };
  } catch (error) {
    if (error instanceof RefusalError) return { ok: false, status: 409, errors: [error.message] };
    throw error;
  }
}
