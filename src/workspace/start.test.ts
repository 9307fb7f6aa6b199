/**
 * `dan-y start`: the process it serves from, and on a port another program holds: refused at once, in Vietnamese,
 * with exit code 1, before anything starts in the background (the internal site's
 * publish would otherwise run to its end before the process could exit).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { expect, test } from "vitest";
import { createRepository } from "../test-support/git-fixture.ts";
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
