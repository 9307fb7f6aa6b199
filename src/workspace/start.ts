/**
 * `dan-y start` / `npm start`: from a fresh clone to a running workspace. Builds
 * the workspace when its build is missing or older than the sources, prepares
 * the state directory (the demo repository and demo accounts when no repository
 * is given), publishes the internal site in the background and serves both at
 * one address. After every approval the site is rebuilt and swapped in.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { join, resolve } from "node:path";
import { listContentPaths, readContentFiles } from "../adapters/content-files.ts";
import { withPidLock } from "../adapters/pid-lock.ts";
import { loadContent } from "../core/content/load-content.ts";
import { AccountStore } from "./accounts.ts";
import { demoRoles, ensureDemoAccounts } from "./demo-accounts.ts";
import { ensureDemoRepository } from "./demo-repository.ts";
import { createPublisher, type Publisher } from "./publish-site.ts";
import { serve, WORKSPACE_BASE } from "./server.ts";
import { statePaths } from "./state-dir.ts";

export const PROJECT_DIR = resolve(import.meta.dirname, "..", "..");
export const WORKSPACE_BUILD = join(PROJECT_DIR, "dist-workspace");
export const APPROVED_HOOK = Symbol.for("dan-y.workspace.approved");
/** Set by the workspace's service: resolves when the working copy has every approval written. */
export const SETTLED_HOOK = Symbol.for("dan-y.workspace.settled");

export interface StartOptions {
  port: number;
  host: string;
  /** State directory (default `DAN_Y_STATE_DIR`, else `~/.dan-y`). */
  stateDir?: string | undefined;
  /** Content directory of the repository to serve; absent: the bundled demo. */
  content?: string | undefined;
  today?: string | undefined;
  /** Skip publishing the internal site (benchmarks). */
  noSite?: boolean;
  log?: (line: string) => void;
}

export interface Started {
  url: string;
  server: Server;
  publisher: Publisher | undefined;
  demo: { password: string; roles: ReturnType<typeof demoRoles> } | undefined;
  close(): Promise<void>;
}

/** Newest modification time of the files the workspace build is made from. */
function newestSource(): number {
  let newest = 0;
  const walk = (path: string) => {
    if (!existsSync(path)) return;
    const stats = statSync(path);
    if (stats.isDirectory()) {
      for (const name of readdirSync(path)) if (!name.endsWith(".test.ts")) walk(join(path, name));
    } else newest = Math.max(newest, stats.mtimeMs);
  };
  for (const part of ["src/workspace", "src/core", "src/adapters", "src/site", "schemas", "workspace/astro.config.mjs", "package-lock.json"])
    walk(join(PROJECT_DIR, part));
  return newest;
}

/** Where the workspace is built: its folder, how new its sources are, and how one build is made into a folder. */
export interface WorkspaceBuildPlace {
  /** Holds `builds/<name>/`, `current` (the last finished build's name) and `build.lock`. */
  root: string;
  /** Newest modification time of the files the build is made from. */
  newestSource: () => number;
  /** Builds the workspace into `folder` (its server's entry at `server/entry.mjs`). */
  runBuild: (folder: string) => Promise<void>;
}

/** Older builds kept for servers still running from them (their pages load chunks from their own folder when first asked). */
const KEEP_BUILDS = 4;

/** How long a start waits for another start's build before giving up: a build takes 10–20 seconds. */
const BUILD_WAIT_MS = 10 * 60_000;

/** The folder of the last finished build, if it is there. */
function currentBuild(root: string): string | undefined {
  try {
    const name = readFileSync(join(root, "current"), "utf8").trim();
    const folder = join(root, "builds", name);
    return name && !name.includes("/") && existsSync(join(folder, "server", "entry.mjs")) ? folder : undefined;
  } catch {
    return undefined;
  }
}

/** The last finished build, when it is newer than every source. */
function freshBuild(place: WorkspaceBuildPlace): string | undefined {
  const found = currentBuild(place.root);
  return found && statSync(join(found, "server", "entry.mjs")).mtimeMs >= place.newestSource() ? found : undefined;
}

