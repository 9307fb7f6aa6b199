/** Serves a built site from a folder on loopback, as a web server would (directory URLs → index.html). */
import { fork } from "node:child_process";
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css",
  ".js": "text/javascript",
  ".svg": "image/svg+xml",
  ".xml": "application/xml",
  ".json": "application/json",
  ".png": "image/png",
};

export interface FolderServer {
  url: string;
  /** Bytes of file bodies served so far (what the browser fetched, workers included). */
  bytesServed: () => number;
  close: () => Promise<void>;
}

export async function serveFolder(root: string): Promise<FolderServer> {
  let served = 0;
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname)).replace(/^(\.\.[/\\])+/, "");
    let file = join(root, path);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (!existsSync(file)) {
      // As a web server configured for the site would: the site's own 404 page, with status 404.
      const notFound = join(root, "404.html");
      if (existsSync(notFound)) {
        response.writeHead(404, { "content-type": TYPES[".html"] as string });
        createReadStream(notFound).pipe(response);
      } else response.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("Không tìm thấy");
      return;
    }
    response.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    served += statSync(file).size;
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    bytesServed: () => served,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A folder served by another process, whose served bytes are asked for over IPC. */
export interface ChildFolderServer {
  url: string;
  bytesServed: () => Promise<number>;
  close: () => Promise<void>;
}

/**
 * `serveFolder` in a child process, as a real web server is: in the measuring
 * process, every request waited behind Playwright's own work on the same event
 * loop (measured: search answers 2–3 times slower than from a separate server).
 */
export async function serveFolderInChild(root: string): Promise<ChildFolderServer> {
  const child = fork(new URL("./static-server-process.ts", import.meta.url), [root], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const reply = <T>(key: string) =>
    new Promise<T>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`static server exited (${code})`));
      const onMessage = (message: Record<string, T>) => {
        if (!(key in message)) return;
        child.off("message", onMessage);
        child.off("exit", onExit);
        resolve(message[key] as T);
      };
      child.on("message", onMessage);
      child.once("exit", onExit);
    });
  const url = await reply<string>("url");
  return {
    url,
    bytesServed: () => {
      const bytes = reply<number>("bytes");
      child.send("bytes");
      return bytes;
    },
    close: async () => {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill();
      await exited;
    },
  };
}
