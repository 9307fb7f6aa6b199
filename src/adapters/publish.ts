/**
 * Publishing the internal site: the static site built by Astro and its search
 * index, written into a staging folder beside the published one and swapped in
 * by rename once complete, so readers see the old site or the new one, never a
 * half-written one, and a failed publish leaves the published site as it was.
 * An incremental publish builds on the published site: Astro renders only the
 * pages whose keys changed (src/site/changed-pages.ts), every other page's files
 * are hard-linked from the published site, and the search index is carried over
 * with only the shards whose records changed indexed again (search-index.ts).
 * A change of the site's code makes the publish a full one.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import {
  copyFileSync,
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { isError } from "../core/content/content-issue.ts";
import { PublishError } from "../core/errors.ts";
import { readPageKeys } from "../site/changed-pages.ts";
import { CONTENT_CACHE_ENV } from "../site/load-model.ts";
import { CONTENT_CACHE_FOLDER } from "./content-cache.ts";
import { MODEL_SNAPSHOT_ENV, MODEL_SNAPSHOT_PREFIX, modelSnapshotPath, removeModelSnapshot, removeOrphanScratch } from "./model-snapshot.ts";
import { withPublishLock } from "./publish-lock.ts";
import { CHECK_ROOT_ENV, CHECK_TODAY_ENV, type ContentCheck, DEFAULT_SHARD_SIZE, pagefindProcesses, SCRATCH_PREFIX, writeSearchIndex } from "./search-index.ts";

export interface PublishOptions {
  /** The project's root (where `astro.config.mjs` is). */
  projectDir: string;
  /** The content folder to publish. */
  contentDir: string;
  /** The published site's folder; replaced as a whole when the publish succeeds. */
  siteDir: string;
  /** Keep the published index's unchanged shards instead of indexing everything anew. */
  incremental?: boolean;
  /** The build's date (DAN_Y_TODAY), for reproducible output. */
  today?: string;
  shardSize?: number;
  /** Astro's config file relative to the project, when not the default. */
  astroConfig?: string;
  /** Told what is happening, step by step (Vietnamese). */
  onStep?: (message: string) => void;
  /**
   * Check the content as `dan-y check` does, on the same load as the search records (no second
   * reading of the files): as on `today`, files named from `displayRoot`. Any error stops the
   * publish before the swap (ContentCheckFailed).
   */
  check?: { today: string; displayRoot: string };
}

/** The content has errors: nothing was published. Carries the check, for the caller to show. */
export class ContentCheckFailed extends PublishError {
  override name = "ContentCheckFailed";
  readonly check: ContentCheck;
  constructor(check: ContentCheck) {
    super(`Nội dung có lỗi (${check.issues.filter(isError).length.toLocaleString("vi-VN")} lỗi): không xuất bản.`);
    this.check = check;
  }
}

export interface PublishResult {
  seconds: { site: number; search: number; total: number };
  pages: number;
  /** Pages linked from the published site because nothing they show changed (the others were rendered). */
  pagesRestored: number;
  records: number;
  shards: number;
  /** Search shards written by this publish; the others were carried over. */
  shardsWritten: string[];
  /** The content's check, when asked for (`check`); it found no error. */
  checked?: ContentCheck;
  /** Content files parsed by the search records' process; the others' outcomes came from the cache (content-cache.ts). */
  filesParsed?: number;
}

/** Written beside the pages: what this publish did, for the next one and for whoever looks. */
export const PUBLISH_RECORD = "xuat-ban.json";

/** What a publish records of itself in PUBLISH_RECORD that the next one reads. */
interface PublishRecord {
  /** The site code's digest (`codeVersion`): pages of other code are never reused. */
  code?: string;
}

/** Where the site's code starts: its pages, and the config that names its integrations. */
const CODE_ROOTS = ["src/pages", "astro.config.mjs"];
/** Besides the modules: the packages' versions and the files copied as they are. */
const CODE_EXTRAS = ["package-lock.json", "tsconfig.json", "public"];

const IMPORTS = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|@import\s+(?:url\()?)["']([^"']+)["']/g;

/** The project's files a module imports by relative path (packages are covered by the lockfile). */
function importedFiles(file: string): string[] {
  if (!/\.(ts|mjs|js|astro|mdx|css)$/.test(file)) return [];
  const found: string[] = [];
  for (const match of readFileSync(file, "utf8").matchAll(IMPORTS)) {
    const specifier = (match[1] ?? "").replace(/\?.*$/, "");
    if (!specifier.startsWith(".")) continue;
    const base = resolve(dirname(file), specifier);
    const resolved = [base, `${base}.ts`, join(base, "index.ts")].find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
    if (resolved) found.push(resolved);
  }
  return found;
}

