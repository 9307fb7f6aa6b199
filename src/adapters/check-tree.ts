/**
 * Checks a content tree on disk using every core. Observations and reports are
 * cut into contiguous slices; each thread reads the shared files (reference
 * lists, units, bodies) and its slice, parses them and runs every rule against
 * the index of all paths, then sends back only its issues and a summary. Parsing
 * dominates a check, so two cores halve it, and no thread holds the whole tree.
 * Small trees stay on one thread: a worker costs more than it saves below a few
 * thousand files.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { type CheckOptions, checkLoaded, treeIssues } from "../core/check-content.ts";
import { extendIndex, lazyIndex } from "../core/content-index.ts";
import { compareIssues, type ContentIssue } from "../core/content-issue.ts";
import type { ContentModel } from "../core/content-model.ts";
import { type ContentFile, loadContent } from "../core/load-content.ts";
import { addSummaries, type ContentSummary, summarise } from "../core/summarise.ts";
import { listContentPaths, readContentFiles } from "./content-files.ts";

const MIN_ENTRIES_PER_THREAD = 4000;
/** Extra share of the work for the main thread, which starts first (measured on 100k files: 0.4 s of 5 s). */
const HEAD_START_SHARE = 0.08;

export interface SliceRequest {
  directory: string;
  options: CheckOptions;
  /** Every path of the tree, relative to the content directory. */
  paths: string[];
  /** The observation and report paths of this slice. */
  own: string[];
  /** Whether this slice also reports issues of the shared files. */
  reportShared: boolean;
}

export interface SliceResult {
  issues: ContentIssue[];
  summary: ContentSummary;
}

/** The work of one thread. */
export function checkSlice({ directory, options, paths, own, reportShared }: SliceRequest, index = treeIssues(paths, options.root).index): SliceResult {
  const mine = new Set(own);
  const shared = index.shared.filter((path) => !mine.has(path));
  const loaded = loadContent(readContentFiles(directory, [...shared, ...own], options.root));
  const kept = new Set([...own, ...(reportShared ? shared : [])].map((path) => `${options.root}${path}`));
  const issues = checkLoaded(loaded, index, options).filter((issue) => kept.has(issue.file));
  return { issues, summary: summarise(loaded.model, reportShared) };
}

/**
 * Only the given files (changed between two commits), with the shared files they
 * need; the index of every path is built only if one of them refers to another.
 */
export function checkFiles(directory: string, own: readonly string[], options: CheckOptions): ContentIssue[] {
  return prepareSubmittedChecks(directory, options)([...readContentFiles(directory, own, options.root)]).issues;
}

function inWorker(request: SliceRequest): Promise<SliceResult> {
  return new Promise((resolve, reject) => {
    // A smaller young generation keeps the two heaps of a 100k check under 1 GB together (measured 1.0 → 0.88 GB, same time).
    const worker = new Worker(new URL("./check-worker.ts", import.meta.url), { workerData: request, resourceLimits: { maxYoungGenerationSizeMb: 48 } });
    worker.once("message", resolve);
    worker.once("error", reject);
    worker.once("exit", (code) => {
      if (code !== 0) reject(new Error(`check thread exited with code ${code}`));
    });
  });
}

export async function checkTree(directory: string, paths: string[], options: CheckOptions, threads = availableParallelism()): Promise<SliceResult> {
  // Split by folder so the workers start before this thread builds its index.
  const entries = paths.filter((path) => path.startsWith("observations/") || path.startsWith("reports/"));
  const count = Math.max(1, Math.min(threads, Math.floor(entries.length / MIN_ENTRIES_PER_THREAD)));
  // A worker starts about 0.4 s after this thread (modules, index), so this thread takes a larger last slice.
  const workerShare = count === 1 ? 0 : (1 - HEAD_START_SHARE) / count;
  const bounds = Array.from({ length: count + 1 }, (_, index) => (index === count ? entries.length : Math.round(index * workerShare * entries.length)));
  const requests = Array.from({ length: count }, (_, index) => ({
    directory,
    options,
    paths,
    own: entries.slice(bounds[index], bounds[index + 1]),
    reportShared: index === 0,
  }));
  const mine = requests.pop() as SliceRequest;
  const others = requests.map(inWorker);
  const tree = treeIssues(paths, options.root);
  const results = [checkSlice(mine, tree.index), ...(await Promise.all(others))];
  const only = options.only;
  const issues = [...tree.issues.filter((issue) => !only || only.has(issue.file)), ...results.flatMap((result) => result.issues)].sort(compareIssues);
  const summary = results.map((result) => result.summary).reduce(addSummaries);
  return { issues, summary };
}

/**
 * Checks files that are not on disk yet (submissions read from Git) against the
 * working tree: the tree is listed, indexed and its shared files loaded once;
 * each call then loads only the submitted files, checked against the tree's
 * index extended with their own paths.
 */
export function prepareSubmittedChecks(
  directory: string,
  options: CheckOptions,
): (submitted: readonly ContentFile[]) => { issues: ContentIssue[]; model: ContentModel } {
  // The shared files sit outside observations/ and reports/: list just those folders.
  const shared = loadContent(readContentFiles(directory, listContentPaths(directory, ["observations", "reports"]), options.root)).model;
  // The index of every path is needed only when a submitted entry refers to another one.
  const index = lazyIndex(() => treeIssues(listContentPaths(directory), options.root).index);
  return (submitted) => {
    const own = loadContent(submitted);
    const model: ContentModel = { ...shared, observations: own.model.observations, reports: own.model.reports };
    const displays = new Set(submitted.map((file) => file.display));
    const issues = checkLoaded(
      { model, issues: own.issues },
      extendIndex(
        index,
        submitted.map((file) => file.relative),
      ),
      { ...options, only: displays },
    );
    return { issues, model };
  };
}

/** One-off form of `prepareSubmittedChecks`. */
export function checkSubmitted(directory: string, submitted: readonly ContentFile[], options: CheckOptions): { issues: ContentIssue[]; model: ContentModel } {
  return prepareSubmittedChecks(directory, options)(submitted);
}
