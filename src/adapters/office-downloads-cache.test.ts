/**
 * The Word downloads' cache: a second publish of the same content copies every
 * file from the cache, a changed report makes again exactly the documents that
 * show it (its own and its unit's consolidated report of that period), and two
 * processes sharing the work by claims write every file once between them.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { loadContent } from "../core/content/load-content.ts";
import { buildUnitTree } from "../core/units/unit-tree.ts";
import { minimalContent, toContentFiles, VALID_REPORT, VALID_REPORT_PATH } from "../test-support/content-fixtures.ts";
import { testdir } from "../test-support/testdir.ts";
import { claimsIn, wordDownloads, writeWordDownloads } from "./office-downloads.ts";

const TODAY = "2026-11-27";

function modelOf(tree: Record<string, string>) {
  const { model } = loadContent(toContentFiles(tree), { keepBodies: true });
  return { model, tree: buildUnitTree(model) };
}

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true })
    .map(String)
    .filter((path) => statSync(join(folder, path)).isFile())
    .sort();
}

async function documentText(file: string): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  return (await zip.file("word/document.xml")?.async("string")) ?? "";
}

describe("Word downloads with the site's cache", () => {
  it("reuses unchanged documents and makes again only those that show a change", async () => {
    const work = testdir();
    const cacheDir = join(work, "cache");
    const content = minimalContent();
    const first = modelOf(content);
    const downloads = wordDownloads(first.model, first.tree);
    expect(downloads.map((item) => item.path)).toContain("tai-ve/bao-cao/2026-03/xa-ky-hoa/mttq.docx");
    expect(downloads.map((item) => item.path)).toContain("tai-ve/tong-hop/xa-ky-hoa/2026-03.docx");

    const made = await writeWordDownloads({ ...first, today: TODAY, outDir: join(work, "a"), cacheDir });
    expect(made).toEqual({ written: downloads.length, reused: 0 });
    expect(filesUnder(join(work, "a"))).toEqual(downloads.map((item) => item.path).sort());

    const again = await writeWordDownloads({ ...first, today: TODAY, outDir: join(work, "b"), cacheDir });
    expect(again).toEqual({ written: 0, reused: downloads.length });

    // The report's text changed: its document and its unit's consolidated report of the month show it.
    const changed = modelOf({ ...content, [VALID_REPORT_PATH]: `${VALID_REPORT}\nĐoạn bổ sung về cầu treo Kỳ Hoa.\n` });
    const after = await writeWordDownloads({ ...changed, today: TODAY, outDir: join(work, "c"), cacheDir });
    expect(after.written).toBeGreaterThanOrEqual(1);
    expect(after.reused).toBeGreaterThanOrEqual(1);
    expect(after.written + after.reused).toBe(downloads.length);
    expect(await documentText(join(work, "c", "tai-ve/bao-cao/2026-03/xa-ky-hoa/mttq.docx"))).toContain("cầu treo Kỳ Hoa");
    expect(await documentText(join(work, "a", "tai-ve/bao-cao/2026-03/xa-ky-hoa/mttq.docx"))).not.toContain("cầu treo Kỳ Hoa");
  });

  it("shares the documents between processes by claims, each written once", async () => {
    const work = testdir();
    const { model, tree } = modelOf(minimalContent());
    const whole = join(work, "whole");
    const shared = join(work, "shared");
    await writeWordDownloads({ model, tree, today: TODAY, outDir: whole });
    const claim = claimsIn(join(work, "claims"));
    // The first takes every other document, then a second process starts and takes what is left.
    const first = await writeWordDownloads({ model, tree, today: TODAY, outDir: shared, claim: (index) => index % 2 === 0 && claim(index) });
    const parts = [first, await writeWordDownloads({ model, tree, today: TODAY, outDir: shared, claim })];
    expect(parts.every((counts) => counts.written > 0)).toBe(true);
    expect((parts[0]?.written ?? 0) + (parts[1]?.written ?? 0)).toBe(wordDownloads(model, tree).length);
    expect(filesUnder(shared)).toEqual(filesUnder(whole));
    for (const path of filesUnder(whole)) expect(await documentText(join(shared, path)), relative(work, path)).toBe(await documentText(join(whole, path)));
  });
});