const filesUnder = (path: string): string[] =>
  statSync(path).isDirectory()
    ? readdirSync(path, { withFileTypes: true, recursive: true })
        .filter((entry) => entry.isFile())
        .map((entry) => join(entry.parentPath, entry.name))
    : [path];

/**
 * The digest of the site's code: every module the pages and the config import, followed from
 * import to import, with the lockfile and the public files. Files of the project the site never
 * imports (the workspace, the terminal program, tests) do not count.
 */
export function codeVersion(projectDir: string): string {
  const seen = new Set<string>();
  const queue = CODE_ROOTS.map((path) => join(projectDir, path))
    .filter((path) => existsSync(path))
    .flatMap(filesUnder);
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    queue.push(...importedFiles(file));
  }
  for (const extra of CODE_EXTRAS.map((path) => join(projectDir, path)).filter((path) => existsSync(path)))
    for (const file of filesUnder(extra)) seen.add(file);
  const hash = createHash("sha256");
  for (const file of [...seen].sort())
    hash
      .update(`${relative(projectDir, file)}\0`)
      .update(readFileSync(file))
      .update("\0");
  return hash.digest("hex");
}

function readRecord(siteDir: string): PublishRecord | undefined {
  try {
    return JSON.parse(readFileSync(join(siteDir, PUBLISH_RECORD), "utf8")) as PublishRecord;
  } catch {
    return undefined;
  }
}

/** A hard link of `source` at `target`, or a copy where the file system refuses links. */
function linkFile(source: string, target: string): void {
  try {
    linkSync(source, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "EXDEV" && code !== "EPERM" && code !== "EMLINK") throw error;
    copyFileSync(source, target);
  }
}

/** Every file of `from` linked at the same place under `to`. */
function linkTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (entry.isDirectory()) linkTree(join(from, entry.name), join(to, entry.name));
    else linkFile(join(from, entry.name), join(to, entry.name));
  }
}

/** Pages linked per turn of the event loop while Astro builds, so the index's messages are not held up. */
const LINK_BATCH = 200;

/**
 * Links, beside the build, the files of every keyed page of the published site (its `index.html`
 * and the downloads beside it, not the pages in folders below it) into `aside`, a folder of the
 * staging's file system that Astro never writes (it empties its own output folder when it starts).
 * Which of them are still unchanged is known only once Astro has decided (`khoa-trang.json`):
 * `moveUnchangedPages` then drops the others and moves the rest in. At 100k nearly every page is
 * unchanged (8,829 of 8,871 after one approval), and linking them after the build took up to 7 s.
 */
async function linkPublishedPages(siteDir: string, aside: string, previous: ReadonlyMap<string, string>, stop: AbortSignal): Promise<void> {
  let count = 0;
  for (const path of previous.keys()) {
    if (stop.aborted) return;
    const from = join(siteDir, path);
    const to = join(aside, path);
    mkdirSync(to, { recursive: true });
    for (const entry of readdirSync(from, { withFileTypes: true })) if (entry.isFile()) linkFile(join(from, entry.name), join(to, entry.name));
    if (++count % LINK_BATCH === 0) await new Promise((next) => setImmediate(next));
  }
}

/** Removes the files of the page at `path` from `aside`, and the folders left empty up to `aside`. */
function dropPage(aside: string, path: string): void {
  const folder = join(aside, path);
  for (const entry of readdirSync(folder, { withFileTypes: true })) if (entry.isFile()) rmSync(join(folder, entry.name));
  for (let dir = folder; dir !== aside && dir.startsWith(aside); dir = dirname(dir)) {
    if (readdirSync(dir).length > 0) break;
    rmdirSync(dir);
  }
}

/**
 * Moves `from`'s files and folders into `to`: a folder `to` lacks in one rename (with every page
 * below it), others entry by entry. A file the build wrote too means the keys disagree with what
 * was rendered: nothing is overwritten, the publish stops.
 */
function mergeInto(from: string, to: string, site: string): void {
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (!existsSync(target)) renameSync(source, target);
    else if (entry.isDirectory()) mergeInto(source, target, site);
    else throw new PublishError(`Trang ${relative(site, to)}/ vừa được dựng dù không đổi: khóa trang không nhất quán.`);
  }
}

