/**
 * The cache of loaded content: after every kind of change (a file edited in place with its size and
 * modification time kept, added, deleted, a reference list and a unit changed, an invalid file, a
 * chunk cut short, other loader code) a load through it gives exactly what a full load gives, model,
 * order and issues, and parses only the files that changed.
 */
import { readdirSync, readFileSync, rmSync, statSync, truncateSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import { loadContent } from "../core/content/load-content.ts";
import { minimalContent, VALID_OBSERVATION, VALID_OBSERVATION_PATH } from "../test-support/content-fixtures.ts";
import { testdir, writeTree } from "../test-support/testdir.ts";
import { CONTENT_CACHE_FOLDER, loadContentCached } from "./content-cache.ts";
import { listContentPaths, readContentFiles } from "./content-files.ts";

const other = (day: string, slug: string, title: string) => ({
  [`observations/2026/${day.slice(5, 7)}/xa-ky-hoa/${day}-${slug}.md`]: VALID_OBSERVATION.replace(/^title: .*$/m, `title: ${title}`)
    .replace(/observed_on: .*/, `observed_on: ${day}`)
    .replace(/recorded_on: .*/, `recorded_on: ${day}`),
});

describe("the cache of loaded content", () => {
  it("gives what a full load gives after every kind of change, parsing only the changed files", () => {
    const work = testdir();
    const content = join(work, "content");
    const cache = join(work, "trang.cache");
    writeTree(content, {
      ...minimalContent(),
      [VALID_OBSERVATION_PATH]: VALID_OBSERVATION,
      ...other("2026-04-02", "cau-yeu", "Cầu yếu"),
      ...other("2026-05-06", "cho-tam", "Chợ tạm"),
    });
    // Whole seconds, so that a time set back below is exactly the one the stamp holds.
    const past = Math.floor(Date.now() / 1000) - 60;
    for (const path of listContentPaths(content)) utimesSync(join(content, path), past, past);
    const files = listContentPaths(content).length;
    const load = (code = "ma-1") => {
      // Stamps trusted at once (a test cannot age a file's status-change time; a publish waits 2 s).
      const cached = loadContentCached(content, cache, { keepBodies: true, code, settleMs: 0 });
      cached.save();
      const full = loadContent(readContentFiles(content, listContentPaths(content)), { keepBodies: true });
      // Same entries in the same order (pages list them in the model's order), same issues.
      expect(isDeepStrictEqual(cached.model, full.model)).toBe(true);
      expect([...cached.model.observations.keys()]).toEqual([...full.model.observations.keys()]);
      expect(cached.issues).toEqual(full.issues);
      expect(cached.paths).toEqual(listContentPaths(content));
      return cached;
    };

    expect(load().loaded).toBe(files);
    // Nothing changed: unchanged files are known by their stamps alone.
    expect(load().loaded).toBe(0);

    // Edited in place: same size, same modification time; the status-change time still moves.
    const edited = join(content, VALID_OBSERVATION_PATH);
    const size = statSync(edited).size;
    const text = readFileSync(edited, "utf8");
    writeFileSync(edited, text.replace("Tuyến đường liên thôn bị sụt lún", "Tuyến đường liên thân bị sụt lún"));
    expect(statSync(edited).size).toBe(size);
    utimesSync(edited, past, past);
    expect(statSync(edited, { bigint: true }).mtimeNs).toBe(BigInt(past) * 1_000_000_000n);
    const afterEdit = load();
    expect(afterEdit.loaded).toBe(1);
    expect([...afterEdit.model.observations.values()].find((entry) => entry.source.file.endsWith(VALID_OBSERVATION_PATH))?.body).toContain("liên thân");

    // Added (sorted between the others), deleted, a reference list and a unit changed.
    writeTree(content, other("2026-04-01", "duong-ngap", "Đường ngập"));
    rmSync(join(content, "observations/2026/05/xa-ky-hoa/2026-05-06-cho-tam.md"));
    const fields = join(content, "fields.yaml");
    writeFileSync(fields, readFileSync(fields, "utf8").replace(/label: (.*)/, "label: $1 (mới)"));
    const units = readdirSync(join(content, "units"));
    const unit = join(content, "units", units[0] as string);
    writeFileSync(unit, readFileSync(unit, "utf8").replace(/^name: (.*)$/m, "name: $1 Mới"));
    expect(load().loaded).toBe(3);
    expect(load().loaded).toBe(0);

    // A file with errors keeps its issues in the cache: the next load reports them the same.
    writeTree(content, { "observations/2026/04/xa-ky-hoa/2026-04-09-hong.md": "---\ntitle: [\n---\n" });
    const broken = load();
    expect(broken.issues.length).toBeGreaterThan(0);
    expect(load().issues).toEqual(broken.issues);

    // A chunk cut short (a publish killed while writing it) is a miss, not an error.
    const folder = join(cache, CONTENT_CACHE_FOLDER);
    const chunks = readdirSync(folder);
    for (const chunk of chunks) truncateSync(join(folder, chunk), 7);
    expect(load().loaded).toBe(files + 1);
    // Other loader code: nothing of the old cache is used.
    expect(load("ma-2").loaded).toBe(files + 1);
  });
});
