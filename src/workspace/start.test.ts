/**
 * `dan-y start`: the process it serves from, and on a port another program holds: refused at once, in Vietnamese,
 * with exit code 1, before anything starts in the background (the internal site's
 * publish would otherwise run to its end before the process could exit). Two
 * starts after a source change: one builds, the other waits and uses its build,
 * and the clean-up keeps the newest builds.
 */
import { execFile, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { expect, test } from "vitest";
import { createRepository } from "../test-support/git-fixture.ts";
import { testdir } from "../test-support/testdir.ts";
import { Client, startWorkspaceServer } from "./testing/workspace-server.ts";

const BIN = resolve(import.meta.dirname, "..", "..", "bin", "dan-y.js");

test("a busy port is refused at once with exit 1, and no site publish is started", async () => {
  const holder = createServer();
  await new Promise<void>((done) => holder.listen(0, "127.0.0.1", done));
  const port = (holder.address() as { port: number }).port;
  const repository = createRepository();
  const state = mkdtempSync(join(tmpdir(), "dan-y-cong-ban-"));
  try {
    const env = { ...process.env };
    delete env.DAN_Y_NO_SITE;
    const child = spawn(
      process.execPath,
      [BIN, "start", "--port", String(port), "--host", "127.0.0.1", "--content", join(repository.dir, "content"), "--state", state, "--today", "2026-11-27"],
      { env, stdio: ["ignore", "pipe", "pipe"] },
    );
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    const code = await new Promise<number | null>((done) => child.once("exit", done));
    expect(code, output).toBe(1);
    expect(output).toContain(`Không mở được cổng ${port} trên 127.0.0.1 (đang có chương trình khác dùng)`);
    expect(output).toContain("--port <cổng khác>");
    expect(output).not.toContain("Đang dựng trang nội bộ");
  } finally {
    holder.close();
    repository.remove();
    rmSync(state, { recursive: true, force: true });
  }
}, 180_000);

test("the server runs with its start-up settings in the same process (V8 flag, allocator, thread pool), a user's own value winning", async () => {
  const repository = createRepository();
  const server = await startWorkspaceServer({ content: join(repository.dir, "content"), noSite: true, today: "2026-11-27", env: { MALLOC_ARENA_MAX: "4" } });
  try {
    const argv = readFileSync(`/proc/${server.pid}/cmdline`, "utf8").split("\0");
    const environment = new Map(
      readFileSync(`/proc/${server.pid}/environ`, "utf8")
        .split("\0")
        .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)] as const),
    );
    expect(argv).toContain("--expose-gc");
    expect(argv.filter((arg) => arg === "--expose-gc")).toHaveLength(1);
    expect(argv).toContain("--max-semi-space-size=32");
    expect(environment.get("UV_THREADPOOL_SIZE")).toBe("16");
    expect(environment.get("MALLOC_ARENA_MAX")).toBe("4");
    expect((await new Client(server.base).request("/dang-nhap")).status).toBe(200);
  } finally {
    await server.stop();
    repository.remove();
  }
}, 180_000);

/** A start's build step in its own process, with a build that takes a moment and says when it runs. */
const STARTER = `
import { appendFileSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
const { buildWorkspaceIfNeeded } = await import(process.env.START_MODULE);
const [root, source] = process.argv.slice(2);
const lines = [];
const result = await buildWorkspaceIfNeeded((line) => lines.push(line), {
  root,
  newestSource: () => statSync(source).mtimeMs,
  runBuild: async (folder) => {
    appendFileSync(join(root, "runs.log"), "start " + folder + "\\n");
    await new Promise((done) => setTimeout(done, 2000));
    mkdirSync(join(folder, "server"), { recursive: true });
    writeFileSync(join(folder, "server", "entry.mjs"), "");
    appendFileSync(join(root, "runs.log"), "end " + folder + "\\n");
  },
});
console.log(JSON.stringify({ ...result, lines }));
`;

test("two starts after a source change: one builds, the other waits and serves the same build; only the newest four builds stay", async () => {
  const dir = testdir();
  const root = join(dir, "dist-workspace");
  // Five finished builds from before the change, the newest current.
  const old = [
    "2026-12-01T08-00-00-000Z-1",
    "2026-12-01T09-00-00-000Z-1",
    "2026-12-01T10-00-00-000Z-1",
    "2026-12-01T11-00-00-000Z-1",
    "2026-12-01T12-00-00-000Z-1",
  ];
  for (const name of old) {
    mkdirSync(join(root, "builds", name, "server"), { recursive: true });
    writeFileSync(join(root, "builds", name, "server", "entry.mjs"), "");
    const then = (Date.now() - 60_000) / 1000;
    utimesSync(join(root, "builds", name, "server", "entry.mjs"), then, then);
  }
  writeFileSync(join(root, "current"), `${old.at(-1)}\n`);
  const source = join(dir, "nguon.ts");
  writeFileSync(source, "");
  const script = join(dir, "starter.mjs");
  writeFileSync(script, STARTER);
  const env = { ...process.env, START_MODULE: pathToFileURL(join(import.meta.dirname, "start.ts")).href };
  const starts = await Promise.all(
    [1, 2].map(async () => {
      const { stdout } = await promisify(execFile)(process.execPath, [script, root, source], { env, encoding: "utf8" });
      return JSON.parse(stdout) as { folder: string; built: boolean; lines: string[] };
    }),
  );
  const builder = starts.find((start) => start.built);
  const waiter = starts.find((start) => !start.built);
  expect(builder?.lines).toEqual(["Đang dựng bàn làm việc (chỉ khi mã nguồn thay đổi, khoảng 10–20 giây)…"]);
  expect(waiter?.folder).toBe(builder?.folder);
  expect(waiter?.lines).toEqual(["Đang chờ một lần khởi động khác dựng xong bàn làm việc…"]);
  expect(readFileSync(join(root, "runs.log"), "utf8")).toBe(`start ${builder?.folder}\nend ${builder?.folder}\n`);
  expect(readFileSync(join(root, "current"), "utf8").trim()).toBe(builder?.folder.split("/").at(-1));
  expect(readdirSync(join(root, "builds")).sort()).toEqual([...old.slice(-3), builder?.folder.split("/").at(-1)].sort());
  expect(existsSync(join(root, "build.lock"))).toBe(false);

  // Sources unchanged since: a third start uses the build at once, without the lock.
  const { stdout } = await promisify(execFile)(process.execPath, [script, root, source], { env, encoding: "utf8" });
  expect(JSON.parse(stdout)).toEqual({ folder: builder?.folder, built: false, lines: [] });
}, 60_000);
