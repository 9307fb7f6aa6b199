/**
 * Publishing: an incremental publish after each kind of change (add, change, delete,
 * a unit's data, a unit merge) gives exactly the files a full publish of the same
 * content gives, and re-indexes only the search shards whose records changed; the
 * content is parsed only where it changed, and a cache cut short changes nothing. A publish
 * that checks the content reports dan-y check's issues and publishes nothing on an error.
 */
import { readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { PublishError } from "../core/errors.ts";
import { walkFiles } from "../test-support/built-site.ts";
import { minimalContent, VALID_OBSERVATION, VALID_REPORT } from "../test-support/content-fixtures.ts";
import { testdir, writeTree } from "../test-support/testdir.ts";
import { checkTree } from "./check-tree.ts";
import { CONTENT_CACHE_FOLDER } from "./content-cache.ts";
import { displayRoot } from "./content-files.ts";
import { ContentCheckFailed, moveUnchangedPages, PUBLISH_RECORD, publishSite } from "./publish.ts";

const ROOT = join(import.meta.dirname, "..", "..");
const TODAY = "2026-11-27";

/** An observation of xã Kỳ Hoa on `date`, with no follow-up yet, related to the observations `related` names. */
function observation(date: string, slug: string, title: string, related: string[] = []): Record<string, string> {
  const text = VALID_OBSERVATION.replace(/^title: .*$/m, `title: ${title}`)
    .replace(/^related: \[\]$/m, `related: [${related.join(", ")}]`)
    .replace(/observed_on: .*/, `observed_on: ${date}`)
    .replace(/recorded_on: .*/, `recorded_on: ${date}`)
    .replace(/status: .*/, "status: moi")
    .replace(/forwarded_to: .*\n/, "")
    .replace(/follow_up:\n( {2}.*\n)+/, "follow_up: []\n");
  return { [`observations/${date.slice(0, 4)}/${date.slice(5, 7)}/xa-ky-hoa/${date}-${slug}.md`]: text };
}

/**
 * An Office file's parts, with the times it was written masked: Word and Excel files record when
 * they were made (the zip entries' dates and docProps/core.xml), which no two builds share.
 */
async function officeParts(bytes: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const parts: string[] = [];
  for (const name of Object.keys(zip.files).sort()) {
    const text = (await zip.file(name)?.async("string")) ?? "";
    parts.push(`${name}\n${name === "docProps/core.xml" ? text.replace(/<dcterms:(created|modified)[^>]*>[^<]*</g, "<dcterms:$1><") : text}`);
  }
  return parts.join("\n");
}

/** Every file of a published site with its bytes (Office files by their parts), but the publish record (it holds times). */
async function files(site: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const file of walkFiles(site)) {
    const path = relative(site, file);
    if (path === PUBLISH_RECORD) continue;
    const bytes = readFileSync(file);
    out.set(path, /\.(docx|xlsx)$/.test(path) ? await officeParts(bytes) : bytes.toString("base64"));
  }
  return out;
}

/** Every folder of a published site, sorted. */
const folders = (site: string): string[] =>
  readdirSync(site, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => relative(site, join(entry.parentPath, entry.name)))
    .sort();

