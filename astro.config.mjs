// @ts-check
import mdx from "@astrojs/mdx";
import { defineConfig } from "astro/config";
import { pageKeys } from "./src/adapters/page-keys-integration.ts";

// The internal report site. MDX is only for the site's own trusted pages (the
// guide); submitted content is Markdown, rendered by src/core/render-markdown.ts.
export default defineConfig({
  // The site's address on the internal network, for the Atom feed's links (optional).
  ...(process.env.DAN_Y_SITE_URL ? { site: process.env.DAN_Y_SITE_URL } : {}),
  // pageKeys: every keyed page's input key, for the next incremental publish. Nothing else is written after the pages:
  // table downloads and Word files are made in the browser on click (src/browser/table-download.ts, report-docx.ts).
  integrations: [mdx(), pageKeys()],
  // Stylesheets as files, so the Content-Security-Policy needs no 'unsafe-inline'.
  // Concurrency overlaps page rendering with file writes (10k build: 24 s → 19 s).
  build: { format: "directory", inlineStylesheets: "never", concurrency: 8 },
  // Scripts as files too (never inlined), for the same policy.
  vite: { build: { assetsInlineLimit: 0 } },
  // `dan-y publish` keeps each site's own cache (DAN_Y_SITE_CACHE: hot spots). An incremental
  // publish renders only the pages whose input key changed (src/site/page-inputs.ts, changed-pages.ts) and links the
  // others from the published site; Astro's experimental.incrementalBuild was measured slower and is not used.
  ...(process.env.DAN_Y_SITE_CACHE ? { cacheDir: process.env.DAN_Y_SITE_CACHE } : {}),
});
