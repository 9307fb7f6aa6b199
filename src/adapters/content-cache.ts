/**
 * The loaded content kept between publishes, so that a publish after one
 * approval parses only the files that changed. Reading and parsing 100k files
 * (YAML, schemas, the per-file rules) was most of an incremental publish; reading
 * their bytes and hashing them is a small part of it. Each file's outcome (its
 * model entry or reference list, and its own issues) is kept under the digest of
 * its bytes, grouped by folder (one month of observations per chunk) and written
 * as V8 serializations in the site's cache folder; a publish reads every file,
 * takes the outcome of each whose digest is the cached one and loads the others,
 * so the model is the one a full load would give, in the same order. A chunk is
 * rewritten only when one of its files changed, appeared or went. The cache is
 * trusted only for the same loader code (the site code's digest, which follows
 * the imports of the loader, schemas and rules), the same display root and the
 * same body setting; anything unreadable is a miss, never an error.
 */
import { createHash } from "node:crypto";
import { lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { deserialize, serialize } from "node:v8";
import type { ContentIssue } from "../core/content/content-issue.ts";
import type { ContentModel, Source } from "../core/content/content-model.ts";
import { type ContentFile, ContentLoader, type LoadResult } from "../core/content/load-content.ts";
import { classifyPath } from "../core/content/paths.ts";
import { displayRoot, listContentPaths, readContentFiles } from "./content-files.ts";

/** Bumped whenever a chunk's shape changes. */
const CACHE_FORMAT = "dan-y-noi-dung-1";

/** The folder under a site's cache that holds the chunks. */
export const CONTENT_CACHE_FOLDER = "noi-dung";

/** What loading one file did: the entry it added to the model (if any) and its own issues. */
interface FileOutcome {
  digest: string;
  /** The file's stamp when it was read, if it was settled then (see stampOf). */
  stamp?: string;
  entry?: unknown;
  reference?: { value: unknown; source: Source };
  issues: ContentIssue[];
}

interface Chunk {
  format: string;
  /** What the outcomes are valid for: the loader's code, the display root, the body setting. */
  key: string;
  files: [string, FileOutcome][];
}

export interface CachedLoad extends LoadResult {
  /** Every path of the content folder, sorted (the check's path index is built from them). */
  paths: string[];
  /** How many files were loaded (not found in the cache). */
  loaded: number;
  /** Each file's digest (of its bytes), by path: what else is kept between publishes is keyed on them. */
  digests: Map<string, string>;
  /** Writes the chunks this load changed (and removes those of folders that are gone). */
  save: () => void;
}

/** The chunk a file's outcome is kept in: a month of observations, else its top folder. */
export function chunkOf(relative: string): string {
  const parts = relative.split("/");
  if (parts[0] === "observations" && parts.length > 3) return parts.slice(0, 3).join("/");
  return parts.length > 1 ? (parts[0] as string) : ".";
}

export const chunkFile = (name: string) => `${createHash("sha256").update(name).digest("hex").slice(0, 24)}.v8`;

function digestOf(file: ContentFile): string {
  const hash = createHash("sha1").update(`${file.symlink ? "l" : "f"}${file.size}\0`);
  if (file.bytes) hash.update(file.bytes);
  return hash.digest("base64");
}

/**
 * A file's identity and last change as the file system keeps them (inode, size, modification and
 * status-change times in nanoseconds), so that an unchanged file is known without reading it: the
 * status-change time moves on every write, rename or `touch` and cannot be set back. As Git does
 * with its index, a stamp is trusted only once settled, the file's last change more than two
 * seconds (`settleMs`) before it was read (a change within the clock's step of the read could leave the same
 * stamp); an unsettled file is read and hashed every time until it settles.
 */
function stampOf(path: string, settleMs: number): { text: string; settled: boolean } | undefined {
  try {
    const stats = lstatSync(path, { bigint: true });
    const settled = BigInt(Date.now()) * 1_000_000n - stats.ctimeNs > BigInt(settleMs) * 1_000_000n;
    return { text: `${stats.ino}:${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}:${stats.isSymbolicLink() ? "l" : "f"}`, settled };
  } catch {
    return undefined;
  }
}

/** The map of the model an entry of this path goes to, or the reference list it sets. */
type Slot = { map: Map<string, unknown>; id: string } | { reference: string } | undefined;

function slotOf(model: ContentModel, relative: string): Slot {
  const where = classifyPath(relative);
  switch (where.kind) {
    case "observation":
      return { map: model.observations as Map<string, unknown>, id: where.id };
    case "report":
      return { map: model.reports as Map<string, unknown>, id: where.id };
    case "unit":
      return { map: model.units as Map<string, unknown>, id: where.id };
    case "body":
      return { map: model.bodies as Map<string, unknown>, id: where.id };
    case "request":
      model.requests ??= new Map();
      return { map: model.requests as Map<string, unknown>, id: where.id };
    case "reference":
      return { reference: where.reference };
    default:
      return undefined;
  }
}

function readChunks(folder: string, key: string): Map<string, FileOutcome> {
  const known = new Map<string, FileOutcome>();
  let names: string[];
  try {
    names = readdirSync(folder).filter((name) => name.endsWith(".v8"));
  } catch {
    return known;
  }
  for (const name of names) {
    try {
      const chunk = deserialize(readFileSync(join(folder, name))) as Chunk;
      if (chunk.format !== CACHE_FORMAT || chunk.key !== key) continue;
      for (const [path, outcome] of chunk.files) known.set(path, outcome);
    } catch {
      // A chunk cut short (a publish stopped while writing it) is only a miss.
    }
  }
  return known;
}

/**
 * Loads `directory` as `loadContent` does (same model, same issues, same order), taking the outcome
 * of every unchanged file from the chunks under `cacheDir`. `code` names the loader's code.
 */
export function loadContentCached(
  directory: string,
  cacheDir: string,
  options: {
    keepBodies: boolean;
    code: string;
    /** How long after its last change a file's stamp is trusted (2 s; tests use 0, since a test cannot age a status-change time). */
    settleMs?: number;
  },
): CachedLoad {
  const settleMs = options.settleMs ?? 2000;
  const root = displayRoot(directory);
  const key = JSON.stringify([options.code, root, options.keepBodies]);
  const folder = join(cacheDir, CONTENT_CACHE_FOLDER);
  const known = readChunks(folder, key);
  const loader = new ContentLoader({ keepBodies: options.keepBodies });
  const { model, issues } = loader;
  const paths = listContentPaths(directory);
  const chunks = new Map<string, [string, FileOutcome][]>();
  const changed = new Set<string>();
  let loaded = 0;
  const digests = new Map<string, string>();
  for (const relative of paths) {
    const chunk = chunkOf(relative);
    let members = chunks.get(chunk);
    if (!members) {
      members = [];
      chunks.set(chunk, members);
    }
    const slot = slotOf(model, relative);
    const cached = known.get(relative);
    known.delete(relative);
    const stamp = stampOf(join(directory, relative), settleMs);
    let file: ContentFile | undefined;
    let digest = "";
    // The file's stamp vouches for it (see stampOf); without one, its bytes must hash the same.
    let hit = cached !== undefined && stamp !== undefined && cached.stamp === stamp.text;
    if (!hit) {
      file = readContentFiles(directory, [relative], root).next().value as ContentFile;
      digest = digestOf(file);
      hit = cached?.digest === digest;
    }
    if (cached && hit) {
      if (slot && "map" in slot && cached.entry !== undefined) slot.map.set(slot.id, cached.entry);
      if (slot && "reference" in slot && cached.reference) {
        (model.referenceSources as Record<string, Source>)[slot.reference] = cached.reference.source;
        (model as unknown as Record<string, unknown>)[slot.reference] = cached.reference.value;
      }
      issues.push(...cached.issues);
      digests.set(relative, cached.digest);
      const restamped = stamp?.settled && cached.stamp !== stamp.text;
      members.push([relative, restamped ? { ...cached, stamp: stamp.text } : cached]);
      if (restamped) changed.add(chunk);
      continue;
    }
    if (!file) {
      file = readContentFiles(directory, [relative], root).next().value as ContentFile;
      digest = digestOf(file);
    }
    digests.set(relative, digest);
    const issuesBefore = issues.length;
    const entryBefore = slot && "map" in slot ? slot.map.get(slot.id) : undefined;
    const referenceBefore = slot && "reference" in slot ? (model.referenceSources as Record<string, Source>)[slot.reference] : undefined;
    loader.add(file);
    loaded++;
    const outcome: FileOutcome = { digest, issues: issues.slice(issuesBefore), ...(stamp?.settled ? { stamp: stamp.text } : {}) };
    if (slot && "map" in slot) {
      const entry = slot.map.get(slot.id);
      if (entry !== entryBefore) outcome.entry = entry;
    } else if (slot && "reference" in slot) {
      const source = (model.referenceSources as Record<string, Source>)[slot.reference];
      if (source && source !== referenceBefore) outcome.reference = { source, value: (model as unknown as Record<string, unknown>)[slot.reference] };
    }
    members.push([relative, outcome]);
    changed.add(chunk);
  }
  // Files the cache knew that are gone: their chunks are rewritten without them.
  for (const path of known.keys()) changed.add(chunkOf(path));
  const save = () => {
    mkdirSync(folder, { recursive: true });
    const wanted = new Set([...chunks.keys()].map(chunkFile));
    for (const name of changed) {
      const members = chunks.get(name);
      const target = join(folder, chunkFile(name));
      if (!members) continue;
      const partial = `${target}.${process.pid}.dang-ghi`;
      writeFileSync(partial, serialize({ format: CACHE_FORMAT, key, files: members } satisfies Chunk));
      renameSync(partial, target);
    }
    for (const name of readdirSync(folder)) if (!wanted.has(name)) rmSync(join(folder, name), { force: true });
  };
  return { model, issues, paths, loaded, digests, save };
}
