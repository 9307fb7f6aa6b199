/**
 * The observation form, built from the schema and the reference lists: which
 * inputs it has, their choices and hints; and the way back, from posted values
 * to the Markdown file that `check` and `submit` see, with each content issue
 * placed beside the input it concerns. Pure.
 */
import { stringify } from "yaml";
import { CONFIDENTIALITY, observationSchema } from "../../schemas/observation.ts";
import type { ContentIssue } from "../core/content/content-issue.ts";
import type { ContentModel, ObservationEntry } from "../core/content/content-model.ts";
import { referenceLabels, urgencyChoices, urgentLevelsPhrase } from "../core/content/labels.ts";
import { observationPath } from "../core/content/paths.ts";
import { slugify } from "../core/content/slugify.ts";
import type { FieldDoc } from "./schema-docs.ts";

export interface Choice {
  value: string;
  label: string;
  /** For sub-topics: the field they belong to. */
  group?: string;
}

export type InputKind = "text" | "textarea" | "date" | "number" | "select" | "multi" | "words" | "radio";

export interface FormInput {
  name: string;
  label: string;
  kind: InputKind;
  required: boolean;
  hint: string | undefined;
  example: string | undefined;
  choices: Choice[];
}

/**
 * Vietnamese labels of the schema's keys (the schema documents in English). A key the
 * schema gains appears in the form anyway, named by its key with its JSDoc as hint.
 */
const LABELS: Record<string, string> = {
  title: "Tiêu đề (một dòng tóm tắt)",
  observed_on: "Ngày nắm được",
  recorded_on: "Ngày ghi nhận",
  field: "Lĩnh vực",
  subtopics: "Tiểu mục",
  channel: "Kênh nắm tình hình",
  urgency: "Mức độ",
  unit: "Đơn vị",
  location: "Địa điểm",
  people_count: "Số người liên quan (ước tính)",
  tags: "Từ khóa",
  confidentiality: "Mức độ bảo mật",
  body: "Nội dung",
};

const HINTS: Record<string, string> = {
  title: "Tối đa 200 ký tự. Không ghi họ tên, số điện thoại của người phản ánh.",
  observed_on: "Dạng ngày/tháng/năm, ví dụ 14/03/2026.",
  recorded_on: "Dạng ngày/tháng/năm; không trước ngày nắm được.",
  subtopics: "Chọn một hoặc nhiều tiểu mục của lĩnh vực đã chọn.",
  location: "Thôn, tổ dân phố… Không ghi số nhà của người phản ánh.",
  unit: "Chỉ các đơn vị mà cơ quan bạn được ghi nhận.",
  field: "Lĩnh vực theo mục II của Kế hoạch.",
  channel: "Thông tin nắm được qua kênh nào (mục III của Kế hoạch).",
  people_count: "Một số nguyên, nếu biết.",
  confidentiality: "Hạn chế: chỉ cơ quan bạn và cơ quan có thẩm quyền duyệt xem được nội dung.",
  tags: "Các từ khóa không dấu, cách nhau bởi dấu phẩy, ví dụ: giao-thong, dat-dai.",
  body: "Người dân phản ánh gì, ở đâu, bao giờ. Không ghi họ tên, số điện thoại, CCCD của người phản ánh, khiếu nại, tố cáo (Luật Tố cáo, Điều 9 và 47).",
};

/** Keys the follow-up form, the reviewers and the server set, never the recording form. */
const NOT_RECORDED = new Set(["organisation", "status", "forwarded_to", "follow_up", "related", "reviewed_flags"]);
const DATES = new Set(["observed_on", "recorded_on"]);

function unwrap(schema: unknown): { type: string; optional: boolean; inner: unknown } {
  let current = schema as { def: { type: string; innerType?: unknown; element?: unknown; entries?: Record<string, string> } };
  let optional = false;
  while (current.def.type === "optional" || current.def.type === "default") {
    optional = true;
    current = current.def.innerType as typeof current;
  }
  return { type: current.def.type, optional, inner: current };
}

