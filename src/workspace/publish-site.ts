/**
 * Publishing the served repository as the internal site: `astro build` of the
 * site's own configuration over the repository's content (provenance read from
 * its Git history), then the search index; into a fresh folder that replaces the
 * served one only when complete. Rebuilds asked for while one runs are merged
 * into one more run.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface Publisher {
  /** The folder being served, or undefined before the first build completes. */
  current(): string | undefined;
  /** Asks for a rebuild; resolves when a build that started after the request has finished. */
  request(): Promise<void>;
  /** Resolves when no build is running or waiting. */
  idle(): Promise<void>;
  /** Stops a running build (the served folder stays as it was). */
  stop(): void;
}

const children = new Set<ChildProcess>();

function run(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; log: string }): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"] });
    children.add(child);
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on("error", reject);
    child.on("exit", (code) => {
      children.delete(child);
      writeFileSync(options.log, output);
      if (code === 0) resolve();
      else reject(new Error(`${command} ${args.join(" ")} thoát với mã ${code}; xem ${options.log}\n${output.slice(-2000)}`));
    });
  });
}

export function createPublisher(options: {
  projectDir: string;
  contentDirectory: string;
  sitesDir: string;
  env?: NodeJS.ProcessEnv;
  onError?: (error: unknown) => void;
}): Publisher {
  mkdirSync(options.sitesDir, { recursive: true });
  const pointer = join(options.sitesDir, "current");
  let current = existsSync(pointer) ? readFileSync(pointer, "utf8").trim() : undefined;
  if (current && !existsSync(join(current, "index.html"))) current = undefined;
  let running: Promise<void> | undefined;
  let waiting: Promise<void> | undefined;

  const build = async () => {
    const out = join(options.sitesDir, `site-${Date.now()}`);
    const node = process.execPath;
    const astro = join(options.projectDir, "node_modules", "astro", "bin", "astro.mjs");
    const env = {
      ...process.env,
      ...options.env,
      CONTENT_DIR: options.contentDirectory,
      DAN_Y_SITE_OUT: out,
      DAN_Y_SITE_CACHE: join(options.sitesDir, "cache"),
    };
    await run(node, [astro, "build", "--config", "workspace/site.config.mjs"], { cwd: options.projectDir, env, log: join(options.sitesDir, "build.log") });
    await run(node, [join(options.projectDir, "src", "workspace", "index-site.ts"), out], {
      cwd: options.projectDir,
      env,
      log: join(options.sitesDir, "index.log"),
    });
    const previous = current;
    current = out;
    writeFileSync(pointer, out);
    // Keep the previous folder one round, for requests still reading it.
    for (const name of readdirSync(options.sitesDir)) {
      const folder = join(options.sitesDir, name);
      if (name.startsWith("site-") && folder !== out && folder !== previous) rmSync(folder, { recursive: true, force: true });
    }
  };

  const request = (): Promise<void> => {
    if (waiting) return waiting;
    if (!running) {
      running = build()
        .catch((error: unknown) => options.onError?.(error))
        .finally(() => {
          running = undefined;
        });
      return running;
    }
    waiting = running.then(() => {
      waiting = undefined;
      return request();
    });
    return waiting;
  };

  return {
    current: () => current,
    request,
    idle: async () => {
      while (running || waiting) await (waiting ?? running);
    },
    stop: () => {
      for (const child of children) child.kill("SIGTERM");
    },
  };
}
