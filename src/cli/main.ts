/**
 * The `dan-y` program: every command of the project under one name, with
 * Vietnamese help, and the one catch that turns what went wrong into an exit
 * code (0 ok, 1 content problems or refusal, 2 usage, 3 Git, 70 internal bug).
 * `bin/dan-y.js` runs it; tests call `runDanY` in-process or spawn the bin.
 */
import { Command, CommanderError } from "commander";
import packageJson from "../../package.json" with { type: "json" };
import { didYouMean } from "../core/check/suggest.ts";
import { GitError, PublishError, RefusalError, SearchIndexError } from "../core/errors.ts";
import { examples, takeOutcome } from "./command-kit.ts";
import { registerCommands } from "./commands/index.ts";
import { EXIT, ExitError } from "./errors.ts";
import { EXIT_CODES_HELP, REQUIRED_OPTIONS, translateCommanderError, usageLine, VIETNAMESE_HELP } from "./vietnamese-help.ts";

export interface Output {
  writeOut(text: string): void;
  writeErr(text: string): void;
}

const PROCESS_OUTPUT: Output = {
  writeOut: (text) => process.stdout.write(text),
  writeErr: (text) => process.stderr.write(text),
};

/** A usage mistake found while parsing, with the command it concerns (for its usage lines). */
class UsageProblem extends Error {
  readonly command: Command;
  /** commander already printed the help (a group command called without its subcommand). */
  readonly helpPrinted: boolean;
  constructor(message: string, command: Command, helpPrinted = false) {
    super(message);
    this.command = command;
    this.helpPrinted = helpPrinted;
  }
}

/** Help or version was asked for and printed. */
class Answered extends Error {}

/** `a b c` as the user types it: the command's path under `dan-y`. */
export const commandPath = (command: Command): string => {
  const names: string[] = [];
  for (let at: Command | null = command; at; at = at.parent) names.unshift(at.name());
  return names.join(" ");
};

/** Every command below `root` (root included), depth first. */
export function allCommands(root: Command): Command[] {
  return [root, ...root.commands.flatMap((command) => allCommands(command))];
}

/** `help [lệnh...]` for a group: prints the help of a command below it. */
function addHelpCommand(group: Command): void {
  const first = group.commands[0]?.name() ?? "";
  const help = group
    .command("help")
    .description("xem hướng dẫn của một lệnh")
    .argument("[lệnh...]", "tên lệnh (và lệnh con)")
    .action((names: string[]) => {
      let target = group;
      for (const name of names) {
        const next = target.commands.find((command) => command.name() === name || command.aliases().includes(name));
        if (!next) {
          const candidates = target.commands.map((command) => command.name());
          throw new UsageProblem(`Không có lệnh "${name}".${didYouMean(name, candidates)}`, target);
        }
        target = next;
      }
      target.outputHelp();
    });
  examples(help, [[`npx ${commandPath(group)} help ${first}`, `xem hướng dẫn của lệnh ${commandPath(group)} ${first}`]]);
}

/** Builds the whole program; `output` receives help and parse errors (commands themselves print to the console). */
export function createProgram(output: Output = PROCESS_OUTPUT): Command {
  const program = new Command("dan-y")
    .description(
      "Dân ý — ghi nhận, kiểm tra, nộp, duyệt và tổng hợp tình hình Nhân dân trong kho Git.\nGõ một lệnh kèm --help (hoặc: dan-y help <lệnh>) để xem cách dùng của lệnh đó.",
    )
    .configureHelp(VIETNAMESE_HELP)
    .configureOutput({ ...output, outputError: () => {} })
    .helpOption("-h, --help", "xem hướng dẫn này")
    .helpCommand(false)
    .showSuggestionAfterError(true)
    .version(packageJson.version, "-V, --version", "in số phiên bản")
    .addHelpText("afterAll", EXIT_CODES_HELP)
    .addHelpText(
      "after",
      `
Ví dụ:
  npx dan-y check
      kiểm tra toàn bộ nội dung
  npx dan-y help review
      xem các lệnh duyệt bài nộp
  npx dan-y --version
      in số phiên bản`,
    );
  registerCommands(program);

  for (const command of allCommands(program)) if (command.commands.length > 0) addHelpCommand(command);
  for (const command of allCommands(program)) {
    requireAfterParsing(command);
    command.exitOverride((error) => {
      if (error.exitCode === 0) throw new Answered();
      // A group command run without a subcommand: commander printed its help to stderr.
      if (error.code === "commander.help") throw new UsageProblem("", command, true);
      throw new UsageProblem(translateCommanderError(error, command), command);
    });
  }
  return program;
}

