import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createRepository, observationText, PEOPLE, type Repository } from "../../test-support/git-fixture.ts";
import { type SmtpSink, startSmtpSink } from "../../test-support/smtp-sink.ts";

let smtp: SmtpSink;
let repo: Repository;
let state: string;

beforeAll(async () => {
  smtp = await startSmtpSink();
  repo = createRepository();
  state = mkdtempSync(join(tmpdir(), "dan-y-reminders-state-"));
  process.env.DAN_Y_SMTP_URL = smtp.url;
  process.env.DAN_Y_MAIL_FROM = "Dân ý <dan-y@example.vn>";
  process.env.DAN_Y_STATE_DIR = state;
});

afterAll(async () => {
  for (const name of ["DAN_Y_SMTP_URL", "DAN_Y_MAIL_FROM", "DAN_Y_STATE_DIR"]) delete process.env[name];
  await smtp.close();
  repo.remove();
  rmSync(state, { recursive: true, force: true });
});

it("dan-y reminders send mails the reviewers of a pending urgent submission once, the second run sends nothing", { timeout: 120_000 }, async () => {
  const { path, text } = observationText("sat-lo-bo-song", "mttq", "khan");
  const submitted = await repo.runAsync("submit", repo.write(path, text), "--as", PEOPLE.communeMttq);
  expect(submitted.status, submitted.stderr).toBe(0);

  const dry = await repo.runAsync("reminders", "send", "--dry-run");
  expect(dry.status, dry.stderr).toBe(0);
  expect(dry.stdout).toContain("Tin khẩn chờ duyệt: Người dân phản ánh sat lo bo song");
  expect(smtp.received).toEqual([]);

  const first = await repo.runAsync("reminders", "send");
  expect(first.status, first.stderr).toBe(0);
  const urgent = smtp.received.filter((message) => message.text.includes("Tin khẩn chờ duyệt"));
  // The province's MTTQ reviews the commune's MTTQ; the submitter is not told about their own item.
  expect(urgent.map((message) => message.to)).toEqual(['"Đặng Thị Lan" <lan@example.vn>']);
  expect(urgent[0]?.subject).toMatch(/^\[Dân ý\] Nhắc việc ngày 27\/11\/2026: .*1 tin khẩn chờ duyệt$/);
  expect(urgent[0]?.text).toContain("Lê Văn Bình gửi ngày");
  const count = smtp.received.length;
  expect(first.stdout).toContain(`Đã gửi ${count} thư nhắc việc.`);

  const second = await repo.runAsync("reminders", "send");
  expect(second.status, second.stderr).toBe(0);
  expect(second.stdout).toContain("không có việc cần nhắc");
  expect(smtp.received).toHaveLength(count);
});
