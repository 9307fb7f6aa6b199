/**
 * One lock file per shared resource, for processes of one machine (the
 * publish of a site, the workspace build, the working copy's writer). The lock
 * is created exclusively (`wx`) with its holder's pid and run id inside; a
 * later taker waits for it, and one whose holder is gone is broken.
 *
 * Breaking is where two waiters race: both find the lock of dead pid X, A
 * removes it and takes its own, B (having read X before) then removed A's live
 * lock and took one too. So a lock is broken only while holding
 * `${lock}.pha` (created `wx`; a breaker holds it for milliseconds, so one
 * older than 30 s is abandoned), re-reading the holder inside it and removing
 * the lock only if it is still that same stale holder. Release removes the
 * lock only while it is still this holder's.
 */
import { randomUUID } from "node:crypto";
import { readFileSync, rmSync, statSync } from "node:fs";
import { mkdir, open } from "node:fs/promises";
import { dirname, resolve } from "node:path";

/**
 * This run of this process: a restarted container gives the next process the
 * same pid, and a lock holding that pid with another run id is its dead
 * predecessor's.
 */
export const RUN_ID = randomUUID();

/** A lock (or breaking lock) holding no readable holder counts as abandoned after this long: its holder writes right after creating it. */
export const UNREADABLE_STALE_MS = 30_000;

/** Whether a process of this machine is running (signal 0 probes it; EPERM means it runs as another user). */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export interface PidLockOptions {
  /** Hears the waiting line (once) and the breaking of a dead holder's lock. */
  notice: (line: string) => void;
  /** Said once when the lock is held by another live process; absent: nothing is said. */
  waitingLine?: string;
  /** The line said when a dead holder's lock is broken (`holder` is its pid, or "không rõ"). */
  brokenLine: (lock: string, holder: string) => string;
  /** How long to wait for a live holder before giving up (ms). */
  waitMs: number;
  /** Longest pause between two tries while waiting (ms; default 200): short for locks held for milliseconds. */
  pollMs?: number;
  /** The error thrown when the wait is over (`holder` is the holder's pid, or "không rõ"). */
  timeout: (lock: string, holder: string) => Error;
  /** The error thrown when the lock cannot be made (no folder, no right to write); absent: the system's error. */
  unwritable?: (error: NodeJS.ErrnoException, lock: string) => Error;
}

/** The Vietnamese line for a broken lock, as every lock says it unless told otherwise. */
export const defaultBrokenLine = (lock: string, holder: string): string =>
  `Đã gỡ khóa ${lock} của tiến trình ${holder} đã dừng (một lệnh trước đó dừng giữa chừng bỏ lại).`;

/** Takers of one lock in this process, one after another (the file is for other processes). */
const queues = new Map<string, Promise<unknown>>();

/** Runs `work` holding the lock at `path`, one holder at a time across this machine's processes. */
export function withPidLock<T>(path: string, work: () => Promise<T>, options: PidLockOptions): Promise<T> {
  const lock = resolve(path);
  const run = async () => {
    const token = await takeLock(lock, options);
    try {
      return await work();
    } finally {
      releaseLock(lock, token);
    }
  };
  const next = (queues.get(lock) ?? Promise.resolve()).then(run, run);
  const settled = next.catch(() => undefined);
  queues.set(lock, settled);
  void settled.then(() => {
    if (queues.get(lock) === settled) queues.delete(lock);
  });
  return next;
}

/** What a lock file says: this holder's pid and run id (and a number telling this run's takings apart). */
let takings = 0;
const newToken = () => `${process.pid} ${RUN_ID} ${++takings}\n`;

/** Removes the lock only if it is still this taking's: a lock broken and taken by another meanwhile stays theirs. */
export function releaseLock(lock: string, token: string): void {
  if (readHolder(lock)?.text === token) rmSync(lock, { force: true });
}