/** This project's workspace: built by Astro from `workspace/astro.config.mjs` into `dist-workspace/`. */
const projectBuildPlace: WorkspaceBuildPlace = {
  root: WORKSPACE_BUILD,
  newestSource,
  runBuild: (folder) =>
    new Promise<void>((done, fail) => {
      const astro = join(PROJECT_DIR, "node_modules", "astro", "bin", "astro.mjs");
      const child = spawn(process.execPath, [astro, "build", "--config", "workspace/astro.config.mjs", "--outDir", folder], {
        cwd: PROJECT_DIR,
        stdio: ["ignore", "pipe", "pipe"],
      });
      let output = "";
      child.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString();
      });
      child.stderr.on("data", (chunk: Buffer) => {
        output += chunk.toString();
      });
      child.on("exit", (code) => (code === 0 ? done() : fail(new Error(`Dựng bàn làm việc thất bại (mã ${code}):\n${output.slice(-3000)}`))));
    }),
};

/**
 * The build the server runs from, made first when it is missing or older than
 * the sources. Each build goes to its own folder and becomes current only once
 * finished: a server already running keeps loading its pages from the build it
 * started with while another start (a test, a second state directory) builds
 * anew beside it (a build in place emptied the folder under the running
 * server, whose next page then failed with 500). Builds are made under
 * `build.lock`: two starts after one source change would both build, and
 * one's clean-up could remove the folder the other was building; the second
 * start re-reads the current build once the lock is its and uses the first's.
 */
export async function buildWorkspaceIfNeeded(
  log: (line: string) => void,
  place: WorkspaceBuildPlace = projectBuildPlace,
): Promise<{ folder: string; built: boolean }> {
  const fresh = freshBuild(place);
  if (fresh) return { folder: fresh, built: false };
  mkdirSync(join(place.root, "builds"), { recursive: true });
  return withPidLock(
    join(place.root, "build.lock"),
    async () => {
      const builtMeanwhile = freshBuild(place);
      if (builtMeanwhile) return { folder: builtMeanwhile, built: false };
      log("Đang dựng bàn làm việc (chỉ khi mã nguồn thay đổi, khoảng 10–20 giây)…");
      const name = `${new Date().toISOString().replace(/[:.]/g, "-")}-${process.pid}`;
      const folder = join(place.root, "builds", name);
      await place.runBuild(folder);
      const current = join(place.root, "current");
      const temporary = `${current}.${process.pid}`;
      writeFileSync(temporary, `${name}\n`);
      renameSync(temporary, current);
      removeOldBuilds(place.root, name);
      return { folder, built: true };
    },
    {
      notice: log,
      waitingLine: "Đang chờ một lần khởi động khác dựng xong bàn làm việc…",
      brokenLine: (lock, holder) => `Đã gỡ khóa dựng bàn làm việc ${lock} của tiến trình ${holder} đã dừng (lần dựng đó dừng giữa chừng).`,
      waitMs: BUILD_WAIT_MS,
      timeout: (lock, holder) =>
        new Error(
          `Tiến trình ${holder} vẫn đang dựng bàn làm việc sau ${BUILD_WAIT_MS / 60_000} phút chờ (khóa ${lock}). Nếu tiến trình đó không phải của dan-y, hãy xoá tệp khóa rồi chạy lại.`,
        ),
    },
  );
}

/**
 * All but the newest KEEP_BUILDS builds (the one just made among them). Run
 * under the build lock, so no other start is building into one of them; an
 * unfinished folder among the older ones is a build that died.
 */
function removeOldBuilds(root: string, keep: string): void {
  const builds = join(root, "builds");
  const names = readdirSync(builds)
    .filter((name) => name !== keep)
    .sort()
    .reverse();
  for (const name of names.slice(KEEP_BUILDS - 1)) rmSync(join(builds, name), { recursive: true, force: true });
}

