/** Where the program lives, for commands and benchmarks that start it (or Astro) in a child process. */
import { join } from "node:path";

export const PROJECT_ROOT = join(import.meta.dirname, "..", "..", "..");
/** `bin/dan-y.js`: run with `process.execPath` to start the whole program in a fresh process. */
export const DAN_Y_BIN = join(PROJECT_ROOT, "bin", "dan-y.js");
export const ASTRO_BIN = join(PROJECT_ROOT, "node_modules", "astro", "bin", "astro.mjs");
