/**
 * Commander speaks English; users read Vietnamese. This module holds the help
 * layout (titles, usage words, defaults) and turns commander's parse errors,
 * identified by their code, into Vietnamese sentences. Nothing here does IO.
 */
import { type Argument, type Command, type CommanderError, Help, type HelpConfiguration, type Option } from "commander";

/** Printed after every command's help. */
export const EXIT_CODES_HELP = `
Mã thoát:
  0   thành công
  1   nội dung có lỗi, hoặc việc bị từ chối (ví dụ: không có quyền duyệt)
  2   dùng sai lệnh: tùy chọn không có, thiếu giá trị, thiếu hoặc thừa tham số
  3   lỗi Git (không thấy nhánh, không đẩy được lên máy chủ…)
  70  lỗi nội bộ của chương trình: hãy gửi thông báo lỗi cho nhóm phát triển`;

const TITLES: Record<string, string> = {
  "Usage:": "Cách dùng:",
  "Options:": "Tùy chọn:",
  "Commands:": "Lệnh:",
  "Arguments:": "Tham số:",
  "Global Options:": "Tùy chọn chung:",
};

const vietnameseUsage = (usage: string) => usage.replace(/\[options\]/g, "[tùy-chọn]").replace(/\[command\]/g, "<lệnh>");

/**
 * Options a command cannot run without. main.ts checks them itself, after
 * unknown options and arguments (commander would check them first, and answer
 * a mistyped `--ass` with "missing --as" instead of "did you mean --as").
 */
export const REQUIRED_OPTIONS = new WeakSet<Option>();

function extras(
  item: { argChoices?: string[] | undefined; defaultValue?: unknown; defaultValueDescription?: string | undefined; description: string },
  showDefault: boolean,
  required = false,
) {
  const notes: string[] = required ? ["bắt buộc"] : [];
  if (item.argChoices) notes.push(`chọn một trong: ${item.argChoices.join(", ")}`);
  if (showDefault && item.defaultValue !== undefined) notes.push(`mặc định: ${item.defaultValueDescription ?? String(item.defaultValue)}`);
  return notes.length > 0 ? `${item.description} (${notes.join("; ")})` : item.description;
}

/** Help layout in Vietnamese; given to `configureHelp` (commander copies it to every subcommand). */
export const VIETNAMESE_HELP: HelpConfiguration = {
  sortSubcommands: false,
  styleTitle: (title: string) => TITLES[title] ?? title,
  commandUsage(this: Help, command: Command) {
    return vietnameseUsage(Help.prototype.commandUsage.call(this, command));
  },
  // The list shows names only: each command's own help gives its arguments.
  subcommandTerm: (command: Command) => command.name(),
  optionDescription: (option: Option) => extras(option, option.required || option.optional, REQUIRED_OPTIONS.has(option)),
  argumentDescription: (argument: Argument) => extras(argument, true),
};

/** The usage line of a command, as its help prints it. */
export function usageLine(command: Command): string {
  const helper = command.createHelp();
  return helper.commandUsage(command);
}

const quoted = (list: string) =>
  list
    .split(", ")
    .map((item) => `"${item}"`)
    .join(" hoặc ");

/** commander's "(Did you mean …?)" tail, in Vietnamese. */
function suggestion(message: string): string {
  const match = /\(Did you mean (?:one of )?(.+)\?\)/.exec(message);
  return match?.[1] ? ` Có phải ý bạn là ${quoted(match[1])}?` : "";
}

/**
 * commander's parse error in Vietnamese. The English text is read only for
 * the names it quotes (flag, argument, value); the sentence comes from the code.
 */
export function translateCommanderError(error: Pick<CommanderError, "code" | "message">, command: Command): string {
  const message = error.message;
  const quotedNames = [...message.matchAll(/'([^']*)'/g)].map((match) => match[1] ?? "");
  const [first = "", second = ""] = quotedNames;
  const where = command.parent ? ` của lệnh "${command.name()}"` : "";
  switch (error.code) {
    case "commander.unknownOption":
      return `Không có tùy chọn "${first}"${where}.${suggestion(message)}`;
    case "commander.unknownCommand":
      return `Không có lệnh "${first}".${suggestion(message)}`;
    case "commander.optionMissingArgument":
      return `Tùy chọn ${first} cần một giá trị đi sau nó.`;
    case "commander.missingMandatoryOptionValue":
      return `Thiếu tùy chọn bắt buộc ${first}.`;
    case "commander.missingArgument":
      return `Thiếu tham số <${first}>.`;
    case "commander.excessArguments": {
      const expected = command.registeredArguments.length;
      const extra = command.args.slice(expected);
      return expected === 0
        ? `Lệnh "${command.name()}" không nhận tham số; thừa: ${extra.join(" ")}.`
        : `Thừa tham số: lệnh "${command.name()}" nhận ${expected} tham số, thừa: ${extra.join(" ")}.`;
    }
    case "commander.conflictingOption":
      return `Không dùng ${first.replace(/^option /, "")} cùng với ${second.replace(/^option /, "")}.`;
    case "commander.invalidArgument": {
      // "option '<flags>' argument '<value>' is invalid. <our Vietnamese reason>" or the same for a command argument.
      const given = /is invalid(?: for argument '[^']*')?\.\s*(.*)$/s.exec(message)?.[1] ?? "";
      const choices = /^Allowed choices are (.*)\.$/s.exec(given)?.[1];
      const reason = choices ? `cần một trong: ${choices}.` : given;
      return message.includes("command-argument")
        ? `Tham số <${second}> không hợp lệ ("${first}"): ${reason}`
        : `Giá trị "${second}" của tùy chọn ${first} không hợp lệ: ${reason}`;
    }
    default:
      return "Lệnh không đúng cách dùng.";
  }
}