/** Checks the command's mandatory options once unknown options and arguments passed (see REQUIRED_OPTIONS). */
function requireAfterParsing(command: Command): void {
  const required = command.options.filter((option) => option.mandatory);
  if (required.length === 0) return;
  for (const option of required) {
    option.mandatory = false;
    REQUIRED_OPTIONS.add(option);
  }
  command.hook("preAction", () => {
    const missing = required.find((option) => command.getOptionValue(option.attributeName()) === undefined);
    if (missing) throw new UsageProblem(`Thiếu tùy chọn bắt buộc ${missing.flags}.`, command);
  });
}

function usageOf(command: Command): string {
  const lines =
    command.commands.length > 0 ? command.commands.filter((sub) => sub.name() !== "help").map((sub) => `  ${usageLine(sub)}`) : [`  ${usageLine(command)}`];
  return `Cách dùng:\n${lines.join("\n")}\nXem hướng dẫn: npx ${commandPath(command)} --help\n`;
}

/** Runs the program on the arguments after `dan-y`; returns the exit code. `prepare` lets a test swap the actions out. */
export async function runDanY(argv: readonly string[], output: Output = PROCESS_OUTPUT, prepare?: (program: Command) => void): Promise<number> {
  let current: Command | undefined;
  try {
    const program = createProgram(output);
    prepare?.(program);
    program.hook("preAction", (_, actionCommand) => {
      current = actionCommand;
    });
    takeOutcome();
    await program.parseAsync([...argv], { from: "user" });
    return takeOutcome();
  } catch (error) {
    return report(error, output, current);
  }
}

function report(error: unknown, output: Output, current: Command | undefined): number {
  const say = (text: string) => output.writeErr(`${text}\n`);
  if (error instanceof Answered) return EXIT.ok;
  if (error instanceof UsageProblem) {
    if (!error.helpPrinted) output.writeErr(`${error.message}\n\n${usageOf(error.command)}`);
    return EXIT.usage;
  }
  if (error instanceof CommanderError) {
    // Only reachable if a command bypasses exitOverride: still a usage problem, never English.
    say("Lệnh không đúng cách dùng.");
    return EXIT.usage;
  }
  if (error instanceof ExitError) {
    say(error.message);
    if (error.exitCode === EXIT.usage && current) output.writeErr(`\n${usageOf(current)}`);
    return error.exitCode;
  }
  if (error instanceof RefusalError) {
    say(error.message);
    return EXIT.problems;
  }
  if (error instanceof GitError) {
    say(`Lỗi Git: ${error.message}`);
    return EXIT.git;
  }
  if (error instanceof SearchIndexError) {
    say(`Lỗi chỉ mục tìm kiếm: ${error.message}`);
    return EXIT.internal;
  }
  if (error instanceof PublishError) {
    // The published site is left as it was; what failed is the content or the build, which the message names.
    say(`Chưa xuất bản được: ${error.message}`);
    return EXIT.problems;
  }
  say("Lỗi nội bộ không mong đợi. Hãy gửi thông báo dưới đây cho nhóm phát triển:");
  say(error instanceof Error ? (error.stack ?? error.message) : String(error));
  return EXIT.internal;
}
