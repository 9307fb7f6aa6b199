import { chromium } from "playwright-core";
import { serveFolder } from "./test-support/static-server.ts";
const server = await serveFolder(process.argv[2] as string);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
const page = await browser.newPage();
await page.goto(`${server.url}/pagefind/pagefind-entry.json`);
const out = await page.evaluate(async (queries) => {
  const pf = await import("/pagefind/pagefind.js");
  await pf.options({});
  const res: Record<string, unknown> = {};
  for (const q of queries) {
    const r = await pf.search(q, { sort: undefined });
    const top = await Promise.all(r.results.slice(0, 5).map(async (x: any) => { const d = await x.data(); return [d.meta.title, x.score.toFixed(2), x.words.slice(0,6).join(","), d.excerpt.slice(0, 120)]; }));
    res[q] = { n: r.results.length, top };
  }
  const f = await pf.filters();
  res.filters = Object.fromEntries(Object.entries(f).map(([k, v]: any) => [k, Object.keys(v).length]));
  return res;
}, process.argv.slice(3));
console.log(JSON.stringify(out, null, 1));
await browser.close(); await server.close();
