/**
 * Sends planned reminders (src/core/reports/reminders.ts) and keeps the
 * sent-log that stops an event from going out twice: a JSON file in the state
 * directory (`DAN_Y_STATE_DIR`, default `.dan-y-state/` in the working
 * directory; keep it out of the repository), written atomically (temporary
 * file, fsync, rename) after every message, so a run cut short resends nothing
 * that went out and loses nothing that did not.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from "node:fs";
import { join, resolve } from "node:path";
import type { ReminderMessage } from "../core/reports/reminders.ts";
import type { MailSettings } from "./mail.ts";

const LOG_FILE = "reminders-sent.json";

interface SentLogFile {
  version: 1;
  /** `<event key> <e-mail>` → ISO date it was sent. */
  sent: Record<string, string>;
}

export const stateDirectory = (env: NodeJS.ProcessEnv = process.env): string => resolve(env.DAN_Y_STATE_DIR ?? ".dan-y-state");

export class SentLog {
  readonly #path: string;
  readonly #sent: Map<string, string>;

  constructor(directory: string) {
    this.#path = join(directory, LOG_FILE);
    this.#sent = new Map();
    if (existsSync(this.#path)) {
      let parsed: SentLogFile;
      try {
        parsed = JSON.parse(readFileSync(this.#path, "utf8")) as SentLogFile;
      } catch (error) {
        throw new Error(`Nhật ký thư đã gửi ${this.#path} bị hỏng (${(error as Error).message}): sửa hoặc chuyển tệp đi rồi chạy lại`);
      }
      for (const [key, day] of Object.entries(parsed.sent ?? {})) this.#sent.set(key, day);
    }
  }

  has(key: string, email: string): boolean {
    return this.#sent.has(`${key} ${email.toLowerCase()}`);
  }

  record(keys: readonly string[], email: string, day: string): void {
    for (const key of keys) this.#sent.set(`${key} ${email.toLowerCase()}`, day);
    const directory = join(this.#path, "..");
    mkdirSync(directory, { recursive: true });
    const temporary = `${this.#path}.${process.pid}.tmp`;
    const data: SentLogFile = { version: 1, sent: Object.fromEntries([...this.#sent.entries()].sort(([a], [b]) => a.localeCompare(b))) };
    const handle = openSync(temporary, "w");
    try {
      writeSync(handle, `${JSON.stringify(data, null, 2)}\n`);
      fsyncSync(handle);
    } finally {
      closeSync(handle);
    }
    renameSync(temporary, this.#path);
  }
}

export interface SendResult {
  sent: ReminderMessage[];
  failed: { message: ReminderMessage; error: string }[];
}

/** Sends each message and records it at once; a failure is reported and retried on the next run. */
export async function sendReminders(mail: MailSettings, messages: readonly ReminderMessage[], log: SentLog, today: string): Promise<SendResult> {
  const result: SendResult = { sent: [], failed: [] };
  for (const message of messages) {
    try {
      await mail.transport.sendMail({ from: mail.from, to: { name: message.name, address: message.to }, subject: message.subject, text: message.text });
      log.record(message.keys, message.to, today);
      result.sent.push(message);
    } catch (error) {
      result.failed.push({ message, error: (error as Error).message });
    }
  }
  return result;
}
