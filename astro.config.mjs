// @ts-check
import mdx from "@astrojs/mdx";
import { defineConfig } from "astro/config";

// The internal report site. MDX is only for the site's own trusted pages (the
// guide); submitted content is Markdown, rendered by src/core/render-markdown.ts.
export default defineConfig({
  integrations: [mdx()],
  // Stylesheets as files, so the Content-Security-Policy needs no 'unsafe-inline'.
  build: { format: "directory", inlineStylesheets: "never" },
});
