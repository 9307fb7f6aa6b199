/**
 * The demo site, built once and shared by the site, privacy, link and browser
 * tests. A build takes 30–60 s on two cores, so the built folder is keyed by a
 * hash of everything the build reads (sources, content, schemas, the commit the
 * approval records come from) and reused by every test file and process that
 * asks with the same inputs; a lock folder makes the others wait for the first.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { parse as parseYaml } from "yaml";
import { listContentPaths, readContentFiles } from "../adapters/content-files.ts";
import { openWithAnyKey, SAMPLE_KEY_DIRECTORY } from "../adapters/encryption.ts";
import type { ContentModel } from "../core/content/content-model.ts";
import { loadContent } from "../core/content/load-content.ts";
import { sealedHeader } from "../core/crypto/sealed-observation.ts";
import { buildUnitTree, type UnitTree } from "../core/units/unit-tree.ts";
import { launchChromium } from "./browser.ts";

export const ROOT = join(import.meta.dirname, "..", "..");
/** Astro's command-line entry, run with this process's Node (24). */
export const ASTRO_BIN = join(ROOT, "node_modules", "astro", "bin", "astro.mjs");
/** The build's "today" for the demo: the tests' figures are computed for this day. */
export const DEMO_TODAY = "2026-11-27";
/** The search indexer: the `dan-y index-search` command (formerly `scripts/index-search.ts`). */
const INDEXER = existsSync(join(ROOT, "bin", "dan-y.js")) ? [join(ROOT, "bin", "dan-y.js"), "index-search"] : [join(ROOT, "scripts", "index-search.ts")];
const PREFIX = "dan-y-built-site-";
const COMPLETE = ".built";
/** A lock older than this belongs to a build that died. */
const STALE_LOCK_MS = 10 * 60_000;
/** Other keys' folders older than this are removed (nobody still runs on those inputs). */
const STALE_SITE_MS = 2 * 60 * 60_000;

export function* walkFiles(folder: string): Generator<string> {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (entry.isDirectory()) yield* walkFiles(join(folder, entry.name));
    else yield join(folder, entry.name);
  }
}

/**
 * Runs `astro build` of `contentDir` into `outDir`; throws with Astro's output when it fails.
 * Astro stages its prerender chunks in `<cwd>/.astro/.prerender/` when the output folder is
 * outside the working directory, so two builds from the checkout at once broke each other.
 * Run from the output's parent folder (with `--root` the checkout), each build stages inside
 * its own output; a `node_modules` link in that folder lets the staged chunks import packages.
 */
export function buildSite(options: { outDir: string; contentDir?: string; today?: string; root?: string; env?: NodeJS.ProcessEnv }): void {
  const root = options.root ?? ROOT;
  const work = dirname(options.outDir);
  mkdirSync(work, { recursive: true });
  if (!existsSync(join(work, "node_modules"))) symlinkSync(join(root, "node_modules"), join(work, "node_modules"), "dir");
  const build = spawnSync(process.execPath, [ASTRO_BIN, "build", "--root", root, "--outDir", options.outDir], {
    cwd: work,
    env: { ...process.env, CONTENT_DIR: resolve(root, options.contentDir ?? "content"), DAN_Y_TODAY: options.today ?? DEMO_TODAY, ...options.env },
    encoding: "utf8",
    timeout: 300_000,
  });
  if (build.status !== 0) throw new Error(`astro build failed (${build.status}):\n${build.stdout}\n${build.stderr}`);
}

/** Indexes a built site for search, in small shards so that the demo's search runs across several, as a large site's does. */
export function indexSite(outDir: string, shardSize = 200): void {
  const index = spawnSync(process.execPath, [...INDEXER, "--site", outDir, "--shard-size", String(shardSize)], {
    cwd: ROOT,
    env: { ...process.env, CONTENT_DIR: "content" },
    encoding: "utf8",
    timeout: 120_000,
  });
  if (index.status !== 0 || !existsSync(join(outDir, "pagefind", "manh.json")))
    throw new Error(`index-search failed (${index.status}):\n${index.stdout}\n${index.stderr}`);
}

