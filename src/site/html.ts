/**
 * A tagged template for HTML strings: every interpolated value is escaped unless
 * it is already `SafeHtml` (the output of `html` itself or of the sanitising
 * Markdown renderer). Used for the observation sheets, which a 100k site renders
 * 100k times: a string is far cheaper there than an Astro component.
 */
import { escapeHtml } from "../core/site/escape-html.ts";

export class SafeHtml {
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
  toString(): string {
    return this.value;
  }
}

type Value = SafeHtml | string | number | false | null | undefined | readonly Value[];

function serialise(value: Value): string {
  if (value === false || value === null || value === undefined) return "";
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(serialise).join("");
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Value[]): SafeHtml {
  let out = strings[0] as string;
  for (let index = 0; index < values.length; index++) out += serialise(values[index] as Value) + strings[index + 1];
  return new SafeHtml(out);
}

/** Trusted HTML from the sanitising renderer. */
export const trusted = (value: string): SafeHtml => new SafeHtml(value);
