// @ts-check
// The internal site exactly as `astro.config.mjs` builds it, written where the
// workspace serves it from (DAN_Y_SITE_OUT) with its own cache, so publishing the
// served repository never touches `dist/` or another build's cache.
import site from "../astro.config.mjs";

const root = new URL("..", import.meta.url).pathname;
const out = process.env.DAN_Y_SITE_OUT;
if (!out) throw new Error("DAN_Y_SITE_OUT is required");

export default {
  ...site,
  root,
  outDir: out,
  cacheDir: process.env.DAN_Y_SITE_CACHE ?? `${out}.cache`,
};
