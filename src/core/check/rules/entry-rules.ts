/** Rules that look at one entry and its body while it is loaded. */
import { houseAddress } from "./house-address.ts";
import { identityNames } from "./identity-names.ts";
import { markdownShape } from "./markdown-shape.ts";
import { personalData } from "./personal-data.ts";
import type { EntryRule } from "./rule.ts";
import { sealedText } from "./sealed-observations.ts";
import { socialLinks } from "./social-links.ts";
import { unsafeHtml } from "./unsafe-html.ts";

export const ENTRY_RULES: readonly EntryRule[] = [personalData, identityNames, socialLinks, houseAddress, unsafeHtml, markdownShape, sealedText];
