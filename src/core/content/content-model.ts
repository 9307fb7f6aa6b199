/** The whole content, parsed and schema-valid, as the rules and the site see it. */
import type {
  Body,
  Channel,
  Field,
  FollowUpStatus,
  Level,
  ObservationData,
  Organisation,
  ReportData,
  Schedule,
  Tag,
  Unit,
  UrgencyLevel,
} from "../../../schemas/index.ts";
import type { RequestData } from "../../../schemas/request.ts";
import type { ReferenceKind } from "./paths.ts";

/** Where an entry came from, so that rules can point into it. */
export interface Source {
  /** Display path, relative to the repository root. */
  file: string;
  /** The YAML text (front matter, or the whole data file). */
  yaml: string;
  /** Lines of the file before the YAML text. */
  lineOffset: number;
}

export interface Located {
  source: Source;
}

/** The Markdown of an entry; seen by entry rules while loading, not kept in the model. */
export interface MarkdownBody {
  /** Markdown after the front matter, NFC as stored. */
  body: string;
  /** Line of the file where the body starts. */
  bodyLine: number;
}

export type UnitEntry = Unit & Located;
export type BodyEntry = Body & Located;

export interface ObservationEntry extends ObservationData, Located {
  /** `<unit-id>/<yyyy-mm-dd>-<slug>`, from the path. */
  id: string;
  /** What the path says, for the location rule. */
  path: { year: string; month: string; unit: string; date: string };
  /** The Markdown body, when loaded with `keepBodies`. */
  body?: string;
}

export interface ReportEntry extends ReportData, Located {
  /** `<period>/<unit-id>/<organisation-id>`, from the path. */
  id: string;
  path: { period: string; unit: string; organisation: string };
  /** The Markdown body, when loaded with `keepBodies`. */
  body?: string;
}

/** An ad-hoc report request (`content/requests/<yyyy-mm-dd>-<slug>.yaml`). */
export interface RequestEntry extends RequestData, Located {
  /** The file name without `.yaml`: `<issued_on>-<slug>`. */
  id: string;
  /** The file name after its date: the ad-hoc period is `<due>-<slug>`. */
  slug: string;
}

export interface ContentModel {
  levels: Level[];
  organisations: Organisation[];
  fields: Field[];
  channels: Channel[];
  /** Urgency levels, in increasing urgency (`urgencies.yaml`). */
  urgencies: UrgencyLevel[];
  /** Follow-up statuses (`statuses.yaml`). */
  statuses: FollowUpStatus[];
  /** Tags with their labels (`tags.yaml`). */
  tags: Tag[];
  /** Absent when `schedule.yaml` is missing or invalid (its own issue says so). */
  schedule: Schedule | undefined;
  referenceSources: Partial<Record<ReferenceKind, Source>>;
  units: Map<string, UnitEntry>;
  bodies: Map<string, BodyEntry>;
  observations: Map<string, ObservationEntry>;
  reports: Map<string, ReportEntry>;
  /** Ad-hoc report requests by id (absent in models built by hand). */
  requests?: Map<string, RequestEntry>;
}

export function emptyModel(): ContentModel {
  return {
    levels: [],
    organisations: [],
    fields: [],
    channels: [],
    urgencies: [],
    statuses: [],
    tags: [],
    schedule: undefined,
    referenceSources: {},
    units: new Map(),
    bodies: new Map(),
    observations: new Map(),
    reports: new Map(),
    requests: new Map(),
  };
}
