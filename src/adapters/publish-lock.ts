/**
 * One publish of a site at a time: two `dan-y publish` runs on the same site
 * folder (or one beside the workspace server's) would share its staging names
 * (`<site>.dang-xuat-ban`, `<site>.dang-lap-chi-muc`) and remove or swap in
 * each other's half-built folders. The lock is `<site>.khoa-xuat-ban` beside
 * the site, created exclusively with the holder's pid inside; a later publish
 * waits for it (saying so once), and a lock whose holder died is removed.
 */
import { readFileSync, rmSync, statSync } from "node:fs";
import { mkdir, open } from "node:fs/promises";
import { dirname } from "node:path";
import { PublishError } from "../core/errors.ts";
import { processAlive } from "./git-store.ts";

export const publishLockPath = (siteDir: string): string => `${siteDir}.khoa-xuat-ban`;

/** What a waiting publish says, once. */
export const WAITING_LINE = "Đang chờ lần xuất bản khác của trang này xong…";

/** A lock holding no readable pid (its holder died between creating and writing it) counts as abandoned after this long. */
const UNREADABLE_STALE_MS = 30_000;

/** How long a publish waits for another before refusing: a full publish of 100k observations takes minutes, not this. */
const WAIT_MS = () => Number(process.env.DAN_Y_PUBLISH_LOCK_WAIT_MS) || 60 * 60_000;

/** Publishes of one site in this process, one after another (the file is for other processes). */
const queues = new Map<string, Promise<unknown>>();

/**
 * Runs `work` holding the site's publish lock. `say` hears the waiting line
 * (once) and the removal of a dead holder's lock.
 */
export function withPublishLock<T>(siteDir: string, say: (line: string) => void, work: () => Promise<T>): Promise<T> {
  const run = async () => {
    const lock = publishLockPath(siteDir);
    await takeLock(lock, say);
    try {
      return await work();
    } finally {
      rmSync(lock, { force: true });
    }
  };
  const next = (queues.get(siteDir) ?? Promise.resolve()).then(run, run);
  const settled = next.catch(() => undefined);
  queues.set(siteDir, settled);
  void settled.then(() => {
    if (queues.get(siteDir) === settled) queues.delete(siteDir);
  });
  return next;
}

/** A folder the lock cannot be made in (a file in the way, no right to write), said as the publish says it. */
function unwritable(error: unknown, lock: string): PublishError {
  const failure = error as NodeJS.ErrnoException;
  return new PublishError(
    `không ghi được ${failure.path ?? lock} (${failure.code}): hãy kiểm tra đường dẫn --site và quyền ghi vào thư mục chứa nó. Trang đang xuất bản được giữ nguyên.`,
    { cause: error },
  );
}

async function takeLock(lock: string, say: (line: string) => void): Promise<void> {
  await mkdir(dirname(lock), { recursive: true }).catch((error: unknown) => {
    throw unwritable(error, lock);
  });
  const started = Date.now();
  let waiting = false;
  for (;;) {
    try {
      const handle = await open(lock, "wx");
      try {
        await handle.writeFile(`${process.pid}\n`);
      } finally {
        await handle.close();
      }
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw unwritable(error, lock);
    }
    const holder = holderOf(lock);
    if (holder.stale) {
      rmSync(lock, { force: true });
      say(`Đã gỡ khóa xuất bản ${lock} do một lần xuất bản trước đó dừng giữa chừng bỏ lại (tiến trình ${holder.pid ?? "không rõ"} không còn chạy).`);
      continue;
    }
    if (Date.now() - started > WAIT_MS()) {
      throw new PublishError(
        `một lần xuất bản khác (tiến trình ${holder.pid ?? "không rõ"}) vẫn đang xuất bản trang này sau ${Math.round(WAIT_MS() / 60_000)} phút chờ (khóa ${lock}). Trang đang xuất bản được giữ nguyên.`,
      );
    }
    if (!waiting) {
      say(WAITING_LINE);
      waiting = true;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function holderOf(lock: string): { pid: number | undefined; stale: boolean } {
  try {
    const pid = Number(readFileSync(lock, "utf8").trim());
    // This process's own pid: an earlier run's (a restarted container gets the same pid), since this process takes it only in its turn.
    if (Number.isInteger(pid) && pid > 0) return { pid, stale: pid === process.pid || !processAlive(pid) };
    return { pid: undefined, stale: Date.now() - statSync(lock).mtimeMs > UNREADABLE_STALE_MS };
  } catch {
    // Released meanwhile: the next attempt takes it.
    return { pid: undefined, stale: false };
  }
}
