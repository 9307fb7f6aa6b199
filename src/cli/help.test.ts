/**
 * Every command answers --help, -h and `dan-y help <lệnh>` in Vietnamese and
 * refuses a bogus option with exit 2 and its usage. Commands are enumerated
 * from the program, so a new command is covered without touching this file.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Command } from "commander";
import { afterAll, describe, expect, it } from "vitest";
import { allCommands, commandPath, createProgram, runDanY } from "./main.ts";

const BIN = join(import.meta.dirname, "..", "..", "bin", "dan-y.js");

async function run(...argv: string[]) {
  let out = "";
  let err = "";
  const code = await runDanY(argv, { writeOut: (text) => (out += text), writeErr: (text) => (err += text) });
  return { code, out, err };
}

/** commander's own English, which must never reach a user. */
const ENGLISH = /\b(Usage|Options|Commands|Arguments|error|unknown|missing|argument|default|display help|Did you mean|too many|required)\b/;

const program = createProgram();
const commands = allCommands(program).filter((command) => command.name() !== "help");
/** `["review", "approve"]` for `dan-y review approve`. */
const pathOf = (command: Command) => commandPath(command).split(" ").slice(1);
/** Each command with its --help text. */
const HELP = await Promise.all(commands.map(async (command) => [command, (await run(...pathOf(command), "--help")).out] as const));

it("finds every command, nested ones included", () => {
  const names = commands.map(commandPath);
  for (const expected of [
    "dan-y check",
    "dan-y new observation",
    "dan-y new report",
    "dan-y report draft",
    "dan-y review approve",
    "dan-y sync",
    "dan-y bench git",
  ])
    expect(names).toContain(expected);
});

describe.each(commands.map((command) => [commandPath(command), command] as const))("%s", (_, command) => {
  const path = pathOf(command);

  it("answers --help in Vietnamese with its usage, examples and exit codes", async () => {
    const result = await run(...path, "--help");
    expect(result.code).toBe(0);
    expect(result.err).toBe("");
    expect(result.out).toContain(`Cách dùng: ${commandPath(command)}`);
    expect(result.out).toContain("Ví dụ:\n  npx dan-y");
    expect(result.out).toContain("Mã thoát:");
    for (const code of ["0", "1", "2", "3", "70"]) expect(result.out).toMatch(new RegExp(`\\n  ${code} +\\S`));
    expect(result.out).not.toMatch(ENGLISH);
  });

  it("gives every option a meaning and an example", async () => {
    const examples = (await run(...path, "--help")).out.split("Ví dụ:")[1] ?? "";
    for (const option of command.options) {
      if (option.long === "--help" || option.long === "--version") continue;
      expect(option.description, option.flags).not.toBe("");
      expect(examples, `${commandPath(command)}: no example uses ${option.long}`).toContain(`${option.long}`);
    }
  });

  it("answers -h and `dan-y help …` with the same text", async () => {
    const help = (await run(...path, "--help")).out;
    expect((await run(...path, "-h")).out).toBe(help);
    const viaHelp = await run("help", ...path);
    expect(viaHelp.code).toBe(0);
    expect(viaHelp.out).toBe(help);
  });

  it("refuses a bogus option with exit 2, a Vietnamese message and its usage", async () => {
    const result = await run(...path, "--khong-co");
    expect(result.code).toBe(2);
    expect(result.out).toBe("");
    expect(result.err).toContain('Không có tùy chọn "--khong-co"');
    expect(result.err).toContain(`Cách dùng:\n  ${commandPath(command)}`);
    expect(result.err).toContain(`Xem hướng dẫn: npx ${commandPath(command)} --help`);
    expect(result.err).not.toMatch(ENGLISH);
  });
});

