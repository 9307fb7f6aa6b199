import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { expect, it } from "vitest";
import { translateCommanderError } from "./vietnamese-help.ts";

/** Parses `argv` with a throwing program and returns commander's error, translated. */
function translated(build: (command: Command) => void, argv: string[]): string {
  const parent = new Command("dan-y");
  const command = parent.command("thu").exitOverride();
  command.configureOutput({ writeErr: () => {}, writeOut: () => {} });
  build(command);
  command.action(() => {});
  try {
    command.parse(argv, { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) return translateCommanderError(error, command);
    throw error;
  }
  throw new Error("parsed without error");
}

it("names an invalid argument value with the reason our parser gave", () => {
  const message = translated(
    (command) =>
      command.argument("<kỳ>", "kỳ báo cáo", (value: string) => {
        throw new InvalidArgumentError(`"${value}" không phải một kỳ.`);
      }),
    ["2026-q5"],
  );
  expect(message).toBe('Tham số <kỳ> không hợp lệ ("2026-q5"): "2026-q5" không phải một kỳ.');
});

it("translates commander's choices and conflicts", () => {
  expect(translated((command) => command.addOption(new Option("--dang <d>", "dạng").choices(["human", "json"])), ["--dang", "xml"])).toBe(
    'Giá trị "xml" của tùy chọn --dang <d> không hợp lệ: cần một trong: human, json.',
  );
  expect(translated((command) => command.addOption(new Option("--a", "a").conflicts("b")).addOption(new Option("--b", "b")), ["--a", "--b"])).toBe(
    "Không dùng --a cùng với --b.",
  );
});

it("never passes commander's English through, even for a code it does not know", () => {
  expect(translateCommanderError({ code: "commander.somethingNew", message: "error: something new" }, new Command("x"))).toBe("Lệnh không đúng cách dùng.");
});
