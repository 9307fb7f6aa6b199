/**
 * The SMTP server reminders go through, from the environment:
 * - `DAN_Y_SMTP_URL`, e.g. `smtps://user:password@mail.example.vn:465` or `smtp://localhost:2525`; or
 * - `DAN_Y_SMTP_HOST`, `DAN_Y_SMTP_PORT` (587 by default), `DAN_Y_SMTP_USER`, `DAN_Y_SMTP_PASSWORD`,
 *   `DAN_Y_SMTP_SECURE` (`true` for TLS from the start, as on port 465);
 * - `DAN_Y_MAIL_FROM`: the sender, e.g. `Dân ý <dan-y@mttq.example.vn>`.
 */
import nodemailer, { type Transporter } from "nodemailer";
import { RefusalError } from "../core/errors.ts";

export interface MailSettings {
  transport: Transporter;
  from: string;
}

export function mailSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): MailSettings {
  const from = env.DAN_Y_MAIL_FROM;
  if (!from) throw new RefusalError("Chưa đặt DAN_Y_MAIL_FROM (địa chỉ người gửi, ví dụ: Dân ý <dan-y@mttq.example.vn>)");
  if (env.DAN_Y_SMTP_URL) return { transport: nodemailer.createTransport(env.DAN_Y_SMTP_URL), from };
  const host = env.DAN_Y_SMTP_HOST;
  if (!host)
    throw new RefusalError("Chưa cấu hình máy chủ thư: đặt DAN_Y_SMTP_URL, hoặc DAN_Y_SMTP_HOST (và DAN_Y_SMTP_PORT, DAN_Y_SMTP_USER, DAN_Y_SMTP_PASSWORD)");
  const port = Number(env.DAN_Y_SMTP_PORT ?? "587");
  if (!Number.isInteger(port) || port <= 0 || port > 65535)
    throw new RefusalError(`DAN_Y_SMTP_PORT cần là số cổng 1–65535; nhận được "${env.DAN_Y_SMTP_PORT}"`);
  const user = env.DAN_Y_SMTP_USER;
  const transport = nodemailer.createTransport({
    host,
    port,
    secure: env.DAN_Y_SMTP_SECURE === "true",
    ...(user ? { auth: { user, pass: env.DAN_Y_SMTP_PASSWORD ?? "" } } : {}),
  });
  return { transport, from };
}
