/**
 * Where a forwarded item stands, read from its follow-up log with the roles the
 * statuses have in `content/statuses.yaml` (`forwards`, `answers`, `resolves`),
 * never from status ids in code. The log, not only the current status, decides:
 * an item resolved and then informed back to the people (`da-thong-tin-lai`)
 * stays resolved; one forwarded again after an answer waits again.
 */
import type { FollowUpEntry } from "../../../schemas/observation.ts";
import type { ContentModel, ObservationEntry } from "../content/content-model.ts";
import { referenceLabels } from "../content/labels.ts";

/** Whether a step to this status forwards the item to an authority (`da-chuyen` in the demo). */
export const forwardsItem = (model: ContentModel, status: string): boolean => referenceLabels(model).statuses.get(status)?.forwards ?? false;
/** Whether reaching this status means the matter was settled (`da-giai-quyet` in the demo). */
export const resolvesItem = (model: ContentModel, status: string): boolean => referenceLabels(model).statuses.get(status)?.resolves ?? false;
/** Whether reaching this status after forwarding means the authority answered; a resolving status counts too. */
export const answersItem = (model: ContentModel, status: string): boolean => {
  const role = referenceLabels(model).statuses.get(status);
  return (role?.answers ?? false) || (role?.resolves ?? false);
};

export interface FollowUpOutcome {
  /** The first step that forwarded the item; undefined when it was never forwarded. */
  firstForwarding: FollowUpEntry | undefined;
  /** The last step that forwarded the item (the one an answer is awaited for). */
  lastForwarding: FollowUpEntry | undefined;
  /** The current status forwards: the item waits for the authority's answer. */
  waiting: boolean;
  /** A step since the last forwarding (or anywhere, when never forwarded) reached an answering or resolving status. */
  answered: boolean;
  /** A step since the last forwarding (or anywhere, when never forwarded) reached a resolving status. */
  resolved: boolean;
}

export function followUpOutcome(model: ContentModel, entry: ObservationEntry): FollowUpOutcome {
  const steps = entry.follow_up;
  let first = -1;
  let last = -1;
  steps.forEach((step, index) => {
    if (!forwardsItem(model, step.status)) return;
    if (first < 0) first = index;
    last = index;
  });
  const since = steps.slice(last + 1);
  return {
    firstForwarding: steps[first],
    lastForwarding: steps[last],
    waiting: forwardsItem(model, entry.status),
    answered: since.some((step) => answersItem(model, step.status)),
    resolved: since.some((step) => resolvesItem(model, step.status)),
  };
}
