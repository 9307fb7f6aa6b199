/**
 * The workspace server as a user starts it (`dan-y start`, what `npm start`
 * runs), in a child process with its own state directory, for the
 * browser, refusal and load tests; and a small HTTP client that signs in and
 * posts forms as a browser (or an attacker) would.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const PROJECT = resolve(import.meta.dirname, "..", "..", "..");

export interface WorkspaceServer {
  /** The server process (for its memory). */
  pid: number;
  url: string;
  base: string;
  state: string;
  /** The served repository (working copy). */
  repository: string;
  password: string | undefined;
  output(): string;
  /** Resolves when the server has printed a line matching `pattern`. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
  git(...args: string[]): string;
  stop(): Promise<void>;
}

export async function startWorkspaceServer(
  options: { today?: string; content?: string; env?: NodeJS.ProcessEnv; noSite?: boolean; state?: string } = {},
): Promise<WorkspaceServer> {
  const state = options.state ?? mkdtempSync(join(tmpdir(), "dan-y-ban-lam-viec-"));
  // DAN_Y_SERVER_NODE_ARGS: extra Node flags for the server only (a CPU profile of a benchmark: `--cpu-prof --cpu-prof-dir=…`).
  const nodeArgs = (process.env.DAN_Y_SERVER_NODE_ARGS ?? "").split(" ").filter((arg) => arg !== "");
  const args = [...nodeArgs, join(PROJECT, "bin", "dan-y.js"), "start", "--port", "0", "--state", state];
  if (options.today) args.push("--today", options.today);
  if (options.content) args.push("--content", options.content);
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: PROJECT,
    env: { ...process.env, ...options.env, ...(options.noSite ? { DAN_Y_NO_SITE: "1" } : {}) },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group, so stopping it also stops a site build it started.
    detached: true,
  });
  let output = "";
  const listeners = new Set<() => void>();
  const take = (chunk: Buffer) => {
    output += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout?.on("data", take);
  child.stderr?.on("data", take);
  const waitFor = (pattern: RegExp, timeoutMs = 240_000) =>
    new Promise<void>((done, fail) => {
      const check = () => {
        if (pattern.test(output)) {
          listeners.delete(check);
          clearTimeout(timer);
          done();
        }
      };
      const timer = setTimeout(() => {
        listeners.delete(check);
        fail(new Error(`Server did not print ${pattern} within ${timeoutMs} ms:\n${output}`));
      }, timeoutMs);
      listeners.add(check);
      child.once("exit", (code) => fail(new Error(`Server exited (${code}):\n${output}`)));
      check();
    });
  await waitFor(/Dừng: Ctrl\+C/);
  let stopping: Promise<void> | undefined;
  const url = /Bàn làm việc: (http:\/\/\S+)\/ban-lam-viec\//.exec(output)?.[1] as string;
  const repository = options.content ? resolve(options.content, "..") : join(state, "demo");
  return {
    pid: child.pid as number,
    url,
    base: `${url}/ban-lam-viec`,
    state,
    repository,
    password: /Mật khẩu mẫu: (\S+)/.exec(output)?.[1],
    output: () => output,
    waitFor,
    git: (...gitArgs: string[]) => execFileSync("git", gitArgs, { cwd: repository, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }),
    // Once, however often it is called (a test may stop it itself before its clean-up does).
    stop: () => {
      stopping ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) {
          const exited = new Promise((done) => child.once("exit", done));
          process.kill(-(child.pid as number), "SIGTERM");
          await exited;
        }
        rmSync(state, { recursive: true, force: true });
      })();
      return stopping;
    },
  };
}

export interface HttpAnswer {
  status: number;
  text: string;
  location: string | null;
  headers: Headers;
}

/** A client with one cookie jar: what one browser (or one attacker's script) holds. */
export class Client {
  readonly base: string;
  readonly origin: string;
  cookie = "";
  constructor(base: string) {
    this.base = base;
    this.origin = new URL(base).origin;
  }

  async request(
    path: string,
    init: { method?: string; form?: Record<string, string | string[]>; origin?: string | null; headers?: Record<string, string> } = {},
  ): Promise<HttpAnswer> {
    const headers: Record<string, string> = { Accept: "text/html", ...init.headers };
    if (this.cookie) headers.Cookie = this.cookie;
    let body: URLSearchParams | null = null;
    if (init.form) {
      body = new URLSearchParams();
      for (const [key, value] of Object.entries(init.form)) for (const item of Array.isArray(value) ? value : [value]) body.append(key, item);
      headers["Content-Type"] = "application/x-www-form-urlencoded";
    }
    const origin = init.origin === undefined ? this.origin : init.origin;
    if (origin !== null && (init.method ?? (body ? "POST" : "GET")) !== "GET") headers.Origin = origin;
    const response = await fetch(path.startsWith("http") ? path : `${this.base}${path}`, {
      method: init.method ?? (body ? "POST" : "GET"),
      headers,
      body,
      redirect: "manual",
    });
    const set = response.headers.getSetCookie();
    for (const line of set) {
      const [pair] = line.split(";");
      if (pair?.startsWith("dan-y-phien=")) this.cookie = /Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(line) ? "" : pair;
    }
    return { status: response.status, text: await response.text(), location: response.headers.get("location"), headers: response.headers };
  }

  async signIn(id: string, password: string): Promise<HttpAnswer> {
    return this.request("/dang-nhap?_action=signIn", { form: { id, password } });
  }
}