/** What a new observation starts with, from the reference lists: the initial status, the least urgent level. */
export function formDefaults(model: ContentModel): { status: string; urgency: string } {
  return { status: referenceLabels(model).initialStatus ?? "", urgency: urgencyChoices(model)[0]?.id ?? "" };
}

/** The form's inputs, in the schema's order, for a body that may write the given units. */
export function observationInputs(model: ContentModel, docs: ReadonlyMap<string, FieldDoc>, writableUnits: readonly Choice[]): FormInput[] {
  const inputs: FormInput[] = [];
  for (const [name, schema] of Object.entries(observationSchema.shape)) {
    if (NOT_RECORDED.has(name)) continue;
    const { type, optional } = unwrap(schema);
    const doc = docs.get(name);
    const base = {
      name,
      label: LABELS[name] ?? name,
      required: !optional,
      hint: HINTS[name] ?? (LABELS[name] ? undefined : doc?.text),
      example: doc?.example,
      choices: [] as Choice[],
    };
    if (name === "unit") inputs.push({ ...base, kind: "select", choices: [...writableUnits] });
    else if (name === "field") inputs.push({ ...base, kind: "select", choices: model.fields.map((field) => ({ value: field.id, label: field.label })) });
    else if (name === "subtopics")
      inputs.push({
        ...base,
        required: false,
        kind: "multi",
        choices: model.fields.flatMap((field) => (field.subtopics ?? []).map((topic) => ({ value: topic.id, label: topic.label, group: field.id }))),
      });
    else if (name === "channel")
      inputs.push({ ...base, kind: "select", choices: model.channels.map((channel) => ({ value: channel.id, label: channel.label })) });
    else if (name === "urgency") {
      // The urgent levels are the data's (`urgent: true`): "Đột xuất, khẩn: …" in the demo.
      const urgent = urgentLevelsPhrase(model);
      const hint = urgent ? `${urgent.charAt(0).toLocaleUpperCase("vi")}${urgent.slice(1)}: cấp trên nữa cũng được duyệt để thông tin đi nhanh.` : base.hint;
      inputs.push({ ...base, hint, kind: "radio", choices: urgencyChoices(model).map((urgency) => ({ value: urgency.id, label: urgency.label })) });
    } else if (name === "confidentiality")
      inputs.push({ ...base, required: true, kind: "radio", choices: Object.entries(CONFIDENTIALITY).map(([value, label]) => ({ value, label })) });
    else if (DATES.has(name)) inputs.push({ ...base, kind: "date" });
    else if (type === "int" || type === "number") inputs.push({ ...base, kind: "number" });
    else if (type === "array") inputs.push({ ...base, required: false, kind: "words" });
    else inputs.push({ ...base, kind: "text" });
  }
  inputs.push({ name: "body", label: LABELS.body as string, kind: "textarea", required: true, hint: HINTS.body, example: undefined, choices: [] });
  return inputs;
}

export type FormValues = Record<string, string | string[]>;

export interface BuiltObservation {
  path: string;
  text: string;
  /** Messages per input name ("" for the form as a whole), in Vietnamese. */
  errors: Record<string, string[]>;
}

const single = (values: FormValues, name: string): string => {
  const value = values[name];
  return (Array.isArray(value) ? (value[0] ?? "") : (value ?? "")).trim();
};

