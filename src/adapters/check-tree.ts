/**
 * Checks a content tree on disk using every core. Observations and reports are
 * cut into contiguous slices; each thread reads the shared files (reference
 * lists, units, bodies) and its slice, parses them and runs every rule against
 * the index of all paths, then sends back only its issues and a summary. Parsing
 * dominates a check, so two cores halve it, and no thread holds the whole tree.
 * Small trees stay on one thread.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { type CheckOptions, checkLoaded, treeIssues } from "../core/check/check-content.ts";
import { type ContentIndex, extendIndex, lazyIndex } from "../core/content/content-index.ts";
import { type ContentIssue, compareIssues } from "../core/content/content-issue.ts";
import type { ContentModel } from "../core/content/content-model.ts";
import { type ContentFile, loadContent } from "../core/content/load-content.ts";
import { addSummaries, type ContentSummary, summarise } from "../core/check/summarise.ts";
import { listContentPaths, readContentFiles } from "./content-files.ts";

const MIN_ENTRIES_PER_THREAD = 4000;

/** Which part of the tree a thread checks: part `part` of `parts`; part 0 also reports the shared files. */
export interface SliceRequest {
  directory: string;
  options: CheckOptions;
  part: number;
  parts: number;
}

export interface SliceResult {
  issues: ContentIssue[];
  summary: ContentSummary;
  /** Files in the tree, for the closing line. */
  files: number;
}

const isEntryPath = (path: string) => path.startsWith("observations/") || path.startsWith("reports/");

/** How many threads a tree deserves: one per MIN_ENTRIES_PER_THREAD entries, at most `threads`. */
export const partsFor = (entries: number, threads: number) => Math.max(1, Math.min(threads, Math.floor(entries / MIN_ENTRIES_PER_THREAD)));

/**
 * This thread's extra share of the entries. A worker starts later and lists the
 * tree itself: with equal slices it finished 0.3–0.45 s after this thread on
 * 100k; with 12% more here, this thread finished last (measured).
 */
const MAIN_THREAD_EXTRA = 0.06;

/** The observation and report paths of one part: contiguous slices, the last part (this thread's) larger by MAIN_THREAD_EXTRA. */
export function sliceOf(entries: readonly string[], part: number, parts: number): string[] {
  if (parts === 1) return [...entries];
  const last = Math.ceil((entries.length * (1 + MAIN_THREAD_EXTRA)) / parts);
  const size = Math.ceil((entries.length - last) / (parts - 1));
  return part === parts - 1 ? entries.slice(size * (parts - 1)) : entries.slice(part * size, (part + 1) * size);
}

/**
 * The work of one thread. Each lists the tree itself (a sorted listing is the
 * same everywhere), so workers need not wait for this thread's listing.
 * Returns undefined when the tree is too small for `parts` threads.
 */
export function checkSlice({ directory, options, part, parts }: SliceRequest, listed?: { paths: string[]; index: ContentIndex }): SliceResult | undefined {
  const paths = listed?.paths ?? listContentPaths(directory);
  const entries = paths.filter(isEntryPath);
  if (partsFor(entries.length, parts) !== parts) return undefined;
  const index = listed?.index ?? treeIssues(paths, options.root).index;
  const own = sliceOf(entries, part, parts);
  const reportShared = part === 0;
  const mine = new Set(own);
  const shared = index.shared.filter((path) => !mine.has(path));
  const loaded = loadContent(readContentFiles(directory, [...shared, ...own], options.root));
  const kept = new Set([...own, ...(reportShared ? shared : [])].map((path) => `${options.root}${path}`));
  const issues = checkLoaded(loaded, index, options).filter((issue) => kept.has(issue.file));
  return { issues, summary: summarise(loaded.model, reportShared), files: paths.length };
}

/**
 * Only the given files (changed between two commits), with the shared files they
 * need; the index of every path is built only if one of them refers to another.
 */
export function checkFiles(directory: string, own: readonly string[], options: CheckOptions): ContentIssue[] {
  return prepareSubmittedChecks(directory, options)([...readContentFiles(directory, own, options.root)]).issues;
}

function inWorker(request: SliceRequest): { result: Promise<SliceResult | undefined>; stop: () => Promise<void> } {
  // A smaller young generation keeps the two heaps of a 100k check under 1 GB together (measured 1.0 → 0.88 GB, same time).
  const worker = new Worker(new URL("./check-worker.ts", import.meta.url), { workerData: request, resourceLimits: { maxYoungGenerationSizeMb: 48 } });
  let stopping = false;
  const result = new Promise<SliceResult | undefined>((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", (error) => (stopping ? resolve(undefined) : reject(error)));
    worker.once("exit", (code) => {
      // Stopped on purpose (the tree was small), or done: nothing more to wait for.
      if (stopping || code === 0) resolve(undefined);
      else reject(new Error(`check thread exited with code ${code}`));
    });
  });
  return {
    result,
    stop: async () => {
      stopping = true;
      await worker.terminate();
      await result;
    },
  };
}

/**
 * The whole tree on up to `threads` threads. Workers start at once and list the
 * tree themselves while this thread does the same; on a small tree they find
 * nothing to do and this thread checks it alone.
 */
export async function checkTree(directory: string, options: CheckOptions, threads = availableParallelism()): Promise<SliceResult> {
  const workers = Array.from({ length: threads - 1 }, (_, part) => inWorker({ directory, options, part, parts: threads }));
  const paths = listContentPaths(directory);
  const parts = partsFor(paths.filter(isEntryPath).length, threads);
  const tree = treeIssues(paths, options.root);
  const only = options.only;
  const treeLevel = tree.issues.filter((issue) => !only || only.has(issue.file));
  if (parts !== threads) {
    await Promise.all(workers.map((worker) => worker.stop()));
    const alone = checkSlice({ directory, options, part: 0, parts: 1 }, { paths, index: tree.index }) as SliceResult;
    return { ...alone, issues: [...treeLevel, ...alone.issues].sort(compareIssues) };
  }
  const mine = checkSlice({ directory, options, part: threads - 1, parts: threads }, { paths, index: tree.index }) as SliceResult;
  const results = [mine, ...((await Promise.all(workers.map((worker) => worker.result))) as SliceResult[])];
  if (results.some((result) => result === undefined)) throw new Error("Nội dung thay đổi trong lúc đang kiểm tra: hãy chạy lại npm run check");
  const issues = [...treeLevel, ...results.flatMap((result) => result.issues)].sort(compareIssues);
  return { issues, summary: results.map((result) => result.summary).reduce(addSummaries), files: paths.length };
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