/**
 * Once Astro is done: drops from `aside` every page whose key changed or that is gone (Astro
 * rendered the changed ones into `staging`), and moves the unchanged ones into `staging`; returns
 * how many. Nothing is ever written through these links: each publish writes new files and swaps folders.
 */
export function moveUnchangedPages(aside: string, staging: string, previous: ReadonlyMap<string, string>): number {
  const current = readPageKeys(staging);
  if (!current) throw new PublishError(`Bản dựng không ghi khóa trang (${join(staging, "khoa-trang.json")}): không xuất bản từng phần được.`);
  // Deepest first, so that a page's folder is emptied only after the pages below it are decided.
  const dropped = [...previous].filter(([path, key]) => current.get(path) !== key).map(([path]) => path);
  for (const path of dropped.sort((a, b) => b.length - a.length)) dropPage(aside, path);
  if (existsSync(aside)) mergeInto(aside, staging, staging);
  return previous.size - dropped.length;
}

/**
 * `astro build` into `outDir`. Astro stages its prerender chunks in `<cwd>/.astro/` when the
 * output folder is outside the working directory, so two builds from one checkout broke each
 * other (found by the site tests): the build runs from the output's parent folder, with the
 * project as `--root` and a `node_modules` link there so the staged chunks find packages.
 */
