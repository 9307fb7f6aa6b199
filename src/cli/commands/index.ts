/** Every command of `dan-y`, in the order its help lists them. A new command: one file exporting `register`, one line here. */
import type { Command } from "commander";
import * as accounts from "./accounts.ts";
import * as bench from "./bench.ts";
import * as build from "./build.ts";
import * as check from "./check.ts";
import * as codeowners from "./codeowners.ts";
import * as demo from "./demo.ts";
import * as doctor from "./doctor.ts";
import * as generate from "./generate.ts";
import * as hook from "./hook.ts";
import * as importLog from "./import.ts";
import * as importUnits from "./import-units.ts";
import * as indexSearch from "./index-search.ts";
import * as keys from "./keys.ts";
import * as newEntry from "./new.ts";
import * as publish from "./publish.ts";
import * as reminders from "./reminders.ts";
import * as report from "./report.ts";
import * as review from "./review.ts";
import * as seal from "./seal.ts";
import * as start from "./start.ts";
import * as submit from "./submit.ts";
import * as sync from "./sync.ts";
import * as verifyApproval from "./verify-approval.ts";

const COMMANDS: readonly { register(program: Command): void }[] = [
  start,
  accounts,
  check,
  newEntry,
  report,
  reminders,
  importLog,
  submit,
  review,
  sync,
  doctor,
  codeowners,
  verifyApproval,
  hook,
  keys,
  seal,
  demo,
  build,
  publish,
  indexSearch,
  generate,
  importUnits,
  bench,
];

export function registerCommands(program: Command): void {
  for (const command of COMMANDS) command.register(program);
}
