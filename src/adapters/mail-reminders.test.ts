import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadContent } from "../core/content/load-content.ts";
import { type PendingUrgent, planReminders } from "../core/reports/reminders.ts";
import { buildUnitTree } from "../core/units/unit-tree.ts";
import { minimalContent, toContentFiles } from "../test-support/content-fixtures.ts";
import { type SmtpSink, startSmtpSink } from "../test-support/smtp-sink.ts";
import { mailSettingsFromEnv } from "./mail.ts";
import { SentLog, sendReminders } from "./mail-reminders.ts";

let smtp: SmtpSink;
let state = "";

beforeAll(async () => {
  smtp = await startSmtpSink();
  state = mkdtempSync(join(tmpdir(), "dan-y-reminders-"));
});

afterAll(async () => {
  await smtp.close();
  rmSync(state, { recursive: true, force: true });
});

/** The fixture tree plus a province body with two focal points (one without e-mail) that reviews the commune. */
function content() {
  const tree = {
    ...minimalContent(),
    "bodies/ha-tinh/mttq.yaml":
      "focal_points:\n  - id: ha-tinh-mttq-tran-thi-lan\n    name: Trần Thị Lan\n    title: Phó Chủ tịch\n    email: lan@example.vn\n  - id: ha-tinh-mttq-ho-van-nam\n    name: Hồ Văn Nam\n    title: Cán bộ\n",
  };
  const { model, issues } = loadContent(toContentFiles(tree));
  expect(issues).toEqual([]);
  return { model, tree: buildUnitTree(model) };
}

const URGENT: PendingUrgent = {
  branch: "submissions/xa-ky-hoa/2026-11-15-sat-lo",
  tip: "a1b2c3d",
  body: "xa-ky-hoa/mttq",
  submitter: "Lê Văn Bình",
  titles: ["Sạt lở bờ sông uy hiếp 12 hộ dân"],
  submittedOn: "2026-11-15",
};

describe("e-mail reminders", () => {
  it("plans one message per person: the deadline to the commune, the urgent submission to its reviewers", () => {
    const { model, tree } = content();
    const messages = planReminders(model, tree, "2026-11-15", [URGENT]);
    expect(messages.map((message) => [message.to, message.keys])).toEqual([
      ["binh@example.vn", ["han:bao-cao-2026-11-xa-ky-hoa-mttq@dan-y:5"]],
      // Her own body's deadline and the urgent item, in one message.
      ["lan@example.vn", ["han:bao-cao-2026-11-ha-tinh-mttq@dan-y:5", "khan:submissions/xa-ky-hoa/2026-11-15-sat-lo:a1b2c3d"]],
    ]);
    // Not yet within five days; then the one-day mark; none after the due date.
    expect(planReminders(model, tree, "2026-11-14", [])).toEqual([]);
    expect(planReminders(model, tree, "2026-11-19", [])[0]?.keys).toEqual(["han:bao-cao-2026-11-xa-ky-hoa-mttq@dan-y:1"]);
    expect(
      planReminders(model, tree, "2026-11-21", [])
        .flatMap((message) => message.keys)
        .filter((key) => key.includes("2026-11-")),
    ).toEqual([]);
  });

  it("sends them through a real SMTP server, Vietnamese subject and body, and never twice", async () => {
    const { model, tree } = content();
    const mail = mailSettingsFromEnv({ DAN_Y_SMTP_URL: smtp.url, DAN_Y_MAIL_FROM: "Dân ý <dan-y@example.vn>" });
    const log = new SentLog(state);
    const first = await sendReminders(
      mail,
      planReminders(model, tree, "2026-11-15", [URGENT], { alreadySent: (key, email) => log.has(key, email) }),
      log,
      "2026-11-15",
    );
    expect(first.failed).toEqual([]);
    expect(smtp.received.map((message) => message.to).sort()).toEqual(['"Lê Văn Bình" <binh@example.vn>', '"Trần Thị Lan" <lan@example.vn>']);
    const binh = smtp.received.find((message) => message.to.includes("binh@"));
    expect(binh?.from).toBe('"Dân ý" <dan-y@example.vn>');
    expect(binh?.subject).toBe("[Dân ý] Nhắc việc ngày 15/11/2026: 1 hạn báo cáo sắp tới");
    expect(binh?.text).toContain("Kính gửi Lê Văn Bình,");
    expect(binh?.text).toContain("Hạn báo cáo tháng 11/2026 — MTTQ Xã Kỳ Hoa: hạn 20/11/2026 (còn 5 ngày).");
    const lan = smtp.received.find((message) => message.to.includes("lan@"));
    expect(lan?.subject).toBe("[Dân ý] Nhắc việc ngày 15/11/2026: 1 hạn báo cáo sắp tới, 1 tin khẩn chờ duyệt");
    expect(lan?.text).toContain("Tin khẩn chờ duyệt: Sạt lở bờ sông uy hiếp 12 hộ dân — Lê Văn Bình gửi ngày 15/11/2026");

    // The second run, the next day and after a restart (the log read back from disk), sends nothing.
    const reread = new SentLog(state);
    const again = planReminders(model, tree, "2026-11-16", [URGENT], { alreadySent: (key, email) => reread.has(key, email) });
    expect(again).toEqual([]);
    expect((await sendReminders(mail, again, reread, "2026-11-16")).sent).toEqual([]);
    expect(smtp.received).toHaveLength(2);
    expect(JSON.parse(readFileSync(join(state, "reminders-sent.json"), "utf8")).sent).toEqual({
      "han:bao-cao-2026-11-ha-tinh-mttq@dan-y:5 lan@example.vn": "2026-11-15",
      "han:bao-cao-2026-11-xa-ky-hoa-mttq@dan-y:5 binh@example.vn": "2026-11-15",
      "khan:submissions/xa-ky-hoa/2026-11-15-sat-lo:a1b2c3d lan@example.vn": "2026-11-15",
    });
  });

  it("asks for the SMTP configuration in Vietnamese when it is missing", () => {
    expect(() => mailSettingsFromEnv({})).toThrow(/DAN_Y_MAIL_FROM/);
    expect(() => mailSettingsFromEnv({ DAN_Y_MAIL_FROM: "a@example.vn" })).toThrow(/DAN_Y_SMTP_URL, hoặc DAN_Y_SMTP_HOST/);
    expect(() => mailSettingsFromEnv({ DAN_Y_MAIL_FROM: "a@example.vn", DAN_Y_SMTP_HOST: "mail", DAN_Y_SMTP_PORT: "x" })).toThrow(/DAN_Y_SMTP_PORT/);
  });
});