function runAstro(
  options: PublishOptions,
  outDir: string,
  code: string,
  previousKeys: string | undefined,
  modelSnapshot: string | undefined,
  signal: AbortSignal,
): Promise<{ pages: number }> {
  const project = resolve(options.projectDir);
  const astro = join(project, "node_modules", "astro", "bin", "astro.mjs");
  const work = dirname(outDir);
  mkdirSync(work, { recursive: true });
  if (!existsSync(join(work, "node_modules"))) symlinkSync(join(project, "node_modules"), join(work, "node_modules"), "dir");
  const config = options.astroConfig ? ["--config", resolve(project, options.astroConfig)] : [];
  const args = [astro, "build", "--root", project, "--outDir", outDir, ...config];
  return new Promise((done, fail) => {
    const { [MODEL_SNAPSHOT_ENV]: _inherited, ...inherited } = process.env;
    const child = spawn(process.execPath, args, {
      cwd: work,
      signal,
      env: {
        ...inherited,
        CONTENT_DIR: options.contentDir,
        // The pages read the content model the search records' process loaded, instead of loading it again.
        ...(modelSnapshot ? { [MODEL_SNAPSHOT_ENV]: modelSnapshot } : {}),
        // Or, when the cache of loaded content is warm, load it themselves through it (content-cache.ts).
        [CONTENT_CACHE_ENV]: cacheOf(options.siteDir),
        ...(options.today ? { DAN_Y_TODAY: options.today } : {}),
        // Each published site keeps its own cache beside it (Astro's content store, the tables' workbooks).
        DAN_Y_SITE_CACHE: cacheOf(options.siteDir),
        // What the site's code is: results kept between publishes are never reused by other code (hotspot-cache.ts).
        DAN_Y_CODE_VERSION: code,
        // Incremental: render only the pages whose keys differ from these (src/site/changed-pages.ts).
        ...(previousKeys ? { DAN_Y_PREVIOUS_KEYS: previousKeys } : {}),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const began = performance.now();
    // DAN_Y_PUBLISH_TIMINGS=1 (the publish benchmark): Astro's lines on stderr, each with the seconds since it started.
    const timings = process.env.DAN_Y_PUBLISH_TIMINGS === "1";
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000);
      if (timings)
        for (const text of chunk
          .toString()
          .split("\n")
          .filter((line) => line.trim() !== ""))
          console.error(`[Astro ${((performance.now() - began) / 1000).toFixed(2)} s] ${text}`);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    child.once("error", (error) => fail(signal.aborted ? new PublishError("Dựng trang bị dừng vì nội dung có lỗi.") : error));
    child.once("exit", (code) => {
      if (code !== 0) {
        fail(new PublishError(`Dựng trang thất bại (Astro thoát với mã ${code}):\n${output.slice(-3000)}`));
        return;
      }
      done({ pages: Number(/(\d+) page\(s\) built/.exec(output)?.[1] ?? 0) });
    });
  });
}

const cacheOf = (siteDir: string) => `${resolve(siteDir)}.cache`;

/** Names of the sites a publish replaced (`trang.cu-<pid>-<time>`), being removed. */
const RETIRED = ".cu-";

/**
 * Removes replaced sites in a process of its own that outlives this one: deleting a whole site's
 * tree took seconds (3k: 3.7 s under load) that nobody waits for once the new site is in place.
 * Leftovers of a publish that was stopped before its removal finished are removed with them.
 */
function removeRetired(siteDir: string): void {
  const parent = dirname(siteDir);
  const prefix = `${basename(siteDir)}${RETIRED}`;
  const retired = existsSync(parent) ? readdirSync(parent).filter((name) => name.startsWith(prefix)) : [];
  if (retired.length === 0) return;
  const remover = spawn(
    process.execPath,
    [
      "-e",
      "for (const path of process.argv.slice(1)) require('node:fs').rmSync(path, { recursive: true, force: true })",
      ...retired.map((name) => join(parent, name)),
    ],
    { detached: true, stdio: "ignore" },
  );
  remover.unref();
}

export function publishSite(options: PublishOptions): Promise<PublishResult> {
  // Two publishes of one site would share its staging names: one at a time, the later one waiting (publish-lock.ts).
  const say = options.onStep ?? ((line: string) => process.stderr.write(`${line}\n`));
  return withPublishLock(resolve(options.siteDir), say, () => publishUnlocked(options));
}

async function publishUnlocked(options: PublishOptions): Promise<PublishResult> {
  const siteDir = resolve(options.siteDir);
  removeOrphanScratch([MODEL_SNAPSHOT_PREFIX, SCRATCH_PREFIX]);
  if (!options.incremental) rmSync(cacheOf(siteDir), { recursive: true, force: true });
  const staging = `${siteDir}.dang-xuat-ban`;
  // The search index is made from the records alone, not from the pages: it is written beside the build, at the same
  // time (Astro empties its output folder when it starts), and moved into the staging folder once both are done.
  const indexing = `${siteDir}.dang-lap-chi-muc`;
  // The published pages linked beside the build, while it runs (linkPublishedPages).
  const aside = `${siteDir}.dang-lien-ket`;
  const retired = `${siteDir}${RETIRED}${process.pid}-${Date.now()}`;
  const started = performance.now();
  // Astro runs in the staging folder's parent (runAstro): the search records' process loads the model there too.
  // With the cache of loaded content warm, both processes load through it at once instead (content-cache.ts):
  // each parses only the changed files, and neither waits for a snapshot.
  let modelSnapshot: { file: string; readerCwd: string } | undefined;
  const stopAstro = new AbortController();
  rmSync(staging, { recursive: true, force: true });
  rmSync(indexing, { recursive: true, force: true });
  rmSync(aside, { recursive: true, force: true });
  try {
    const previousIndex = join(siteDir, "pagefind");
    const code = codeVersion(options.projectDir);
    const previousKeys = options.incremental === true && readRecord(siteDir)?.code === code ? readPageKeys(siteDir) : undefined;
    const incremental = previousKeys !== undefined && existsSync(join(previousIndex, "manh.json"));
    // The cache is only warm for the code that wrote it: after a change of the site's code every chunk misses, and two
    // processes parsing everything at once would cost twice the CPU and two models' memory, so one loads and leaves a snapshot.
    const warmCache = incremental && existsSync(join(cacheOf(siteDir), CONTENT_CACHE_FOLDER));
    if (!warmCache) modelSnapshot = { file: modelSnapshotPath(), readerCwd: dirname(staging) };
    // Linked, not copied: the index writes new shard folders and a new manifest and swaps them in by rename.
    if (incremental) linkTree(previousIndex, join(indexing, "pagefind"));
    options.onStep?.(incremental ? "Đang dựng trang có thay đổi và cập nhật chỉ mục tìm kiếm…" : "Đang dựng trang và lập chỉ mục tìm kiếm…");
    const site = runAstro(options, staging, code, incremental ? join(siteDir, "khoa-trang.json") : undefined, modelSnapshot?.file, stopAstro.signal).then(
      (built) => ({
        ...built,
        seconds: (performance.now() - started) / 1000,
      }),
    );
    const childEnv: Record<string, string> = {
      [CONTENT_CACHE_ENV]: cacheOf(siteDir),
      DAN_Y_CODE_VERSION: code,
      ...(options.check ? { [CHECK_TODAY_ENV]: options.check.today, [CHECK_ROOT_ENV]: options.check.displayRoot } : {}),
    };
    // One Pagefind beside Astro (the other core renders), two once Astro is done: at 100k the index went on 28 s
    // after the pages, one shard at a time.
    const later = site.then(() => pagefindProcesses(2));
    // Handled here too: a failure of Astro is reported through `site`, never as an unhandled rejection of this one.
    later.catch(() => {});
    const pagefinds = { now: pagefindProcesses(1), later };
    const search = writeSearchIndex(indexing, options.shardSize ?? DEFAULT_SHARD_SIZE, incremental, options.contentDir, undefined, modelSnapshot, pagefinds, {
      env: childEnv,
      cwd: dirname(staging),
    }).then((index) => {
      // Content with errors is not published: the pages being rendered are not waited for.
      if (options.check && (!index.checked || index.checked.issues.some(isError))) stopAstro.abort();
      return { index, seconds: (performance.now() - started) / 1000 };
    });
    const linking = incremental && previousKeys ? linkPublishedPages(siteDir, aside, previousKeys, stopAstro.signal) : Promise.resolve();
    // All run to their end before anything is removed, so a failure of one never races the others' writes.
    const [built, indexed, linked] = await Promise.allSettled([site, search, linking]);
    if (indexed.status === "rejected") throw indexed.reason;
    const checked = indexed.value.index.checked;
    if (options.check && !checked) throw new PublishError("Không kiểm tra được nội dung trước khi xuất bản.");
    if (checked?.issues.some(isError)) throw new ContentCheckFailed(checked);
    if (built.status === "rejected") throw built.reason;
    if (linked.status === "rejected") throw linked.reason;
    const { pages: rendered, seconds: siteSeconds } = built.value;
    const { index, seconds: searchSeconds } = indexed.value;
    const moving = performance.now();
    const restored = incremental && previousKeys ? moveUnchangedPages(aside, staging, previousKeys) : 0;
    if (process.env.DAN_Y_PUBLISH_TIMINGS === "1")
      console.error(
        `[xuất bản] ${restored} trang không đổi chuyển vào sau khi dựng: ${((performance.now() - moving) / 1000).toFixed(2)} s (chờ chỉ mục sau Astro: ${Math.max(0, (moving - started) / 1000 - siteSeconds).toFixed(2)} s)`,
      );
    rmSync(aside, { recursive: true, force: true });
    const pages = rendered + restored;
    renameSync(join(indexing, "pagefind"), join(staging, "pagefind"));
    rmSync(indexing, { recursive: true, force: true });
    const result: PublishResult = {
      seconds: { site: siteSeconds, search: searchSeconds, total: (performance.now() - started) / 1000 },
      pages,
      pagesRestored: restored,
      records: index.records,
      shards: index.shards,
      shardsWritten: index.written,
      ...(index.checked ? { checked: index.checked } : {}),
      ...(index.filesParsed !== undefined ? { filesParsed: index.filesParsed } : {}),
    };
    const { checked: _checked, ...recorded } = result;
    writeFileSync(join(staging, PUBLISH_RECORD), `${JSON.stringify({ at: new Date().toISOString(), incremental, code, ...recorded }, null, 2)}\n`);
    if (existsSync(siteDir)) renameSync(siteDir, retired);
    renameSync(staging, siteDir);
    removeRetired(siteDir);
    return result;
  } catch (error) {
    stopAstro.abort();
    rmSync(staging, { recursive: true, force: true });
    rmSync(indexing, { recursive: true, force: true });
    rmSync(aside, { recursive: true, force: true });
    throw asPublishError(error);
  } finally {
    if (modelSnapshot) removeModelSnapshot(modelSnapshot.file);
  }
}

/** A file-system failure (no such folder, no right to write…) said in Vietnamese with the path; other errors as they are. */
function asPublishError(error: unknown): unknown {
  const failure = error as NodeJS.ErrnoException & { dest?: string };
  if (error instanceof PublishError || typeof failure?.code !== "string" || typeof failure.syscall !== "string") return error;
  const where = failure.dest ?? failure.path ?? "";
  return new PublishError(
    `không ghi được ${where} (${failure.code}): hãy kiểm tra đường dẫn --site và quyền ghi vào thư mục chứa nó. Trang đang xuất bản được giữ nguyên.`,
    {
      cause: error,
    },
  );
}
