/**
 * `dan-y reminders send [--today <ngày>] [--dry-run] [--days 5,1]`: run daily
 * (cron or the workspace); e-mails each focal point once a run about the
 * deadlines coming (some days ahead) and the urgent submissions waiting for
 * them to review, never twice for the same event (sent-log in DAN_Y_STATE_DIR).
 * SMTP from DAN_Y_SMTP_URL or DAN_Y_SMTP_HOST/PORT/USER/PASSWORD, sender DAN_Y_MAIL_FROM.
 */
import { type Command, InvalidArgumentError } from "commander";
import { act, examples, today, todayOption } from "../command-kit.ts";
import { EXIT } from "../errors.ts";

interface RemindersOptions {
  today?: string;
  dryRun?: boolean;
  days: readonly number[];
  pending: boolean;
}

function daysList(value: string): number[] {
  const days = value.split(",").map((part) => Number(part.trim()));
  if (days.length === 0 || days.some((day) => !Number.isInteger(day) || day < 0))
    throw new InvalidArgumentError(`cần các số ngày cách nhau bởi dấu phẩy, ví dụ 5,1; nhận được "${value}".`);
  return days;
}

async function sendCommand(options: RemindersOptions): Promise<number> {
  const { contentDir, listContentPaths, readContentFiles } = await import("../../adapters/content-files.ts");
  const { loadContent } = await import("../../core/content/load-content.ts");
  const { buildUnitTree } = await import("../../core/units/unit-tree.ts");
  const { planReminders } = await import("../../core/reports/reminders.ts");
  const { SentLog, sendReminders, stateDirectory } = await import("../../adapters/mail-reminders.ts");
  const day = today(options);
  const directory = contentDir();
  const { model } = loadContent(readContentFiles(directory, listContentPaths(directory)));
  const tree = buildUnitTree(model);
  const pending = options.pending ? await (await import("../../adapters/mail-pending.ts")).pendingUrgent(directory, day) : [];
  const log = new SentLog(stateDirectory());
  const messages = planReminders(model, tree, day, pending, {
    daysAhead: options.days,
    alreadySent: (key, email) => log.has(key, email),
    ...(process.env.DAN_Y_SITE_URL ? { siteUrl: process.env.DAN_Y_SITE_URL } : {}),
  });
  if (messages.length === 0) {
    console.log(`Ngày ${day}: không có việc cần nhắc (hoặc đã nhắc rồi).`);
    return EXIT.ok;
  }
  if (options.dryRun) {
    for (const message of messages) console.log(`--- Tới: ${message.name} <${message.to}>\nTiêu đề: ${message.subject}\n\n${message.text}`);
    console.log(`Chạy thử: ${messages.length} thư sẽ được gửi; chưa gửi và chưa ghi nhật ký.`);
    return EXIT.ok;
  }
  const { mailSettingsFromEnv } = await import("../../adapters/mail.ts");
  const result = await sendReminders(mailSettingsFromEnv(), messages, log, day);
  console.log(`Đã gửi ${result.sent.length} thư nhắc việc.`);
  for (const failure of result.failed) console.error(`Không gửi được thư tới ${failure.message.to}: ${failure.error} (sẽ gửi lại ở lần chạy sau)`);
  return result.failed.length > 0 ? EXIT.problems : EXIT.ok;
}

export function register(program: Command): void {
  const reminders = program.command("reminders").summary("nhắc việc qua thư điện tử").description("Nhắc hạn báo cáo và tin khẩn chờ duyệt qua thư điện tử.");
  const send = todayOption(
    reminders
      .command("send")
      .description(
        "Gửi thư nhắc: trước mỗi hạn báo cáo (mặc định 5 và 1 ngày) cho đầu mối của cơ quan phải báo cáo, và khi có tin khẩn chờ duyệt cho đầu mối của cơ quan được duyệt; mỗi người một thư mỗi lần chạy, không nhắc lại việc đã nhắc. Máy chủ thư: DAN_Y_SMTP_URL hoặc DAN_Y_SMTP_HOST, DAN_Y_SMTP_PORT, DAN_Y_SMTP_USER, DAN_Y_SMTP_PASSWORD; người gửi DAN_Y_MAIL_FROM; nhật ký đã gửi trong DAN_Y_STATE_DIR (mặc định .dan-y-state/).",
      )
      .option("--dry-run", "chỉ in các thư sẽ gửi, không gửi, không ghi nhật ký")
      .option("--days <số-ngày>", "nhắc trước hạn bao nhiêu ngày, cách nhau bởi dấu phẩy", daysList, [5, 1])
      .option("--no-pending", "không xét tin khẩn chờ duyệt (khi thư mục nội dung không nằm trong kho Git)"),
  );
  send.action(act(sendCommand));
  examples(send, [
    ["npx dan-y reminders send --dry-run", "xem trước các thư nhắc hôm nay"],
    ["DAN_Y_SMTP_URL=smtp://localhost:2525 DAN_Y_MAIL_FROM=dan-y@example.vn npx dan-y reminders send", "gửi thật qua máy chủ thư cục bộ"],
    ["npx dan-y reminders send --days 7,3,1 --today 2026-12-13 --dry-run", "nhắc trước hạn 7, 3 và 1 ngày, coi hôm nay là 13/12/2026"],
    ["npx dan-y reminders send --no-pending", "chỉ nhắc hạn báo cáo (thư mục nội dung không nằm trong kho Git)"],
  ]);
  examples(reminders, [["npx dan-y reminders send --dry-run", "xem trước các thư nhắc hôm nay"]]);
}