/** The words of a shell command line (double quotes group; leading VAR=value assignments dropped). */
function shellWords(line: string): string[] {
  const words = [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((match) => match[1] ?? match[2] ?? "");
  while (words[0]?.includes("=")) words.shift();
  return words;
}

describe("every example in the help", () => {
  const lines = HELP.flatMap(([command, help]) =>
    [...(help.split("Ví dụ:")[1]?.split("Mã thoát:")[0] ?? "").matchAll(/^ {2}(\S.*)$/gm)].map((match) => [commandPath(command), match[1] as string] as const),
  );

  it("exists", () => expect(lines.length).toBeGreaterThan(commands.length));

  it.each(lines)("%s: %s", async (_, line) => {
    const words = shellWords(line);
    // An npm alias (`npm start`) may stand beside the npx form; the npx lines are the ones parsed here.
    if (words[0] === "npm") return;
    expect(words.slice(0, 2)).toEqual(["npx", "dan-y"]);
    let err = "";
    // The actions are replaced: an example must parse (options, arguments, required options), not run.
    const code = await runDanY(words.slice(2), { writeOut: () => {}, writeErr: (text) => (err += text) }, (program) => {
      for (const command of allCommands(program)) if (command.name() !== "help") command.action(() => {});
    });
    expect(err).toBe("");
    expect(code).toBe(0);
  });
});

describe("usage mistakes", () => {
  it.each([
    [["check", "--formt", "json"], 'Không có tùy chọn "--formt" của lệnh "check". Có phải ý bạn là "--format"?'],
    [["revew", "list"], 'Không có lệnh "revew". Có phải ý bạn là "review"?'],
    [["review", "aprove", "x"], 'Không có lệnh "aprove". Có phải ý bạn là "approve"?'],
    [["help", "review", "aprove"], 'Không có lệnh "aprove". Có phải ý bạn là "approve"?'],
    [["check", "--format"], "Tùy chọn --format <dạng> cần một giá trị đi sau nó."],
    [["review", "show"], "Thiếu tham số <bài-nộp>."],
    [["review", "approve", "submissions/xa-thach-ha/x"], "Thiếu tùy chọn bắt buộc --as <mã-đầu-mối>."],
    [["sync", "thua"], 'Lệnh "sync" không nhận tham số; thừa: thua.'],
    [["import-units", "a.json", "b.json", "c.json"], 'Thừa tham số: lệnh "import-units" nhận 2 tham số, thừa: c.json.'],
    [["check", "--today", "27/11/2026"], 'Giá trị "27/11/2026" của tùy chọn --today <ngày> không hợp lệ: cần ngày dạng YYYY-MM-DD, ví dụ 2026-11-27.'],
    [["generate", "--out", "/tmp/x", "--observations", "nhieu"], 'Giá trị "nhieu" của tùy chọn --observations <số> không hợp lệ: cần một số nguyên không âm.'],
  ])("dan-y %j", async (argv, message) => {
    const result = await run(...argv);
    expect(result.code).toBe(2);
    expect(result.err).toContain(message);
    expect(result.err).toContain("Cách dùng:");
    expect(result.err).not.toMatch(ENGLISH);
  });

  it("prints a group's help to stderr with exit 2 when its subcommand is missing", async () => {
    const result = await run("review");
    expect(result.code).toBe(2);
    expect(result.err).toContain("Cách dùng: dan-y review [tùy-chọn] <lệnh>");
    expect(result.err).toContain("approve");
  });
});

describe("bin/dan-y.js", () => {
  const empty = mkdtempSync(join(tmpdir(), "dan-y-help-"));
  afterAll(() => rmSync(empty, { recursive: true, force: true }));
  const spawn = (node: string, ...args: string[]) =>
    spawnSync(node, [BIN, ...args], { cwd: empty, encoding: "utf8", env: { ...process.env, CONTENT_DIR: "" } });

  it("prints the program's help", () => {
    const result = spawn(process.execPath, "--help");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("Cách dùng: dan-y [tùy-chọn] <lệnh>");
    expect(result.stdout).toContain("review");
  });

  it("answers `sync --help` without syncing (no Git repository here)", () => {
    const result = spawn(process.execPath, "sync", "--help");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("Cách dùng: dan-y sync");
    expect(result.stderr).toBe("");
    // Without --help the same folder is refused, so the help above did not try.
    expect(spawn(process.execPath, "sync").status).not.toBe(0);
  });

  it("refuses a bogus option on a nested command with exit 2 and no stack trace", () => {
    const result = spawn(process.execPath, "review", "approve", "--khong-co");
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Không có tùy chọn "--khong-co" của lệnh "approve".');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("answers `help review approve`", () => {
    const result = spawn(process.execPath, "help", "review", "approve");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("Cách dùng: dan-y review approve [tùy-chọn] <bài-nộp>");
  });

  it("describes itself without loading adapters or the content loader, so --help starts fast", () => {
    // A resolve hook in the child records every module it loads.
    const hook = `import { registerHooks } from "node:module";
const seen = [];
registerHooks({ resolve(specifier, context, next) { const result = next(specifier, context); seen.push(result.url); return result; } });
process.on("exit", () => process.stderr.write("LOADED " + JSON.stringify(seen) + "\\n"));`;
    const result = spawnSync(process.execPath, ["--import", `data:text/javascript,${encodeURIComponent(hook)}`, BIN, "--help"], { encoding: "utf8" });
    expect(result.status).toBe(0);
    const loaded = JSON.parse(/LOADED (.*)/.exec(result.stderr)?.[1] ?? "[]") as string[];
    expect(loaded.some((url) => url.endsWith("/src/cli/main.ts"))).toBe(true);
    expect(
      loaded.filter((url) => /\/src\/(adapters|generate|demo|workspace)\/|\/src\/core\/content\/load-content\.ts|playwright|astro\/dist/.test(url)),
    ).toEqual([]);
  });

  it("runs when installed as a package, from under node_modules (where Node itself would not strip types)", () => {
    const root = join(import.meta.dirname, "..", "..");
    const modules = join(empty, "installed", "node_modules");
    const installed = join(modules, "dan-y");
    for (const part of ["bin", "src", "schemas", "package.json"]) cpSync(join(root, part), join(installed, part), { recursive: true });
    for (const dependency of readdirSync(join(root, "node_modules"))) symlinkSync(join(root, "node_modules", dependency), join(modules, dependency));
    const result = spawnSync(process.execPath, [join(installed, "bin", "dan-y.js"), "review", "aprove"], { cwd: empty, encoding: "utf8" });
    expect(result.stderr).toContain('Không có lệnh "aprove". Có phải ý bạn là "approve"?');
    expect(result.stderr).not.toMatch(/ExperimentalWarning|node_modules/);
    expect(result.status).toBe(2);
  });

  const systemNode = ["/usr/bin/node", "/usr/local/bin/node"].find(
    (path) => existsSync(path) && Number(spawnSync(path, ["-p", "process.versions.node.split('.')[0]"], { encoding: "utf8" }).stdout) < 24,
  );
  it.skipIf(!systemNode)("re-runs itself with the project's Node 24 when started by an older Node", () => {
    const result = spawn(systemNode as string, "check", "--khong-co");
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Không có tùy chọn "--khong-co"');
  });

  it.skipIf(!systemNode)("says in Vietnamese which Node it needs when it cannot find one", () => {
    // DAN_Y_REEXEC marks a process that was already re-run: it must not look for the pinned Node again.
    const result = spawnSync(systemNode as string, [BIN, "--help"], { cwd: empty, encoding: "utf8", env: { ...process.env, DAN_Y_REEXEC: "1" } });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^Dân ý cần Node\.js 24 trở lên; máy đang chạy Node\.js 2\d\./);
    expect(result.stdout).toBe("");
  });
});
