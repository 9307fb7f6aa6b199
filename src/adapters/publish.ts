/**
 * Publishing the internal site: the static site built by Astro and its search
 * index, written into a staging folder beside the published one and swapped in
 * by rename once complete, so readers see the old site or the new one, never a
 * half-written one, and a failed publish leaves the published site as it was.
 * An incremental publish carries the published search index over and
 * re-indexes only the shards whose records changed (see search-index.ts).
 */
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { PublishError } from "../core/errors.ts";
import { DEFAULT_SHARD_SIZE, writeSearchIndex } from "./search-index.ts";

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
}

export interface PublishResult {
  seconds: { site: number; search: number; total: number };
  pages: number;
  /** Pages copied from the site's page cache because nothing they show changed. */
  pagesRestored: number;
  records: number;
  shards: number;
  /** Search shards written by this publish; the others were carried over. */
  shardsWritten: string[];
}

/** Written beside the pages: what this publish did, for the next one and for whoever looks. */
export const PUBLISH_RECORD = "xuat-ban.json";

/**
 * `astro build` into `outDir`. Astro stages its prerender chunks in `<cwd>/.astro/` when the
 * output folder is outside the working directory, so two builds from one checkout broke each
 * other (found by the site tests): the build runs from the output's parent folder, with the
 * project as `--root` and a `node_modules` link there so the staged chunks find packages.
 */
function runAstro(options: PublishOptions, outDir: string): Promise<{ pages: number; restored: number }> {
  const project = resolve(options.projectDir);
  const astro = join(project, "node_modules", "astro", "bin", "astro.mjs");
  const work = dirname(outDir);
  mkdirSync(work, { recursive: true });
  if (!existsSync(join(work, "node_modules"))) symlinkSync(join(project, "node_modules"), join(work, "node_modules"), "dir");
  const config = options.astroConfig ? ["--config", resolve(project, options.astroConfig)] : [];
  const args = [astro, "build", "--root", project, "--outDir", outDir, ...config];
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, {
      cwd: work,
      env: {
        ...process.env,
        CONTENT_DIR: options.contentDir,
        ...(options.today ? { DAN_Y_TODAY: options.today } : {}),
        // Each published site keeps its own page cache beside it, filled by every publish; an incremental one reuses
        // the pages whose cache key is unchanged (a full publish empties the cache first).
        DAN_Y_SITE_CACHE: cacheOf(options.siteDir),
        DAN_Y_INCREMENTAL: "1",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    let restored = 0;
    let partial = "";
    const keep = (chunk: Buffer) => {
      const text = partial + chunk.toString();
      const lines = text.split("\n");
      partial = lines.pop() ?? "";
      // Astro lists each page it copied from its cache as "(restored)" instead of its render time.
      for (const line of lines) if (line.includes("(restored)")) restored++;
      output = (output + text.slice(0, text.length - partial.length)).slice(-20_000);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    child.once("error", fail);
    child.once("exit", (code) => {
      if (code !== 0) {
        fail(new PublishError(`Dựng trang thất bại (Astro thoát với mã ${code}):\n${output.slice(-3000)}`));
        return;
      }
      done({ pages: Number(/(\d+) page\(s\) built/.exec(output)?.[1] ?? 0), restored });
    });
  });
}

const cacheOf = (siteDir: string) => `${resolve(siteDir)}.cache`;

export async function publishSite(options: PublishOptions): Promise<PublishResult> {
  const siteDir = resolve(options.siteDir);
  if (!options.incremental) rmSync(cacheOf(siteDir), { recursive: true, force: true });
  const staging = `${siteDir}.dang-xuat-ban`;
  // The search index is made from the records alone, not from the pages: it is written beside the build, at the same
  // time (Astro empties its output folder when it starts), and moved into the staging folder once both are done.
  const indexing = `${siteDir}.dang-lap-chi-muc`;
  const retired = `${siteDir}.cu`;
  const started = performance.now();
  rmSync(staging, { recursive: true, force: true });
  rmSync(indexing, { recursive: true, force: true });
  try {
    const previousIndex = join(siteDir, "pagefind");
    const incremental = options.incremental === true && existsSync(join(previousIndex, "manh.json"));
    if (incremental) cpSync(previousIndex, join(indexing, "pagefind"), { recursive: true });
    options.onStep?.(incremental ? "Đang dựng trang và cập nhật chỉ mục tìm kiếm…" : "Đang dựng trang và lập chỉ mục tìm kiếm…");
    const site = runAstro(options, staging).then((built) => ({ ...built, seconds: (performance.now() - started) / 1000 }));
    const search = writeSearchIndex(indexing, options.shardSize ?? DEFAULT_SHARD_SIZE, incremental, options.contentDir).then((index) => ({
      index,
      seconds: (performance.now() - started) / 1000,
    }));
    // Both run to their end before anything is removed, so a failure of one never races the other's writes.
    const [built, indexed] = await Promise.allSettled([site, search]);
    if (built.status === "rejected") throw built.reason;
    if (indexed.status === "rejected") throw indexed.reason;
    const { pages, restored, seconds: siteSeconds } = built.value;
    const { index, seconds: searchSeconds } = indexed.value;
    renameSync(join(indexing, "pagefind"), join(staging, "pagefind"));
    rmSync(indexing, { recursive: true, force: true });
    const result: PublishResult = {
      seconds: { site: siteSeconds, search: searchSeconds, total: (performance.now() - started) / 1000 },
      pages,
      pagesRestored: restored,
      records: index.records,
      shards: index.shards,
      shardsWritten: index.written,
    };
    writeFileSync(join(staging, PUBLISH_RECORD), `${JSON.stringify({ at: new Date().toISOString(), incremental, ...result }, null, 2)}\n`);
    rmSync(retired, { recursive: true, force: true });
    if (existsSync(siteDir)) renameSync(siteDir, retired);
    renameSync(staging, siteDir);
    rmSync(retired, { recursive: true, force: true });
    return result;
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    rmSync(indexing, { recursive: true, force: true });
    throw asPublishError(error);
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
