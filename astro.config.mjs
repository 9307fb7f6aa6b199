// @ts-check
import mdx from "@astrojs/mdx";
import { defineConfig } from "astro/config";

// The internal report site. MDX is only for the site's own trusted pages (the
// guide); submitted content is Markdown, loaded through src/content.config.ts.
export default defineConfig({
  integrations: [mdx()],
  build: { format: "directory" },
});