/** `14/3/2026` or `14-03-2026` → `2026-03-14`; undefined when it is not that shape. */
export function parseVietnameseDate(text: string): string | undefined {
  const match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text.trim());
  if (!match) return /^\d{4}-\d{2}-\d{2}$/.test(text.trim()) ? text.trim() : undefined;
  const [, day, month, year] = match as unknown as [string, string, string, string];
  return `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
}

export const formatVietnameseDate = (iso: string): string =>
  /^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : iso;

/**
 * The file the form describes. Shape problems the file cannot even hold (a date
 * that is not a date, a count that is not a number) are reported here; everything
 * else is left to `check`, so the form and the command line judge alike.
 * `initialStatus` is the data's (`initial: true` in statuses.yaml); `existing`
 * keeps the path and follow-up of an observation being corrected.
 */
export function buildObservation(
  inputs: readonly FormInput[],
  values: FormValues,
  organisation: string,
  initialStatus: string,
  existing?: Pick<ObservationEntry, "status" | "follow_up" | "forwarded_to" | "related"> & { path: string },
): BuiltObservation {
  const errors: Record<string, string[]> = {};
  const fail = (name: string, message: string) => {
    errors[name] = [...(errors[name] ?? []), message];
  };
  const data: Record<string, unknown> = {};
  for (const input of inputs) {
    if (input.name === "body") continue;
    if (input.kind === "multi") {
      const picked = (Array.isArray(values[input.name]) ? (values[input.name] as string[]) : [single(values, input.name)]).filter((value) => value !== "");
      data[input.name] = picked;
      continue;
    }
    if (input.kind === "words") {
      data[input.name] = single(values, input.name)
        .split(/[,;\s]+/)
        .filter((word) => word !== "");
      continue;
    }
    const text = single(values, input.name);
    if (text === "") {
      if (input.required) fail(input.name, `Cần điền ${input.label.toLowerCase()}`);
      continue;
    }
    if (input.kind === "date") {
      const iso = parseVietnameseDate(text);
      if (!iso) fail(input.name, `Ngày cần viết dạng ngày/tháng/năm, ví dụ 14/03/2026; nhận được "${text}"`);
      data[input.name] = iso ?? text;
    } else if (input.kind === "number") {
      if (!/^\d+$/.test(text)) fail(input.name, `Cần một số nguyên dương, ví dụ 40; nhận được "${text}"`);
      else data[input.name] = Number(text);
    } else if (input.kind === "select" || input.kind === "radio") {
      if (!input.choices.some((choice) => choice.value === text)) fail(input.name, `Lựa chọn "${text}" không có trong danh sách`);
      data[input.name] = text;
    } else data[input.name] = text;
  }
  data.organisation = organisation;
  data.status = existing?.status ?? initialStatus;
  if (existing?.forwarded_to) data.forwarded_to = existing.forwarded_to;
  data.follow_up = existing?.follow_up ?? [];
  data.related = existing?.related ?? [];
  const ordered = Object.fromEntries(
    Object.keys(observationSchema.shape)
      .filter((key) => data[key] !== undefined)
      .map((key) => [key, data[key]]),
  );
  const body = single(values, "body");
  if (body === "") fail("body", "Cần ghi nội dung thông tin");
  const observed = typeof data.observed_on === "string" && /^\d{4}-\d{2}-\d{2}$/.test(data.observed_on) ? data.observed_on : "";
  const slug =
    slugify(String(data.title ?? ""))
      .split("-")
      .slice(0, 8)
      .join("-") || "thong-tin";
  const path = existing?.path ?? (observed && typeof data.unit === "string" && data.unit ? observationPath(data.unit, observed, slug) : "");
  if (!path && Object.keys(errors).length === 0) fail("", "Chưa đủ đơn vị và ngày nắm được để đặt tên tệp");
  const text = `---\n${stringify(ordered, { lineWidth: 0 })}---\n\n${body}\n`.normalize("NFC");
  return { path, text, errors };
}

/** Puts each content issue of the file beside its input: the key on the issue's line, or the text below the front matter. */
export function placeIssues(text: string, issues: readonly ContentIssue[], known: ReadonlySet<string>): Record<string, string[]> {
  const lines = text.split("\n");
  const end = lines.indexOf("---", 1) + 1;
  const keyOfLine = (line: number): string => {
    if (line > end) return "body";
    for (let index = Math.min(line, end) - 1; index >= 1; index--) {
      const key = /^([a-z_]+):/.exec(lines[index] ?? "")?.[1];
      if (key) return key;
    }
    return "";
  };
  const placed: Record<string, string[]> = {};
  for (const issue of issues) {
    if (issue.severity === "warning") continue;
    let key = keyOfLine(issue.line);
    if (key === "organisation" || !known.has(key)) key = "";
    // Beside its input the rule's "Trường "x": " prefix says nothing more.
    const message = key === "" ? issue.message : issue.message.replace(/^Trường "[^"]+":\s*/, "");
    placed[key] = [...(placed[key] ?? []), message.charAt(0).toUpperCase() + message.slice(1)];
  }
  return placed;
}
