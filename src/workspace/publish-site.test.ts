/**
 * The workspace's publisher runs each publish in a child process of the server
 * (its file work never stalls requests), gives the site the server serves, and
 * hands a failure's own Vietnamese message back to the server's log.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { minimalContent } from "../test-support/content-fixtures.ts";
import { testdir, writeTree } from "../test-support/testdir.ts";
import { createPublisher } from "./publish-site.ts";

const ROOT = join(import.meta.dirname, "..", "..");

/** The command lines of this process's children, read from /proc. */
function childCommands(): string[] {
  const commands: string[] = [];
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const parent = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ")[1];
      if (Number(parent) === process.pid) commands.push(readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " "));
    } catch {
      // The process ended meanwhile.
    }
  }
  return commands;
}

it("publishes in a child process, and a failure's message reaches the log", async () => {
  const root = testdir({}, "dan-y-xuat-ban-ban-lam-viec-");
  writeTree(join(root, "content"), minimalContent());
  const errors: string[] = [];
  const publisher = createPublisher({
    projectDir: ROOT,
    contentDirectory: join(root, "content"),
    sitesDir: join(root, "trang"),
    today: "2026-11-27",
    onError: (error) => errors.push((error as Error).message),
  });
  expect(publisher.current()).toBeUndefined();
  const published = publisher.request();
  // Seen while it runs: the publish is a child of this process, not work on its event loop.
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(childCommands().some((command) => command.includes("publish-process.ts"))).toBe(true);
  await published;
  expect(errors).toEqual([]);
  expect(publisher.lastSucceeded()).toBe(true);
  expect(publisher.current()).toBe(join(root, "trang", "trang"));
  expect(readFileSync(join(root, "trang", "trang", "index.html"), "utf8")).toContain("<html");

  // A content folder that is gone: the publish fails in the child, and its Vietnamese message reaches the server.
  const failing = createPublisher({
    projectDir: ROOT,
    contentDirectory: join(root, "khong-co"),
    sitesDir: join(root, "trang-khac"),
    today: "2026-11-27",
    onError: (error) => errors.push((error as Error).message),
  });
  await failing.request();
  expect(failing.lastSucceeded()).toBe(false);
  expect(errors).toHaveLength(1);
  expect(errors[0]).not.toMatch(/tiến trình xuất bản dừng giữa chừng/);
  // The publish's own message, carried across the process boundary.
  expect(errors[0]).toMatch(/^Không lập được các bản ghi tìm kiếm/);
}, 300_000);
