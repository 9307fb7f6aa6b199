/** Rules about the decoded text of every file, before it is parsed. */
import { controlCharacters } from "./control-characters.ts";
import type { TextRule } from "./rule.ts";

export const TEXT_RULES: readonly TextRule[] = [controlCharacters];
