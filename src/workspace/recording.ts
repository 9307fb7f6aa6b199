/**
 * Recording and correcting an observation from the form: build the file, run the
 * same validation as `check`, place each message beside its input, and send it
 * as a submission (or as a correction on the returned branch).
 */
import type { ContentModel, ObservationEntry } from "../core/content/content-model.ts";
import { parseMarkdown } from "../core/content/markdown-file.ts";
import { classifyPath } from "../core/content/paths.ts";
import { RefusalError } from "../core/errors.ts";
import type { PersonInBody } from "../core/units/jurisdiction.ts";
import { writableUnits } from "./access.ts";
import { buildObservation, type FormInput, type FormValues, formDefaults, observationInputs, placeIssues } from "./observation-form.ts";
import { sealIfRestricted } from "./sealed.ts";
import type { Service } from "./service.ts";

export type RecordOutcome =
  | { ok: true; branch: string; corrected: boolean }
  | { ok: false; status: 400 | 403 | 409 | 422; errors: Record<string, string[]>; values: FormValues };

export async function formFor(service: Service, me: PersonInBody): Promise<{ model: ContentModel; inputs: FormInput[] }> {
  const model = await service.record.model();
  return { model, inputs: observationInputs(model, service.docs, writableUnits(model, me, service.today())) };
}

/** The returned submission `branch` of `me`, with the file it holds, for correcting. */
export async function correctable(service: Service, me: PersonInBody, branch: string) {
  const submission = await service.record.find(branch);
  if (!submission || submission.submitter?.person.id !== me.person.id) return undefined;
  const path = submission.paths[0];
  if (!path || classifyPath(path).kind !== "observation") return undefined;
  const text = await service.record.textAt(submission.tip, path);
  return text ? { submission, path, text } : undefined;
}

/** Form values from a file's text (to prefill a correction or a follow-up). */
export function valuesOf(text: string): FormValues {
  const parsed = parseMarkdown(text);
  if (!parsed.ok) return {};
  const data = parsed.parts.data as Record<string, unknown>;
  const values: FormValues = {};
  for (const [key, value] of Object.entries(data)) {
    if (Array.isArray(value)) values[key] = key === "tags" ? value.join(", ") : value.map(String);
    else if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) values[key] = `${value.slice(8, 10)}/${value.slice(5, 7)}/${value.slice(0, 4)}`;
    else if (value !== undefined && value !== null && typeof value !== "object") values[key] = String(value);
  }
  values.body = parsed.parts.body.trim();
  return values;
}

export async function recordObservation(service: Service, me: PersonInBody, values: FormValues, correcting?: string): Promise<RecordOutcome> {
  const { model, inputs } = await formFor(service, me);
  const initialStatus = formDefaults(model).status;
  let existing: Parameters<typeof buildObservation>[4];
  if (correcting) {
    const returned = await correctable(service, me, correcting);
    if (!returned)
      return { ok: false, status: 403, errors: { "": [`Không sửa được bài nộp "${correcting}": không phải bài của bạn hoặc không còn chờ duyệt.`] }, values };
    const parsed = parseMarkdown(returned.text);
    const data = (parsed.ok ? parsed.parts.data : {}) as Partial<ObservationEntry>;
    existing = {
      path: returned.path,
      status: data.status ?? initialStatus,
      follow_up: data.follow_up ?? [],
      forwarded_to: data.forwarded_to,
      related: data.related ?? [],
    };
  }
  const built = buildObservation(inputs, values, me.body.organisation, initialStatus, existing);
  if (!built.path) return { ok: false, status: 422, errors: built.errors, values };
  // A restricted observation is sealed before it is checked and sent, as `dan-y seal` would.
  const confidentiality = typeof values.confidentiality === "string" ? values.confidentiality : "";
  if (confidentiality === "han-che") {
    try {
      built.text = await sealIfRestricted(await service.record.model(), built.text, {
        unit: String(values.unit ?? ""),
        organisation: me.body.organisation,
        confidentiality,
      });
    } catch (error) {
      if (!(error instanceof RefusalError)) throw error;
      return { ok: false, status: 422, errors: { confidentiality: [error.message] }, values };
    }
  }
  const issues = await service.record.check(built.path, built.text);
  // The form's own messages first (what was typed); check's for every other input.
  const errors = { ...placeIssues(built.text, issues, new Set(inputs.map((input) => input.name))), ...built.errors };
  if (Object.keys(errors).length > 0) return { ok: false, status: 422, errors, values };
  try {
    const title = typeof values.title === "string" ? values.title : "thông tin";
    const sent = await service.record.send(
      me.person.id,
      built.path,
      built.text,
      `${me.body.id}: ${correcting ? "sửa" : "ghi nhận"} "${title.slice(0, 80)}"`,
      correcting,
    );
    return { ok: true, branch: sent.branch, corrected: Boolean(correcting) };
  } catch (error) {
    if (error instanceof RefusalError) return { ok: false, status: 409, errors: { "": [error.message] }, values };
    throw error;
  }
}
