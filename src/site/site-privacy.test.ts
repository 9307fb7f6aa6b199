/**
 * The built demo site and its search index: restricted observations show their
 * title and nothing of their body, follow-up notes or location anywhere.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { restrictedSecrets, useBuiltDemoSite, walkFiles } from "../test-support/built-site.ts";

const site = useBuiltDemoSite();

/** Every file of the Pagefind bundle as text, its gzip (and Pagefind's own header) undone. */
function indexTexts(): Map<string, string> {
  const texts = new Map<string, string>();
  for (const file of walkFiles(join(site.out, "pagefind"))) {
    if (!/(\.pf_(fragment|index|meta|filter)|\/bo-loc\.json\.gz)$/.test(file)) continue;
    const bytes = readFileSync(file);
    const plain = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
    texts.set(file.slice(site.out.length), plain.toString("utf8"));
  }
  return texts;
}

/** The article of one observation on its unit-month page. */
function observationSheet(id: string): string {
  const [unit, anchor] = id.split("/") as [string, string];
  const page = site.pages.get(`/thong-tin/${unit}/${anchor.slice(0, 7)}/index.html`) ?? "";
  const start = page.indexOf(`<article class="observation" id="${anchor}"`);
  expect(start, id).toBeGreaterThan(-1);
  return page.slice(start, page.indexOf("</article>", start));
}

describe("the built site", () => {
  it("never shows a restricted observation's body, notes or location, but lists its title", async () => {
    const { restricted, secrets, own } = await restrictedSecrets();
    expect(restricted.length).toBeGreaterThan(10);
    expect(own.length).toBeGreaterThanOrEqual(restricted.length);
    const leaks = own.filter((secret) => [...site.pages.values()].some((page) => page.includes(secret) || page.includes(secret.replace(/&/g, "&amp;"))));
    expect(leaks).toEqual([]);
    // The scan itself can fail: the normal observations' sentences are found in the output.
    expect(secrets.filter((secret) => !own.includes(secret)).some((secret) => [...site.pages.values()].some((page) => page.includes(secret)))).toBe(true);
    for (const entry of restricted) {
      const sheet = observationSheet(entry.id);
      expect(sheet).toContain(String(entry.data.title).replace(/&/g, "&amp;"));
      expect(sheet).toContain("Thông tin <strong>hạn chế</strong>");
      for (const authority of authoritiesOf(entry)) expect(sheet, `${entry.id}: ${authority}`).not.toContain(authority.replace(/&/g, "&amp;"));
    }
  });

  it("never shows the authority a restricted observation went to, on its sheet, the tracker or the feed", async () => {
    const { restricted } = await restrictedSecrets();
    const forwarded = restricted.filter((entry) => authoritiesOf(entry).length > 0);
    expect(forwarded.length).toBeGreaterThan(0);
    const tracker = site.pages.get("/theo-doi/index.html") ?? "";
    const feed = readFileSync(join(site.out, "khan.xml"), "utf8");
    // Titles repeat across items: rows and feed items are matched by the link to the observation itself.
    const linkOf = (id: string) => `/thong-tin/${id.split("/")[0]}/${id.split("/")[1]?.slice(0, 7)}/#${id.split("/")[1]}`;
    const partsWith = (text: string, separator: RegExp, link: string) => text.split(separator).filter((part) => part.includes(link));
    let rows = 0;
    for (const entry of forwarded) {
      const link = linkOf(entry.id);
      for (const authority of authoritiesOf(entry)) {
        for (const row of partsWith(tracker, /<tr[\s>]/, link)) {
          rows++;
          expect(row.slice(0, row.indexOf("</tr>")), `${entry.id}: ${authority}`).not.toContain(authority);
        }
        for (const item of partsWith(feed, /<item>/, link))
          expect(item.slice(0, item.indexOf("</item>")), `${entry.id}: ${authority}`).not.toContain(authority);
      }
    }
    expect(rows, "restricted items waiting for an answer are on the tracker").toBeGreaterThan(0);
    // The scan can fail: a normal item's authority is on the tracker.
    const normal = [...site.pages.get("/theo-doi/index.html")!.matchAll(/<td>(UBND [^<]+)<\/td>/g)];
    expect(normal.length).toBeGreaterThan(0);
  });
});

/** forwarded_to and each follow-up step's authority, as written in the file. */
function authoritiesOf(entry: { data: Record<string, unknown> }): string[] {
  const steps = (entry.data.follow_up as { authority?: string }[] | undefined) ?? [];
  return [...new Set([entry.data.forwarded_to, ...steps.map((step) => step.authority)].filter((name): name is string => typeof name === "string"))];
}

describe("search index", () => {
  it("holds no restricted observation's body, notes or location, and does hold normal text (scanned decompressed)", async () => {
    const texts = indexTexts();
    expect([...texts.keys()].filter((path) => path.endsWith(".pf_fragment")).length).toBeGreaterThan(500);
    const { secrets, own } = await restrictedSecrets();
    const all = [...texts.values()].join("\n");
    expect(own.filter((secret) => all.includes(secret))).toEqual([]);
    // A restricted item's fragment names none of the authorities it went to.
    for (const entry of (await restrictedSecrets()).restricted) {
      for (const fragment of [...texts.values()].filter((text) => text.includes(String(entry.data.title)))) {
        for (const authority of authoritiesOf(entry))
          expect(fragment.includes(authority) && fragment.includes('"han_che"'), `${entry.id}: ${authority}`).toBe(false);
      }
    }
    expect(secrets.filter((secret) => !own.includes(secret)).some((secret) => all.includes(secret))).toBe(true);
  });
});
