/**
 * A real Git HTTP server on loopback for tests: Node's http module running the
 * git CLI's `git http-backend` as CGI, with Basic authentication and pushes
 * allowed. Serves clone, fetch and push of bare repositories under `root`.
 */
import { spawn } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface GitHttpServer {
  url: string;
  close(): Promise<void>;
}

/**
 * `credentials`: one account, or `{ users: { name: password } }` for several;
 * the authenticated name is passed to git (and its hooks) as REMOTE_USER, as a
 * web server in front of `git http-backend` does.
 */
export async function startGitHttpServer(
  root: string,
  credentials: { username: string; password: string } | { users: Record<string, string> } = { username: "can-bo", password: "mat-khau" },
): Promise<GitHttpServer> {
  const users = "users" in credentials ? credentials.users : { [credentials.username]: credentials.password };
  const accounts = new Map(Object.entries(users).map(([name, password]) => [`Basic ${Buffer.from(`${name}:${password}`).toString("base64")}`, name]));
  const server: Server = createServer((request, response) => {
    const account = accounts.get(request.headers.authorization ?? "");
    if (!account) {
      response.writeHead(401, { "WWW-Authenticate": 'Basic realm="dan-y"' }).end();
      return;
    }
    const url = new URL(request.url ?? "/", "http://localhost");
    const backend = spawn("git", ["http-backend"], {
      env: {
        ...process.env,
        GIT_PROJECT_ROOT: root,
        GIT_HTTP_EXPORT_ALL: "1",
        GIT_CONFIG_COUNT: "1",
        GIT_CONFIG_KEY_0: "http.receivepack",
        GIT_CONFIG_VALUE_0: "true",
        REMOTE_USER: account,
        REQUEST_METHOD: request.method ?? "GET",
        PATH_INFO: decodeURIComponent(url.pathname),
        QUERY_STRING: url.search.slice(1),
        CONTENT_TYPE: request.headers["content-type"] ?? "",
        ...(request.headers["content-length"] ? { CONTENT_LENGTH: request.headers["content-length"] } : {}),
        ...(request.headers["content-encoding"] ? { HTTP_CONTENT_ENCODING: request.headers["content-encoding"] } : {}),
        ...(request.headers["git-protocol"] ? { GIT_PROTOCOL: String(request.headers["git-protocol"]) } : {}),
      },
    });
    request.pipe(backend.stdin);
    let head = Buffer.alloc(0);
    let headersDone = false;
    backend.stdout.on("data", (chunk: Buffer) => {
      if (headersDone) {
        response.write(chunk);
        return;
      }
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf("\r\n\r\n");
      if (end === -1) return;
      headersDone = true;
      let status = 200;
      for (const line of head.subarray(0, end).toString("latin1").split("\r\n")) {
        const colon = line.indexOf(":");
        const name = line.slice(0, colon).trim();
        const value = line.slice(colon + 1).trim();
        if (name.toLowerCase() === "status") status = Number.parseInt(value, 10);
        else response.setHeader(name, value);
      }
      response.writeHead(status);
      response.write(head.subarray(end + 4));
    });
    backend.stdout.on("end", () => response.end());
    backend.on("error", () => response.writeHead(500).end());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
