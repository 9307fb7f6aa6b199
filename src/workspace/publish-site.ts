/**
 * Publishing the served repository as the internal site, with the project's
 * publish step (`src/adapters/publish.ts`: Astro build of the site's own
 * configuration over the repository's content, provenance from its Git
 * history, the search index, swapped in whole). Requests made while a publish
 * runs are merged into one more run; every run after the first is incremental:
 * it renders only the pages an approval changed and links the rest from the
 * published site (changed-pages.ts), and re-indexes only the shards it touched.
 * Each run is a child process (`publish-process.ts`), so its file work never
 * stalls the server's requests.
 */
import { fork } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import type { PublishOptions } from "../adapters/publish.ts";
import type { PublishAnswer } from "./publish-process.ts";

/**
 * Set by the workspace's service (bundled apart, hence a symbol): resolves
 * once the working copy has every approval of that process written, however
 * many retries a failed write takes.
 */
export const WRITTEN_HOOK = Symbol.for("dan-y.workspace.written");

async function workingCopyWritten(): Promise<void> {
  const hook = (globalThis as Record<symbol, unknown>)[WRITTEN_HOOK];
  if (typeof hook === "function") await (hook as () => Promise<void>)();
}

export interface Publisher {
  /** The folder being served, or undefined before the first publish completes. */
  current(): string | undefined;
  /** Asks for a publish; resolves when one that started after the request has finished. */
  request(): Promise<void>;
  /** Resolves when no publish is running or waiting. */
  idle(): Promise<void>;
  /** Whether the last publish succeeded. */
  lastSucceeded(): boolean;
}

/** One publish in a child process; rejects with the child's own message when it fails. */
function publishInChild(options: PublishOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    // Without the server's Node flags (a profile, the young generation's size): the child is a short batch job.
    const child = fork(new URL("./publish-process.ts", import.meta.url), [JSON.stringify(options)], {
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      execArgv: [],
    });
    let answer: PublishAnswer | undefined;
    child.on("message", (message: PublishAnswer) => {
      answer = message;
    });
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      if (answer?.ok && code === 0) resolve();
      else reject(new Error(answer && !answer.ok ? answer.message : `tiến trình xuất bản dừng giữa chừng (${signal ?? `mã ${code}`})`));
    });
  });
}

export function createPublisher(options: {
  projectDir: string;
  contentDirectory: string;
  sitesDir: string;
  today?: string | undefined;
  onError?: (error: unknown) => void;
}): Publisher {
  mkdirSync(options.sitesDir, { recursive: true });
  const siteDir = join(options.sitesDir, "trang");
  const ready = () => existsSync(join(siteDir, "index.html"));
  let running: Promise<void> | undefined;
  let waiting: Promise<void> | undefined;
  let succeeded = false;

  const publish = async () => {
    // The site is built from the working copy: one lacking approved files (a write waiting for its retry) would publish stale pages that nothing renders again.
    await workingCopyWritten();
    await publishInChild({
      projectDir: options.projectDir,
      contentDir: options.contentDirectory,
      siteDir,
      incremental: ready(),
      ...(options.today ? { today: options.today } : {}),
    });
  };

  const request = (): Promise<void> => {
    if (waiting) return waiting;
    if (!running) {
      running = publish()
        .then(() => {
          succeeded = true;
        })
        .catch((error: unknown) => {
          succeeded = false;
          options.onError?.(error);
        })
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
    current: () => (ready() ? siteDir : undefined),
    lastSucceeded: () => succeeded,
    request,
    idle: async () => {
      while (running || waiting) await (waiting ?? running);
    },
  };
}
