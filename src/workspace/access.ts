/**
 * What a signed-in focal point may do and see, decided on the server from the
 * data alone (`src/core/units/jurisdiction.ts`): the units they may record for,
 * the submissions they may review, the restricted details they may read.
 */
import type { ContentModel, ObservationEntry } from "../core/content/content-model.ts";
import { isUrgent } from "../core/content/labels.ts";
import { observationPath } from "../core/content/paths.ts";
import { mayApprove, mayWrite, type PersonInBody, reviewingBodies } from "../core/units/jurisdiction.ts";
import type { Submission } from "./record.ts";

/** Per units map (a model's units change only with a new model) and body and day: every form and every send asks, and a province has thousands of units. */
const writableCache = new WeakMap<ContentModel["units"], Map<string, readonly { value: string; label: string }[]>>();

export function writableUnits(model: ContentModel, me: PersonInBody, today: string): { value: string; label: string }[] {
  let known = writableCache.get(model.units);
  if (!known) {
    known = new Map();
    writableCache.set(model.units, known);
  }
  const key = `${me.body.id}\0${today}`;
  let found = known.get(key);
  if (!found) {
    found = [...model.units.values()]
      .filter((unit) => mayWrite(me.body, observationPath(unit.id, today, "thong-tin")).ok)
      .map((unit) => ({ value: unit.id, label: unit.name }));
    known.set(key, found);
  }
  return found.map((unit) => ({ ...unit }));
}

/** Verdicts per analysed submission (reused while its branch stays put) and reviewing body: every home page and queue asks for each pending one. */
const reviewCache = new WeakMap<Submission, Map<string, boolean>>();

/** Whether `me` may approve or send back this submission. */
export function mayReview(submission: Submission, me: PersonInBody): boolean {
  if (!submission.submitter) return false;
  let known = reviewCache.get(submission);
  if (!known) {
    known = new Map();
    reviewCache.set(submission, known);
  }
  const key = `${me.body.id}\0${me.person.id}`;
  let verdict = known.get(key);
  if (verdict === undefined) {
    verdict = mayApprove(submission.model, me, submission.submitter, submission.urgent).ok;
    known.set(key, verdict);
  }
  return verdict;
}

/**
 * Restricted (`han-che`) details: the writing body and the bodies entitled to
 * review its submissions (up the line, urgent reach included) read them; nobody else.
 */
export function mayReadDetails(
  model: ContentModel,
  entry: Pick<ObservationEntry, "unit" | "organisation" | "confidentiality" | "urgency">,
  me: PersonInBody,
): boolean {
  if (entry.confidentiality !== "han-che") return true;
  const writer = model.bodies.get(`${entry.unit}/${entry.organisation}`);
  if (!writer) return false;
  if (writer.id === me.body.id) return true;
  return reviewingBodies(model, writer, isUrgent(model, entry.urgency)).includes(me.body.id);
}

/** The signed-in person of a page request (the middleware lets no other request reach a page). */
export function signedInPerson(locals: App.Locals): PersonInBody {
  if (!locals.me) throw new Error("A workspace page was reached without a signed-in person");
  return locals.me;
}
