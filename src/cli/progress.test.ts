import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { showsProgress } from "./progress.ts";

const terminal = { stdout: { isTTY: true }, stderr: { isTTY: true } };

it("draws only when both outputs are a terminal and CI is not set", () => {
  expect(showsProgress(terminal, {})).toBe(true);
  expect(showsProgress(terminal, { CI: "" })).toBe(true);
  expect(showsProgress(terminal, { CI: "false" })).toBe(true);
  expect(showsProgress(terminal, { CI: "true" })).toBe(false);
  expect(showsProgress(terminal, { CI: "1" })).toBe(false);
  expect(showsProgress({ stdout: { isTTY: true }, stderr: {} }, {})).toBe(false);
  expect(showsProgress({ stdout: {}, stderr: { isTTY: true } }, {})).toBe(false);
});

it("leaves piped output clean: generate prints its one line and no bar", () => {
  const out = mkdtempSync(join(tmpdir(), "dan-y-progress-"));
  try {
    const result = spawnSync(process.execPath, [join(import.meta.dirname, "..", "..", "bin", "dan-y.js"), "generate", "--out", out, "--observations", "300"], {
      encoding: "utf8",
      env: { ...process.env, CONTENT_DIR: "" },
    });
    expect(result.status).toBe(0);
    expect(result.stderr).toBe("");
    expect(result.stdout.trim().split("\n")).toHaveLength(1);
    expect(result.stdout).toMatch(/^Đã sinh [\d.]+ tệp vào /);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

const SCRIPT = ["/usr/bin/script", "/bin/script"].find((path) => existsSync(path));

it.skipIf(!SCRIPT)("draws a bar on a terminal (a pseudo-terminal from util-linux script), and not with CI=true", () => {
  const onTerminal = (env: string) => {
    const out = mkdtempSync(join(tmpdir(), "dan-y-progress-"));
    try {
      const line = `${env} ${process.execPath} ${join(import.meta.dirname, "..", "..", "bin", "dan-y.js")} generate --out ${join(out, "x")} --observations 1000`;
      return spawnSync(SCRIPT as string, ["-qec", line, "/dev/null"], { encoding: "utf8", env: { ...process.env, CONTENT_DIR: "" } }).stdout;
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  };
  const drawn = onTerminal("CI=");
  expect(drawn).toMatch(/Ghi tệp \[[█░]+\] \d+% \d+\/\d+ tệp/);
  expect(drawn).toContain("Đã sinh");
  expect(onTerminal("CI=true")).not.toContain("Ghi tệp");
});
