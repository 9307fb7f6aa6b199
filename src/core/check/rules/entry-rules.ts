/** Rules that look at one entry and its body while it is loaded. */
import { markdownShape } from "./markdown-shape.ts";
import { personalData } from "./personal-data.ts";
import type { EntryRule } from "./rule.ts";
import { unsafeHtml } from "./unsafe-html.ts";

export const ENTRY_RULES: readonly EntryRule[] = [personalData, unsafeHtml, markdownShape];