describe("publishing the site", () => {
  it("incrementally, equals a full publish after every kind of change and rewrites only the shards that changed", { timeout: 900_000 }, async () => {
    const work = testdir();
    const content = join(work, "content");
    writeTree(content, {
      ...minimalContent(),
      ...observation("2025-08-12", "cho-tam", "Chợ tạm lấn chiếm lòng đường"),
      ...observation("2026-01-09", "den-duong", "Đèn đường hỏng nhiều tháng"),
      ...observation("2026-02-17", "nuoc-sach", "Thiếu nước sạch mùa khô"),
      // Its page names the January item it relates to: it must follow that item's title.
      ...observation("2026-11-03", "rac-thai", "Rác thải tồn đọng ở chợ", ["xa-ky-hoa/2026-01-09-den-duong"]),
    });
    const live = join(work, "live");
    const full = join(work, "full");
    const publish = (siteDir: string, incremental: boolean, today = TODAY) =>
      publishSite({ projectDir: ROOT, contentDir: content, siteDir, incremental, today, shardSize: 2 });
    const compare = async (today = TODAY) => {
      rmSync(full, { recursive: true, force: true });
      await publish(full, false, today);
      const [mine, reference] = [await files(live), await files(full)];
      expect([...mine.keys()].sort()).toEqual([...reference.keys()].sort());
      // The same folders too: none left empty by the pages linked beside the build and dropped (publish.ts).
      expect(folders(live)).toEqual(folders(full));
      expect(readdirSync(work).filter((name) => name.startsWith("live.dang-"))).toEqual([]);
      const differing = [...reference].filter(([path, bytes]) => mine.get(path) !== bytes).map(([path]) => path);
      expect(differing).toEqual([]);
    };

    const first = await publish(live, false);
    expect(first.pages).toBeGreaterThan(10);
    const shards = JSON.parse(readFileSync(join(live, "pagefind", "manh.json"), "utf8")).shards.map((shard: { path: string }) => shard.path);
    expect(shards[0]).toBe("2026-11/");
    expect(shards.length).toBeGreaterThan(2);

    const inode = (path: string) => statSync(join(live, path)).ino;
    const untouched = ["thong-tin/xa-ky-hoa/2025-08/index.html", "bao-cao/xa-ky-hoa/2025-08/index.html"].map(inode);
    const touched = inode("thong-tin/xa-ky-hoa/2026-11/index.html");

    // A new observation this month: only the newest month's shard is indexed again.
    writeTree(content, observation("2026-11-20", "duong-ngap", "Đường ngập sau mưa lớn"));
    const added = await publish(live, true);
    // Pages it does not touch are the published files themselves, linked; its month's page is new.
    expect(["thong-tin/xa-ky-hoa/2025-08/index.html", "bao-cao/xa-ky-hoa/2025-08/index.html"].map(inode)).toEqual(untouched);
    expect(inode("thong-tin/xa-ky-hoa/2026-11/index.html")).not.toBe(touched);
    expect(added.shardsWritten).toEqual(["2026-11"]);
    // Only the new file was parsed: the others came from the cache of loaded content (content-cache.ts).
    expect(added.filesParsed).toBe(1);
    // Pages showing nothing of it (other months' observations, other periods' reports) are copied, not rendered.
    expect(added.pagesRestored).toBeGreaterThan(0);
    expect(added.pagesRestored).toBeLessThan(added.pages);
    await compare();

    // An older observation changed, another deleted.
    const changed = join(content, "observations/2026/01/xa-ky-hoa/2026-01-09-den-duong.md");
    writeFileSync(changed, readFileSync(changed, "utf8").replace("Đèn đường hỏng nhiều tháng", "Đèn đường hỏng đã ba tháng"));
    rmSync(join(content, "observations/2026/02/xa-ky-hoa/2026-02-17-nuoc-sach.md"));
    const afterEdits = await publish(live, true);
    expect(afterEdits.shardsWritten).not.toContain("2026-11");
    expect(afterEdits.shardsWritten.length).toBeGreaterThan(0);
    await compare();
    expect(readFileSync(join(live, "thong-tin", "xa-ky-hoa", "2026-11", "index.html"), "utf8")).toContain("Đèn đường hỏng đã ba tháng");

    // A new report of this month, with the cache of loaded content cut short (a publish killed while writing it).
    const chunks = join(`${live}.cache`, CONTENT_CACHE_FOLDER);
    for (const chunk of readdirSync(chunks)) truncateSync(join(chunks, chunk), 5);
    writeTree(content, {
      "reports/2026-11/xa-ky-hoa/mttq.md": VALID_REPORT.replaceAll("2026-03", "2026-11")
        .replace("submitted_on: 2026-11-19", "submitted_on: 2026-11-25")
        .replace("tháng 3/2026", "tháng 11/2026")
        .replace(/observations: \[.*\]/, "observations: []"),
    });
    await publish(live, true);
    await compare();

    // Another day: the periods in progress and the deadlines follow it; a period over is not rendered again
    // (its consolidated report's Word document is dated in the browser, on click).
    const pastReport = inode("bao-cao/xa-ky-hoa/2025-08/index.html");
    await publish(live, true, "2026-11-29");
    await compare("2026-11-29");
    expect(inode("bao-cao/xa-ky-hoa/2025-08/index.html")).toBe(pastReport);

    // A unit renamed, and a former commune merged into it.
    const unit = join(content, "units/xa-ky-hoa.yaml");
    writeFileSync(unit, readFileSync(unit, "utf8").replace("name: Xã Kỳ Hoa", "name: Xã Kỳ Hoa Mới"));
    writeTree(content, { "units/xa-ky-tien-cu.yaml": "name: Xã Kỳ Tiến\nlevel: xa\nparent: huyen-ky-anh\nvalid_to: 2025-06-30\nmerged_into: [xa-ky-hoa]\n" });
    await publish(live, true, "2026-11-29");
    await compare("2026-11-29");
    expect(readFileSync(join(live, "don-vi", "xa-ky-hoa", "index.html"), "utf8")).toContain("Kỳ Hoa Mới");
    // The sites each publish replaced are removed by a process of their own, after it returned.
    await expect.poll(() => readdirSync(work).filter((name) => name.startsWith("live.cu-")), { timeout: 30_000 }).toEqual([]);
  });

  it("checks the content on the search records' load: the issues of dan-y check, and no publish on an error", { timeout: 300_000 }, async () => {
    const work = testdir();
    const content = join(work, "content");
    writeTree(content, {
      ...minimalContent(),
      ...observation("2026-11-03", "rac-thai", "Rác thải tồn đọng ở chợ"),
      // Named for another day than the one it was observed on, and related to an item that does not exist.
      "observations/2026/11/xa-ky-hoa/2026-11-05-sai-ngay.md": Object.values(
        observation("2026-11-04", "x", "Sai ngày", ["xa-ky-hoa/2026-01-01-khong-co"]),
      )[0] as string,
    });
    const siteDir = join(work, "trang");
    const check = { today: TODAY, displayRoot: "noi-dung/" };
    const refused = publishSite({ projectDir: ROOT, contentDir: content, siteDir, today: TODAY, check });
    await expect(refused).rejects.toBeInstanceOf(ContentCheckFailed);
    const failure = (await refused.catch((error: unknown) => error)) as ContentCheckFailed;
    // The same issues as `dan-y check`, each file named from the caller's root.
    const root = displayRoot(content);
    const expected = (await checkTree(content, { root, today: TODAY })).issues.map((issue) => ({ ...issue, file: issue.file.replace(root, "noi-dung/") }));
    expect(expected.map((issue) => issue.rule)).toEqual(expect.arrayContaining(["location", "related"]));
    expect(failure.check.issues).toEqual(expected);
    expect(failure.check.files).toBe(readdirSync(content, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).length);
    // Nothing published, nothing left beside it.
    expect(readdirSync(work).filter((name) => name.startsWith("trang") && name !== "trang.cache")).toEqual([]);
  });

  it("refuses a site folder it cannot write, in Vietnamese with the path, leaving nothing behind", async () => {
    const work = testdir({ "tep-thuong": "không phải thư mục" });
    const siteDir = join(work, "tep-thuong", "trang");
    const refused = publishSite({ projectDir: ROOT, contentDir: join(work, "content"), siteDir, today: TODAY });
    await expect(refused).rejects.toBeInstanceOf(PublishError);
    await expect(refused).rejects.toThrow(`không ghi được ${join(work, "tep-thuong")}`);
    expect(readFileSync(join(work, "tep-thuong"), "utf8")).toBe("không phải thư mục");
  });

  it("moves in the pages linked beside the build whose keys stayed, drops the others, and never overwrites a rendered page", () => {
    const work = testdir();
    const aside = join(work, "trang.dang-lien-ket");
    const staging = join(work, "trang.dang-xuat-ban");
    const previous = new Map([
      ["a/", "1"],
      ["b/", "1"],
      ["c/", "1"],
      ["d/", "1"],
      ["d/e/", "1"],
    ]);
    const stage = (rendered: Record<string, string>) => {
      rmSync(aside, { recursive: true, force: true });
      rmSync(staging, { recursive: true, force: true });
      // Linked from the published site: every keyed page's files, those below a page in their own folders.
      writeTree(aside, {
        "a/index.html": "a cũ",
        "a/bang.csv": "a",
        "b/index.html": "b cũ",
        "c/index.html": "c cũ",
        "d/index.html": "d cũ",
        "d/e/index.html": "e cũ",
      });
      // The build: b and d changed (rendered), c gone, f new.
      const keys = { version: 1, pages: { "a/": "1", "b/": "2", "d/": "2", "d/e/": "1", "f/": "1" } };
      writeTree(staging, { "khoa-trang.json": JSON.stringify(keys), ...rendered });
    };
    stage({ "b/index.html": "b mới", "d/index.html": "d mới", "f/index.html": "f mới" });
    const linked = statSync(join(aside, "a", "index.html")).ino;
    expect(moveUnchangedPages(aside, staging, previous)).toBe(2);
    expect(Object.fromEntries([...walkFiles(staging)].map((file) => [relative(staging, file), readFileSync(file, "utf8")]))).toEqual({
      "khoa-trang.json": expect.any(String),
      "a/index.html": "a cũ",
      "a/bang.csv": "a",
      "b/index.html": "b mới",
      "d/index.html": "d mới",
      "d/e/index.html": "e cũ",
      "f/index.html": "f mới",
    });
    // Moved, not copied; and nothing of the gone page is left, not even its folder.
    expect(statSync(join(staging, "a", "index.html")).ino).toBe(linked);
    expect(folders(staging)).toEqual(["a", "b", "d", "d/e", "f"]);
    // A page the build wrote although its key stayed: the keys disagree with what was rendered, and nothing is overwritten.
    stage({ "b/index.html": "b mới", "d/index.html": "d mới", "d/e/index.html": "e dựng lại" });
    expect(() => moveUnchangedPages(aside, staging, previous)).toThrow(new PublishError("Trang d/e/ vừa được dựng dù không đổi: khóa trang không nhất quán."));
    expect(readFileSync(join(staging, "d", "e", "index.html"), "utf8")).toBe("e dựng lại");
  });
});
