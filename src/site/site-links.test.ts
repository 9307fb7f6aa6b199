/** The built demo site: every internal link resolves, anchors included. */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useBuiltDemoSite } from "../test-support/built-site.ts";

const site = useBuiltDemoSite();

describe("the built site", () => {
  it("resolves every internal link, anchors included", () => {
    const missing: string[] = [];
    let anchored = 0;
    for (const [path, html] of site.pages) {
      if (!path.endsWith(".html")) continue;
      for (const [, href, fragment] of html.matchAll(/href="(\/[^"#?]*)(?:#([^"]*))?"/g)) {
        const file = `${href}${(href as string).endsWith("/") ? "index.html" : ""}`;
        if (!existsSync(join(site.out, file))) missing.push(`${path} → ${href}`);
        else if (fragment) {
          anchored++;
          if (!site.pages.get(file)?.includes(`id="${fragment}"`)) missing.push(`${path} → ${href}#${fragment}`);
        }
      }
    }
    expect(missing).toEqual([]);
    expect(anchored).toBeGreaterThan(500);
  });
});