/** The commit checked out: approval records on the pages are read from the Git history. */
function headCommit(): string {
  try {
    const head = readFileSync(join(ROOT, ".git", "HEAD"), "utf8").trim();
    if (!head.startsWith("ref: ")) return head;
    const ref = head.slice(5);
    const loose = join(ROOT, ".git", ref);
    if (existsSync(loose)) return readFileSync(loose, "utf8").trim();
    const packed = readFileSync(join(ROOT, ".git", "packed-refs"), "utf8");
    return packed.split("\n").find((line) => line.endsWith(` ${ref}`)) ?? head;
  } catch {
    return "";
  }
}

/** A hash of every input of the demo build (tests and test helpers excluded: they do not change the site). */
export function demoBuildKey(today = DEMO_TODAY): string {
  const hash = createHash("sha256").update(`${today}\n${headCommit()}\n`);
  const inputs = ["src", "content", "schemas", "public", "scripts"].map((folder) => join(ROOT, folder)).filter(existsSync);
  const files = inputs.flatMap((folder) => [...walkFiles(folder)]).filter((file) => !/\.test\.ts$|\/test-support\//.test(file));
  for (const file of [...files, join(ROOT, "astro.config.mjs"), join(ROOT, "package-lock.json")].sort()) {
    hash.update(`${file.slice(ROOT.length)}\n`).update(readFileSync(file));
  }
  return hash.digest("hex").slice(0, 16);
}

function removeStaleSites(keep: string): void {
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith(PREFIX) || name.startsWith(keep)) continue;
    const folder = join(tmpdir(), name);
    try {
      if (Date.now() - statSync(folder).mtimeMs > STALE_SITE_MS) rmSync(folder, { recursive: true, force: true });
    } catch {
      // Another process removed it first.
    }
  }
}

let built: Promise<string> | undefined;

/**
 * The key of this test run's demo build: computed by the run's first test file and
 * reused by the others (Vitest's workers share its process as their parent), so
 * that files edited while a run goes on do not make each test file build again.
 */
function runBuildKey(): string {
  const note = join(tmpdir(), `${PREFIX}run-${process.ppid}`);
  try {
    const [key, started] = readFileSync(note, "utf8").split("\n");
    // A note left by an earlier process with the same id (ids are reused) is older than this run.
    if (key && started && Date.now() - Number(started) < STALE_SITE_MS) return key;
  } catch {}
  const key = demoBuildKey();
  writeFileSync(note, `${key}\n${Date.now()}`);
  return key;
}

/** The folder of the built and indexed demo site (built on first use, then shared). */
export function builtDemoSite(): Promise<string> {
  built ??= (async () => {
    const key = `${PREFIX}${runBuildKey()}`;
    const folder = join(tmpdir(), key);
    const lock = `${folder}.lock`;
    const site = join(folder, "site");
    removeStaleSites(key);
    for (;;) {
      if (existsSync(join(site, COMPLETE))) return site;
      try {
        mkdirSync(lock);
      } catch {
        // Another process is building the same inputs: wait for it (or for its lock to go stale).
        try {
          if (Date.now() - statSync(lock).mtimeMs > STALE_LOCK_MS) rmSync(lock, { recursive: true, force: true });
        } catch {}
        await sleep(500);
        continue;
      }
      try {
        rmSync(folder, { recursive: true, force: true });
        buildSite({ outDir: site });
        indexSite(site);
        writeFileSync(join(site, COMPLETE), new Date().toISOString());
        return site;
      } finally {
        rmSync(lock, { recursive: true, force: true });
      }
    }
  })();
  return built;
}

export interface BuiltSite {
  /** The output folder. */
  out: string;
  /** Every file of the output by its site path (`/index.html`), as text. */
  pages: Map<string, string>;
}

/** Every file of a built site by its path from the site root, as text. */
export function readSite(out: string): Map<string, string> {
  const pages = new Map<string, string>();
  for (const file of walkFiles(out)) if (!file.endsWith(COMPLETE)) pages.set(file.slice(out.length), readFileSync(file, "utf8"));
  return pages;
}

/**
 * For a test file: the demo site, ready in a `beforeAll` (filled in place, so
 * the returned object can be read from the tests).
 */
