/**
 * The shared pid lock: two real processes racing to break the same dead
 * holder's lock never both hold it; a holder of this pid from another run, an
 * old unreadable lock and an abandoned breaking lock are broken and said; a
 * live holder is waited for; release leaves a lock that is no longer ours.
 */
import { execFileSync, spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { expect, it } from "vitest";
import { testdir } from "../test-support/testdir.ts";
import { type PidLockOptions, RUN_ID, withPidLock } from "./pid-lock.ts";

const deadPid = () => execFileSync(process.execPath, ["-e", "console.log(process.pid)"], { encoding: "utf8" }).trim();

const options = (said: string[], waitMs = 5_000): PidLockOptions => ({
  notice: (line) => said.push(line),
  waitingLine: "Đang chờ…",
  brokenLine: (lock, holder) => `Đã gỡ khóa ${lock} của tiến trình ${holder} đã dừng.`,
  waitMs,
  timeout: (lock, holder) => new Error(`Hết giờ chờ ${lock} (tiến trình ${holder}).`),
});

/** A taker in its own process: each round it waits for the go file, then holds the lock a moment, writing enter and exit. */
const TAKER = `
import { appendFileSync, existsSync } from "node:fs";
import { join } from "node:path";
const { withPidLock } = await import(process.env.PID_LOCK_MODULE);
const [dir, id, rounds] = process.argv.slice(2);
const log = join(dir, "intervals.log");
for (let round = 1; round <= Number(rounds); round++) {
  while (!existsSync(join(dir, "go-" + round))) await new Promise((done) => setImmediate(done));
  await withPidLock(join(dir, "lock"), async () => {
    appendFileSync(log, "enter " + id + " " + round + "\\n");
    await new Promise((done) => setTimeout(done, 3));
    appendFileSync(log, "exit " + id + " " + round + "\\n");
  }, {
    notice: (line) => appendFileSync(join(dir, "notices.log"), line + "\\n"),
    brokenLine: (lock, holder) => "broken " + holder,
    waitMs: 30_000,
    timeout: () => new Error("timeout"),
  });
  appendFileSync(join(dir, "done.log"), id + " " + round + "\\n");
}
`;

it("two processes racing to break the same dead lock, many times, never both hold it and break it once a round", { timeout: 120_000 }, async () => {
  const dir = testdir();
  const script = join(dir, "taker.mjs");
  writeFileSync(script, TAKER);
  const rounds = 40;
  const env = { ...process.env, PID_LOCK_MODULE: pathToFileURL(join(import.meta.dirname, "pid-lock.ts")).href };
  const children = ["a", "b"].map((id) => {
    const child = spawn(process.execPath, [script, dir, id, String(rounds)], { env, stdio: ["ignore", "ignore", "pipe"] });
    let errors = "";
    child.stderr.on("data", (chunk: Buffer) => {
      errors += chunk.toString();
    });
    return { child, exited: new Promise<string>((done) => child.on("exit", (code) => done(`${code} ${errors}`))) };
  });
  const dead = deadPid();
  const doneCount = () => (existsSync(join(dir, "done.log")) ? readFileSync(join(dir, "done.log"), "utf8").trim().split("\n").length : 0);
  for (let round = 1; round <= rounds; round++) {
    writeFileSync(join(dir, "lock"), `${dead}\n`);
    writeFileSync(join(dir, `go-${round}`), "");
    while (doneCount() < round * 2) await new Promise((done) => setTimeout(done, 2));
  }
  expect(await Promise.all(children.map((one) => one.exited))).toEqual(["0 ", "0 "]);

  const lines = readFileSync(join(dir, "intervals.log"), "utf8").trim().split("\n");
  expect(lines).toHaveLength(rounds * 4);
  // Appends are atomic, so the file's order is the real order: every enter is followed by its own exit.
  for (let index = 0; index < lines.length; index += 2) {
    expect(lines[index + 1], `dòng ${index + 1}-${index + 2}`).toBe(lines[index]?.replace("enter", "exit"));
  }
  const broken = readFileSync(join(dir, "notices.log"), "utf8").trim().split("\n");
  expect(broken).toEqual(Array.from({ length: rounds }, () => `broken ${dead}`));
  expect(existsSync(join(dir, "lock"))).toBe(false);
  expect(existsSync(join(dir, "lock.pha"))).toBe(false);
});

it("release leaves a lock that is no longer ours", async () => {
  const lock = join(testdir(), "khoa");
  const other = `${process.ppid} run-khac 1\n`;
  await withPidLock(
    lock,
    async () => {
      expect(readFileSync(lock, "utf8")).toMatch(new RegExp(`^${process.pid} ${RUN_ID} \\d+\\n$`));
      writeFileSync(lock, other);
    },
    options([]),
  );
  expect(readFileSync(lock, "utf8")).toBe(other);
});

it("breaks a lock of a dead pid, of this pid from another run (also in the pid-only format) and an old unreadable one, saying so", async () => {
  const lock = join(testdir(), "khoa");
  const said: string[] = [];
  const dead = deadPid();
  for (const [text, holder] of [
    [`${dead} ${RUN_ID} 1\n`, dead],
    [`${process.pid} run-truoc 3\n`, String(process.pid)],
    [`${process.pid}\n`, String(process.pid)],
  ] as const) {
    writeFileSync(lock, text);
    said.length = 0;
    expect(await withPidLock(lock, async () => readFileSync(lock, "utf8"), options(said))).toMatch(new RegExp(`^${process.pid} ${RUN_ID} `));
    expect(said).toEqual([`Đã gỡ khóa ${lock} của tiến trình ${holder} đã dừng.`]);
    expect(existsSync(lock)).toBe(false);
  }

  writeFileSync(lock, "");
  const old = (Date.now() - 31_000) / 1000;
  utimesSync(lock, old, old);
  said.length = 0;
  await withPidLock(lock, async () => undefined, options(said));
  expect(said).toEqual([`Đã gỡ khóa ${lock} của tiến trình không rõ đã dừng.`]);
});

it("a breaking lock left by a breaker that died is removed, and the dead holder's lock broken", async () => {
  const lock = join(testdir(), "khoa");
  const dead = deadPid();
  for (const breaking of [`${dead} run 1\n`, ""]) {
    writeFileSync(lock, `${dead}\n`);
    writeFileSync(`${lock}.pha`, breaking);
    if (!breaking) {
      const old = (Date.now() - 31_000) / 1000;
      utimesSync(`${lock}.pha`, old, old);
    }
    const said: string[] = [];
    expect(await withPidLock(lock, async () => "giữ", options(said))).toBe("giữ");
    expect(said).toEqual([`Đã gỡ khóa ${lock} của tiến trình ${dead} đã dừng.`]);
    expect(existsSync(`${lock}.pha`)).toBe(false);
  }
});

it("waits for a live holder (saying so once), gives up with the caller's error and leaves its lock; a fresh unreadable lock is waited for too", async () => {
  const lock = join(testdir(), "khoa");
  for (const [text, holder] of [
    [`${process.ppid} run 1\n`, String(process.ppid)],
    ["", "không rõ"],
  ] as const) {
    writeFileSync(lock, text);
    const said: string[] = [];
    await expect(withPidLock(lock, async () => "không tới", options(said, 400))).rejects.toThrow(`Hết giờ chờ ${lock} (tiến trình ${holder}).`);
    expect(said).toEqual(["Đang chờ…"]);
    expect(readFileSync(lock, "utf8")).toBe(text);
  }

  // One goes on as soon as the holder releases.
  writeFileSync(lock, `${process.ppid} run 1\n`);
  const waiting = withPidLock(lock, async () => "sau", options([]));
  await new Promise((done) => setTimeout(done, 300));
  rmSync(lock);
  expect(await waiting).toBe("sau");
});

it("takers of one lock in this process go one after another", async () => {
  const lock = join(testdir(), "khoa");
  const order: string[] = [];
  const take = (name: string) =>
    withPidLock(
      lock,
      async () => {
        order.push(`vào ${name}`);
        await new Promise((done) => setTimeout(done, 20));
        order.push(`ra ${name}`);
      },
      options([]),
    );
  await Promise.all([take("1"), take("2"), take("3")]);
  expect(order).toEqual(["vào 1", "ra 1", "vào 2", "ra 2", "vào 3", "ra 3"]);
});