interface Holder {
  /** The file's whole text (compared to tell one holder from the next). */
  text: string;
  pid: number | undefined;
  run: string | undefined;
  /** Identity of the file itself: a lock removed and made anew with the same text is another one. */
  ino: number;
  mtimeMs: number;
}

function readHolder(lock: string): Holder | undefined {
  try {
    const stats = statSync(lock);
    const text = readFileSync(lock, "utf8");
    const [pid, run] = text.trim().split(/\s+/);
    const number = Number(pid);
    return { text, pid: Number.isInteger(number) && number > 0 ? number : undefined, run, ino: stats.ino, mtimeMs: stats.mtimeMs };
  } catch {
    // Released meanwhile.
    return undefined;
  }
}

const sameHolder = (one: Holder, other: Holder) => one.text === other.text && one.ino === other.ino && one.mtimeMs === other.mtimeMs;

/**
 * Whether the holder is gone: its process died, or it has this process's pid
 * from another run (a restarted container; a lock written by an older format
 * holding only the pid counts as another run's, as this run always writes its
 * id), or it holds no readable pid and is older than 30 s.
 */
function holderGone(holder: Holder): boolean {
  if (holder.pid === undefined) return Date.now() - holder.mtimeMs > UNREADABLE_STALE_MS;
  if (holder.pid === process.pid) return holder.run !== RUN_ID;
  return !processAlive(holder.pid);
}

/** Creates `file` exclusively holding `text`; false when it exists. */
async function createExclusive(file: string, text: string, options: PidLockOptions): Promise<boolean> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(file, "wx");
  } catch (error) {
    const failure = error as NodeJS.ErrnoException;
    if (failure.code === "EEXIST") return false;
    throw options.unwritable ? options.unwritable(failure, file) : error;
  }
  try {
    await handle.writeFile(text);
  } finally {
    await handle.close();
  }
  return true;
}

async function takeLock(lock: string, options: PidLockOptions): Promise<string> {
  await mkdir(dirname(lock), { recursive: true }).catch((error: unknown) => {
    throw options.unwritable ? options.unwritable(error as NodeJS.ErrnoException, lock) : error;
  });
  const token = newToken();
  const started = Date.now();
  let waiting = false;
  for (let attempt = 0; ; attempt++) {
    if (await createExclusive(lock, token, options)) return token;
    const holder = readHolder(lock);
    if (holder && holderGone(holder)) {
      await breakLock(lock, holder, options);
      continue;
    }
    if (Date.now() - started > options.waitMs) throw options.timeout(lock, holder?.pid ? String(holder.pid) : "không rõ");
    if (holder && !waiting && options.waitingLine) {
      options.notice(options.waitingLine);
      waiting = true;
    }
    await sleep(Math.min(options.pollMs ?? 200, 2 + attempt * 5) * (0.5 + Math.random()));
  }
}

/**
 * Removes `stale` from `lock` while holding `${lock}.pha`, and only if the
 * lock is still that very file: another breaker may have removed it and
 * taken the lock meanwhile. Returns whether this call removed it.
 */
async function breakLock(lock: string, stale: Holder, options: PidLockOptions): Promise<boolean> {
  const breaking = `${lock}.pha`;
  const token = newToken();
  if (!(await createExclusive(breaking, token, options))) {
    const breaker = readHolder(breaking);
    // A breaker holds it for milliseconds; one dead or long gone left it behind.
    if (breaker && (Date.now() - breaker.mtimeMs > UNREADABLE_STALE_MS || (breaker.pid !== undefined && holderGone(breaker)))) {
      const again = readHolder(breaking);
      if (again && sameHolder(again, breaker)) rmSync(breaking, { force: true });
    } else await sleep(1 + Math.random() * 4);
    return false;
  }
  try {
    const now = readHolder(lock);
    if (!now || !sameHolder(now, stale) || !holderGone(now)) return false;
    rmSync(lock, { force: true });
    options.notice(options.brokenLine(lock, stale.pid === undefined ? "không rõ" : String(stale.pid)));
    return true;
  } finally {
    releaseLock(breaking, token);
  }
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
