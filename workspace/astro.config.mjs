// @ts-check
// The workspace (bàn làm việc): on-demand pages, Actions and sessions under
// /ban-lam-viec/, built apart from the static site (its own srcDir, outDir and
// cache), so `astro build` of the site and `dist/` stay exactly as they are.
// `src/workspace/server.ts` serves both at one address.
import node from "@astrojs/node";
import { defineConfig } from "astro/config";

const root = new URL("..", import.meta.url);

export default defineConfig({
  root: root.pathname,
  srcDir: "./src/workspace",
  publicDir: "./src/workspace/public",
  outDir: "./dist-workspace",
  cacheDir: "./node_modules/.astro-workspace",
  base: "/ban-lam-viec",
  trailingSlash: "ignore",
  output: "server",
  adapter: node({ mode: "middleware" }),
  session: {
    // Sessions live in the state directory, chosen when the server starts (see the driver).
    driver: { entrypoint: new URL("../src/workspace/session-driver.ts", import.meta.url).pathname },
    cookie: { name: "dan-y-phien", sameSite: "lax", path: "/ban-lam-viec" },
    ttl: 8 * 60 * 60,
  },
  // The middleware checks Origin itself, to refuse in Vietnamese and log it.
  security: { checkOrigin: false },
  build: { inlineStylesheets: "never", format: "directory" },
  vite: { build: { assetsInlineLimit: 0 } },
  devToolbar: { enabled: false },
});
