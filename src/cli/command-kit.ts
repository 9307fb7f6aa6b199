/**
 * What every command file uses: the shared --today option, examples in its
 * help, and its exit code. A command file exports `register(program)` and is
 * listed in commands/index.ts; src/cli/help.test.ts then holds it to the
 * contract: Vietnamese help with an example for every option, exit 2 with its
 * usage on a bad option, and no adapter loaded at start-up (import them inside
 * the action: every command file is loaded for every `dan-y` run).
 */
import { type Command, InvalidArgumentError } from "commander";
import { todayInVietnam } from "../core/calendar/dates.ts";

let outcome: number | undefined;

/**
 * Wraps a command's action: the number it returns (an `EXIT` code) becomes the
 * program's exit code; returning nothing means success. Errors are thrown and
 * mapped to codes by the one catch in main.ts.
 */
// biome-ignore lint/suspicious/noConfusingVoidType: an action returns its exit code, or nothing when it succeeded.
export function act<A extends unknown[]>(action: (...args: A) => Promise<number | void> | number | void): (...args: A) => Promise<void> {
  return async (...args: A) => {
    outcome = (await action(...args)) ?? 0;
  };
}

/** The exit code the last action returned (0 when none ran), and forget it. */
export function takeOutcome(): number {
  const code = outcome ?? 0;
  outcome = undefined;
  return code;
}

/** Parses an ISO date given on the command line. */
export function isoDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new InvalidArgumentError("cần ngày dạng YYYY-MM-DD, ví dụ 2026-11-27.");
  return value;
}

/** Parses a whole number ≥ `min`. */
export function wholeNumber(min: number): (value: string) => number {
  return (value) => {
    const number = Number(value);
    if (value.trim() === "" || !Number.isInteger(number) || number < min)
      throw new InvalidArgumentError(`cần một số nguyên ${min === 0 ? "không âm" : `từ ${min} trở lên`}.`);
    return number;
  };
}

/** `--today <ngày>`: the date deadlines and ages are counted from (tests and back-filling). */
export function todayOption(command: Command): Command {
  return command.option("--today <ngày>", "coi hôm nay là ngày này khi tính hạn và kiểm tra ngày (mặc định: hôm nay theo giờ Việt Nam)", isoDate);
}

export const today = (options: { today?: string | undefined }): string => options.today ?? todayInVietnam();

/** Adds an "Ví dụ:" section to the command's help: each example a command line and what it does. */
export function examples(command: Command, list: readonly (readonly [line: string, meaning: string])[]): Command {
  const text = list.map(([line, meaning]) => `  ${line}\n      ${meaning}`).join("\n");
  return command.addHelpText("after", `\nVí dụ:\n${text}`);
}
