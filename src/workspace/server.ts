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
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
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
