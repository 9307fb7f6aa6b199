/**
 * Serving built files (the internal site, the workspace's own assets) safely:
 * the decoded path must stay inside the folder (no `..`, no encoded escape, no
 * symlink out), directory URLs give their index.html.
 */
import { createReadStream, realpathSync, statSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { extname, join, sep } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".svg": "image/svg+xml",
  ".xml": "application/xml; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".wasm": "application/wasm",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
};

const HEADERS = { "X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin", "X-Frame-Options": "DENY" };

/** The file a URL path names inside `root`, or undefined (missing, outside, or not a plain name). */
export function resolveInside(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes("\0") || decoded.includes("\\")) return undefined;
  const parts = decoded.split("/").filter((part) => part !== "");
  if (parts.some((part) => part === ".." || part === ".")) return undefined;
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    return undefined;
  }
  let file = join(realRoot, ...parts);
  try {
    if (statSync(file).isDirectory()) file = join(file, "index.html");
    const real = realpathSync(file);
    if (real !== realRoot && !real.startsWith(realRoot + sep)) return undefined;
    return statSync(real).isFile() ? real : undefined;
  } catch {
    return undefined;
  }
}

/** Answers a GET/HEAD from `root`; false when there is no such file (the caller answers). */
export function serveFile(root: string, urlPath: string, request: IncomingMessage, response: ServerResponse, cache = "no-cache"): boolean {
  if (request.method !== "GET" && request.method !== "HEAD") return false;
  const file = resolveInside(root, urlPath);
  if (!file) return false;
  const stats = statSync(file);
  const tag = `"${stats.size.toString(16)}-${stats.mtimeMs.toString(16)}"`;
  if (request.headers["if-none-match"] === tag) {
    response.writeHead(304, { ETag: tag, ...HEADERS }).end();
    return true;
  }
  response.writeHead(200, {
    "Content-Type": TYPES[extname(file)] ?? "application/octet-stream",
    "Content-Length": stats.size,
    ETag: tag,
    "Cache-Control": cache,
    ...HEADERS,
  });
  if (request.method === "HEAD") response.end();
  else createReadStream(file).pipe(response);
  return true;
}

export function notFound(root: string | undefined, request: IncomingMessage, response: ServerResponse): void {
  const page = root ? resolveInside(root, "/404.html") : undefined;
  response.writeHead(404, { "Content-Type": "text/html; charset=utf-8", ...HEADERS });
  if (page && request.method !== "HEAD") createReadStream(page).pipe(response);
  else
    response.end(
      request.method === "HEAD"
        ? undefined
        : '<!doctype html><html lang="vi"><meta charset="utf-8"><title>Không tìm thấy</title><h1>Không tìm thấy trang</h1><p><a href="/">Về trang chủ</a> · <a href="/ban-lam-viec/">Bàn làm việc</a></p></html>',
    );
}