export async function startWorkspace(options: StartOptions): Promise<Started> {
  const log = options.log ?? ((line: string) => console.log(line));
  if (options.stateDir) process.env.DAN_Y_STATE_DIR = resolve(options.stateDir);
  const paths = statePaths();
  if (options.today) process.env.DAN_Y_TODAY = options.today;
  process.env.DAN_Y_PROJECT_DIR = PROJECT_DIR;
  const build = await buildWorkspaceIfNeeded(log);

  let demo: Started["demo"];
  let content: string;
  if (options.content) content = resolve(options.content);
  else {
    const made = await ensureDemoRepository(PROJECT_DIR, paths.demo);
    if (made.created) log(`Đã tạo kho mẫu tại ${paths.demo} (${made.how}).`);
    content = join(paths.demo, "content");
    // The demo builder keeps the bodies' private keys beside the repository (restricted observations are sealed to them).
    const demoKeys = `${paths.demo}-khoa`;
    if (!process.env.DAN_Y_KEY_DIR && existsSync(demoKeys)) process.env.DAN_Y_KEY_DIR = demoKeys;
    const model = loadContent(readContentFiles(content, listContentPaths(content, ["observations", "reports"]))).model;
    const password = await ensureDemoAccounts(model, new AccountStore(paths.accounts), paths.root);
    demo = { password, roles: demoRoles(model) };
  }
  process.env.DAN_Y_CONTENT_DIR = content;

  let publisher: Publisher | undefined;
  // Listen before anything runs in the background: a busy port is refused at once, not after a site publish.
  const { server, url } = await serve({ workspaceBuild: build.folder, siteDir: () => publisher?.current(), host: options.host, port: options.port });
  if (!options.noSite) {
    publisher = createPublisher({
      projectDir: PROJECT_DIR,
      contentDirectory: content,
      sitesDir: paths.site,
      today: options.today,
      onError: (error) => log(`Chưa dựng lại được trang nội bộ: ${(error as Error).message}`),
    });
    const site = publisher;
    (globalThis as Record<symbol, unknown>)[APPROVED_HOOK] = () => {
      site.request().then(() => site.lastSucceeded() && log("Đã cập nhật trang nội bộ sau lần duyệt mới."));
    };
    if (!publisher.current()) {
      log("Đang dựng trang nội bộ trong nền (lần đầu khoảng một phút); bàn làm việc dùng được ngay.");
      publisher.request().then(() => site.lastSucceeded() && log("Trang nội bộ đã sẵn sàng."));
    }
  }

  log("");
  log(`Bàn làm việc: ${url}${WORKSPACE_BASE}/`);
  log(`Trang nội bộ: ${url}/`);
  log(`Thư mục trạng thái (tài khoản, phiên, kho mẫu): ${paths.root}`);
  if (demo) {
    log("");
    log("Tài khoản mẫu (CHỈ DÙNG CHO KHO MẪU; mọi đầu mối trong kho mẫu đều có tài khoản, cùng mật khẩu):");
    for (const role of demo.roles) log(`  ${role.role}: ${role.id} (${role.name}, ${role.body})`);
    log(`  Mật khẩu mẫu: ${demo.password}`);
  }
  log("");
  log("Dừng: Ctrl+C.");
  return {
    url,
    server,
    publisher,
    demo,
    close: async () => {
      await new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      });
      // Approvals already answered have their working files written before the process ends (bounded: the journal covers the rest).
      const settled = (globalThis as Record<symbol, unknown>)[SETTLED_HOOK];
      if (typeof settled === "function")
        await Promise.race([(settled as () => Promise<void>)().catch(() => undefined), new Promise((done) => setTimeout(done, 30_000).unref())]);
    },
  };
}

/** `node src/workspace/start.ts [--port N] [--host H] [--state DIR] [--content DIR] [--today YYYY-MM-DD]` (what `npm start` runs). */
if (import.meta.main) {
  const { parseArgs } = await import("node:util");
  const { values } = parseArgs({
    options: { port: { type: "string" }, host: { type: "string" }, state: { type: "string" }, content: { type: "string" }, today: { type: "string" } },
  });
  const port = Number(values.port ?? process.env.PORT ?? 4321);
  if (!Number.isInteger(port) || port < 0) {
    console.error(`Cổng không hợp lệ: "${values.port}"`);
    process.exit(2);
  }
  const started = await startWorkspace({
    port,
    host: values.host ?? process.env.HOST ?? "127.0.0.1",
    stateDir: values.state,
    content: values.content,
    today: values.today,
    noSite: process.env.DAN_Y_NO_SITE === "1",
  });
  const stop = () => {
    started.close().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}