export function useBuiltDemoSite(): BuiltSite {
  const site: BuiltSite = { out: "", pages: new Map() };
  beforeAll(async () => {
    site.out = await builtDemoSite();
    for (const [path, text] of readSite(site.out)) site.pages.set(path, text);
  }, 600_000);
  return site;
}

// ------------------------------------------------------------------ the demo's files, read independently of the site's code

export interface DemoObservation {
  id: string;
  data: Record<string, unknown>;
  body: string;
}

/** A Chromium and a static server of the built site, started before the describe block's tests and closed after them. */
export function browserOnSite(site: BuiltSite): { readonly browser: Browser; readonly url: string } {
  let browser: Browser | undefined;
  let server: { url: string; close: () => Promise<void> } | undefined;
  beforeAll(async () => {
    const { serveFolder } = await import("./static-server.ts");
    server = await serveFolder(site.out);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    get browser() {
      if (!browser) throw new Error("the browser starts in beforeAll");
      return browser;
    },
    get url() {
      if (!server) throw new Error("the server starts in beforeAll");
      return server.url;
    },
  };
}

/** The demo's observations straight from the files, parsed here independently of the site's code. */
export function demoObservations(): DemoObservation[] {
  const folder = join(ROOT, "content", "observations");
  return [...walkFiles(folder)].map((file) => parseObservationFile(folder, file, readFileSync(file, "utf8")));
}

function parseObservationFile(folder: string, file: string, text: string): DemoObservation {
  const end = text.indexOf("\n---\n", 4);
  const relative = file.slice(folder.length + 1).split("/");
  return { id: `${relative[2]}/${relative[3]?.replace(/\.md$/, "")}`, data: parseYaml(text.slice(4, end)), body: text.slice(end + 5) };
}

/** The demo's restricted observations as written, opened with the sample keys the bundled content is sealed to. */
async function openedRestricted(): Promise<DemoObservation[]> {
  const folder = join(ROOT, "content", "observations");
  const opened: DemoObservation[] = [];
  for (const file of walkFiles(folder)) {
    const text = readFileSync(file, "utf8");
    if (!text.includes("confidentiality: han-che")) continue;
    const header = sealedHeader(text);
    opened.push(parseObservationFile(folder, file, header ? await openWithAnyKey(text, header.bodies, SAMPLE_KEY_DIRECTORY) : text));
  }
  return opened;
}

/** The demo's restricted observations, and the details of each that must appear nowhere in the site or its index. */
export async function restrictedSecrets(): Promise<{ restricted: DemoObservation[]; secrets: string[]; own: string[] }> {
  const restricted = await openedRestricted();
  const secrets = restricted.flatMap((entry) => [
    ...entry.body
      .split("\n\n")
      .map((paragraph) => paragraph.trim())
      .filter((paragraph) => paragraph.length > 20),
    ...(typeof entry.data.location === "string" ? [entry.data.location] : []),
    ...((entry.data.follow_up as { note?: string }[] | undefined) ?? []).flatMap((step) => (step.note ? [step.note] : [])),
  ]);
  // Template sentences are shared with normal observations; only the restricted items' own details must be absent.
  return { restricted, secrets, own: secrets.filter((secret) => /chi tiết riêng|giữ kín|hộ cuối xóm/.test(secret)) };
}

/** The demo's content model and unit tree, loaded as the site loads them, with the demo's "today". */
export function demoViewContext(today = DEMO_TODAY): { model: ContentModel; tree: UnitTree; today: string } {
  const directory = join(ROOT, "content");
  demoModel ??= loadContent(readContentFiles(directory, listContentPaths(directory)), { keepBodies: true }).model;
  return { model: demoModel, tree: buildUnitTree(demoModel), today };
}
let demoModel: ContentModel | undefined;

/** The demo's unit files, parsed here independently of the site's code. */
export function demoUnits(): Map<string, { name: string; level: string; parent?: string; valid_from?: string; valid_to?: string; merged_into?: string[] }> {
  const folder = join(ROOT, "content", "units");
  return new Map(readdirSync(folder).map((name) => [name.replace(/\.yaml$/, ""), parseYaml(readFileSync(join(folder, name), "utf8"))]));
}
