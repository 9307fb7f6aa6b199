/**
 * A real SMTP server on loopback for tests (smtp-server, no TLS, any login):
 * every message it receives is parsed with mailparser and kept in `received`.
 */
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  from: string;
  /** The first recipient, as the message names it (`"Name" <address>`). */
  to: string;
  subject: string;
  text: string;
}

export interface SmtpSink {
  /** The messages received so far, in order of arrival. */
  received: ReceivedMail[];
  /** `smtp://127.0.0.1:<port>`, as DAN_Y_SMTP_URL takes it. */
  url: string;
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          const to = Array.isArray(mail.to) ? mail.to[0] : mail.to;
          received.push({ from: mail.from?.text ?? "", to: to?.text ?? "", subject: mail.subject ?? "", text: mail.text ?? "" });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    received,
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
