/** Builds the text and path of a new observation or report from answers (pure). */
import { stringify } from "yaml";
import type { ReportData } from "../../../schemas/report.ts";
import { plainFrontMatter } from "./front-matter-writer.ts";
import { observationPath, reportPath } from "./paths.ts";
import { slugify } from "./slugify.ts";

export interface ObservationAnswers {
  title: string;
  observed_on: string;
  recorded_on: string;
  unit: string;
  organisation: string;
  field: string;
  subtopics: string[];
  channel: string;
  urgency: string;
  /** The status a new item starts in: the list's `initial: true` entry (`referenceLabels(model).initialStatus`). */
  status: string;
  location?: string;
  people_count?: number;
  body: string;
}

export interface ReportAnswers {
  unit: string;
  organisation: string;
  period: string;
  title: string;
  author: string;
  submitted_on: string;
  observations: string[];
  reports: string[];
  body: string;
}

// The plain front matter of most new entries is written by the fast path (an import writes 10k), the rest by `yaml`.
const markdown = (data: Record<string, unknown>, body: string) =>
  `---\n${plainFrontMatter(data) ?? stringify(data, { lineWidth: 0 })}---\n\n${body.trim()}\n`.normalize("NFC");

export function newObservation(answers: ObservationAnswers): { path: string; text: string } {
  const slug = slugify(answers.title).split("-").slice(0, 8).join("-") || "thong-tin";
  const { body, status, ...fields } = answers;
  const data = { ...fields, tags: [], status, follow_up: [], related: [], confidentiality: "binh-thuong" };
  return { path: observationPath(answers.unit, answers.observed_on, slug), text: markdown(data, body) };
}

export function newReport(answers: ReportAnswers): { path: string; text: string; data: ReportData } {
  const { body, observations, reports, ...fields } = answers;
  const data = { ...fields, consolidates: { observations, reports } };
  // The file leaves out what the schema defaults (no reviewed flags yet); the data holds it, as a parsed report would.
  return { path: reportPath(answers.period, answers.unit, answers.organisation), text: markdown(data, body), data: { ...data, reviewed_flags: [] } };
}
