/**
 * The workspace server's shared state, created once per process from the
 * environment: state directory, accounts, throttle, refusal log and the served
 * record. Pages, actions and the middleware reach it through `service()`.
 */
import { appendFileSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { todayInVietnam } from "../core/calendar/dates.ts";
import { AccountStore } from "./accounts.ts";
import { ServedRecord } from "./record.ts";
import { type FieldDoc, fieldDocs } from "./schema-docs.ts";
import { statePaths } from "./state-dir.ts";
import { SignInThrottle } from "./throttle.ts";

export interface Service {
  paths: ReturnType<typeof statePaths>;
  accounts: AccountStore;
  throttle: SignInThrottle;
  record: ServedRecord;
  docs: Map<string, FieldDoc>;
  today(): string;
  /** Logs a refusal (who, what, why) to the state directory and stderr. */
  refuse(event: { status: number; path: string; address: string; person?: string; reason: string }): void;
}

let current: Service | undefined;

/** Project root (where `schemas/` lives): `DAN_Y_PROJECT_DIR`, else the working directory. */
export const projectDir = (): string => resolve(process.env.DAN_Y_PROJECT_DIR ?? process.cwd());

export function service(): Service {
  if (current) return current;
  const paths = statePaths();
  // The day in Vietnam, as the command line and the site count it (the UTC day is yesterday there from 17:00 UTC).
  const today = () => process.env.DAN_Y_TODAY ?? todayInVietnam();
  const contentDirectory = resolve(process.env.DAN_Y_CONTENT_DIR ?? join(paths.demo, "content"));
  const record = new ServedRecord({ contentDirectory, today });
  // The starting process listens here (a symbol, since this module is bundled apart from it) to republish the site.
  record.onApproved = (changed) => {
    const hook = (globalThis as Record<symbol, unknown>)[Symbol.for("dan-y.workspace.approved")];
    if (typeof hook === "function") hook(changed);
  };
  // The starting process asks this before it exits, so a stop never cuts the working copy's writing short (a crash is covered by the journal).
  (globalThis as Record<symbol, unknown>)[Symbol.for("dan-y.workspace.settled")] = () => record.workingCopySettled();
  // The site's publisher asks this before each publish: never from a working copy that lacks approved files.
  (globalThis as Record<symbol, unknown>)[Symbol.for("dan-y.workspace.written")] = () => record.workingCopyWritten();
  current = {
    paths,
    accounts: new AccountStore(paths.accounts),
    throttle: new SignInThrottle(paths.throttle),
    record,
    docs: fieldDocs(readFileSync(join(projectDir(), "schemas", "observation.ts"), "utf8")),
    today,
    refuse(event) {
      const line = JSON.stringify({ time: new Date().toISOString(), ...event });
      try {
        appendFileSync(paths.log, `${line}\n`, { mode: 0o600 });
      } catch {
        // The log is best effort; the refusal itself has been answered.
      }
      console.error(`từ chối ${line}`);
    },
  };
  return current;
}
