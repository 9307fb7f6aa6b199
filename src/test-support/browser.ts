/**
 * A Chromium for the browser tests, driven by playwright-core, quiet and offline-friendly.
 * `CHROMIUM_PATH` wins, then Debian's `/usr/bin/chromium`; otherwise the Chromium shipped inside
 * the `@sparticuz/chromium` npm package (unpacked into the temp folder at first use), so that
 * `npm ci && npm test` passes on a machine that has only Node.js and npm.
 */
import { existsSync } from "node:fs";
import type { Browser } from "playwright-core";

const QUIET_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Where the browser comes from, in order of preference. */
export async function chromiumExecutable(): Promise<{ path: string; args: string[] }> {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) return { path: configured, args: QUIET_FLAGS };
  if (existsSync("/usr/bin/chromium")) return { path: "/usr/bin/chromium", args: QUIET_FLAGS };
  const { default: packaged } = await import("@sparticuz/chromium");
  // Not the package's own flag list: it turns off web security and same-origin checks, which the
  // workspace's browser tests rely on. Ours are enough for a headless run as root.
  return { path: await packaged.executablePath(), args: [...QUIET_FLAGS, "--no-zygote"] };
}

export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import("playwright-core");
  const { path, args } = await chromiumExecutable();
  return chromium.launch({ executablePath: path, args });
}
