/** Every cross-file rule, in the order their messages are most useful. */
import { adHocRequests } from "./ad-hoc-requests.ts";
import { bodies } from "./bodies.ts";
import { dateOrder } from "./date-order.ts";
import { fileLocation } from "./file-location.ts";
import { followUp } from "./follow-up.ts";
import { mergedUnits } from "./merged-units.ts";
import { observationReferences } from "./observation-references.ts";
import { referenceLists } from "./reference-lists.ts";
import { relatedObservations } from "./related-observations.ts";
import { reportConsolidation } from "./report-consolidation.ts";
import { reportRecipients } from "./report-recipients.ts";
import type { Rule } from "./rule.ts";
import { sealedContacts } from "./sealed-contacts.ts";
import { sealedRecipients } from "./sealed-observations.ts";
import { unitTree } from "./unit-tree.ts";

export const RULES: readonly Rule[] = [
  referenceLists,
  unitTree,
  bodies,
  fileLocation,
  observationReferences,
  dateOrder,
  followUp,
  mergedUnits,
  relatedObservations,
  reportConsolidation,
  reportRecipients,
  adHocRequests,
  sealedRecipients,
  sealedContacts,
];

export { ENTRY_RULES } from "./entry-rules.ts";
/** Every rule `check --rules` lists: file text, single entries, then across files. */
export { TEXT_RULES } from "./text-rules.ts";

import { ENTRY_RULES } from "./entry-rules.ts";
import { TEXT_RULES } from "./text-rules.ts";
export const RULE_CATALOGUE: readonly { id: string; description: string }[] = [...TEXT_RULES, ...ENTRY_RULES, ...RULES];
