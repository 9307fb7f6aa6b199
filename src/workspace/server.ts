/**
 * One address for both faces: the workspace (Astro, on demand, under
 * /ban-lam-viec/) and the internal static site (everything else, from the
 * folder the publisher builds). Loopback by default; a province puts it behind
 * its HTTPS reverse proxy (README "Bàn làm việc").
 */

import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { RefusalError } from "../core/errors.ts";
import { notFound, serveFile } from "./static-files.ts";

export const WORKSPACE_BASE = "/ban-lam-viec";

type AstroHandler = (request: IncomingMessage, response: ServerResponse, next?: (error?: unknown) => void) => Promise<void>;

export interface ServeOptions {
  /** The built workspace (`dist-workspace/`). */
  workspaceBuild: string;
  /** The built internal site, read on every request (so a rebuild swapped in place shows at once). */
  siteDir: () => string | undefined;
  host: string;
  port: number;
}

export async function serve(options: ServeOptions): Promise<{ server: Server; url: string }> {
  const entry = (await import(pathToFileURL(join(options.workspaceBuild, "server", "entry.mjs")).href)) as { handler: AstroHandler };
  const clientDir = join(options.workspaceBuild, "client");
  const logRequests = process.env.DAN_Y_REQUEST_LOG === "1";
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    if (logRequests) logWhenAnswered(request, response, path);
    if (path === WORKSPACE_BASE || path.startsWith(`${WORKSPACE_BASE}/`)) {
      const inside = path.slice(WORKSPACE_BASE.length) || "/";
      if (/\.(css|js|svg|png|ico|woff2)$/.test(inside) && serveFile(clientDir, inside, request, response)) return;
      entry
        .handler(request, response, () => notFound(undefined, request, response))
        .catch((error: unknown) => {
          console.error(error);
          if (!response.headersSent) response.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" });
          response.end("Lỗi máy chủ: yêu cầu chưa được thực hiện, không có gì bị ghi dở. Hãy thử lại.");
        });
      return;
    }
    const site = options.siteDir();
    if (site && serveFile(site, path, request, response)) return;
    if (!site && path === "/") {
      response.writeHead(303, { Location: `${WORKSPACE_BASE}/` }).end();
      return;
    }
    notFound(site, request, response);
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "EADDRINUSE" || error.code === "EACCES"
          ? new RefusalError(
              `Không mở được cổng ${options.port} trên ${options.host} (${error.code === "EADDRINUSE" ? "đang có chương trình khác dùng" : "không có quyền"}): hãy dừng chương trình đó hoặc chạy với --port <cổng khác>.`,
            )
          : error,
      ),
    );
    server.listen(options.port, options.host, resolve);
  });
  const address = server.address() as AddressInfo;
  const host = options.host === "127.0.0.1" || options.host === "::1" || options.host === "0.0.0.0" ? "localhost" : options.host;
  return { server, url: `http://${host}:${address.port}` };
}

/** A request id a proxy or a benchmark sent (`X-Request-Id`), when it is a plain token. */
const requestId = (request: IncomingMessage): string | undefined => {
  const value = request.headers["x-request-id"];
  return typeof value === "string" && /^[A-Za-z0-9._-]{1,64}$/.test(value) ? value : undefined;
};

/**
 * With DAN_Y_REQUEST_LOG=1, one line per request once its answer is handed to
 * the system: method, path (no query), status and the server's own time, from
 * the request's parsed head (its body read and the answer included) to the
 * last byte written, and its `X-Request-Id`; a request whose client went away
 * first is logged as "bỏ dở" with the time until then. The workspace
 * benchmark reads these (the issue's "server time"); an operator can turn it
 * on to see slow pages.
 */
export function logWhenAnswered(request: IncomingMessage, response: ServerResponse, path: string): void {
  const started = performance.now();
  const log = (status: string) => {
    const id = requestId(request);
    process.stdout.write(`[yêu cầu] ${request.method ?? "-"} ${path} ${status} ${(performance.now() - started).toFixed(1)} ms${id ? ` #${id}` : ""}\n`);
  };
  response.once("finish", () => log(String(response.statusCode)));
  response.once("close", () => {
    if (!response.writableFinished) log("bỏ dở");
  });
}

/** The server times in a request log (`logWhenAnswered`), by request id. */
export function loggedTimes(log: string): Map<string, number> {
  const times = new Map<string, number>();
  for (const match of log.matchAll(/^\[yêu cầu\] \S+ \S+ \d{3} (\d+(?:\.\d+)?) ms #(\S+)$/gm)) times.set(match[2] as string, Number(match[1]));
  return times;
}
