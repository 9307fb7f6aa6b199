import { recipientsOf } from "../../documents/recipients.ts";
import { didYouMean } from "../suggest.ts";
import type { Rule } from "./rule.ts";

/** A report's `sent_to` names its own recipients (the report's, its body's or the plan's default), on days between its date and today. */
export const reportRecipients: Rule = {
  id: "report-recipients",
  description: "Báo cáo chỉ ghi đã gửi (sent_to) cho nơi nhận của nó, vào ngày không trước ngày báo cáo và không sau hôm nay.",
  check({ model, today }, { at }) {
    for (const report of model.reports.values()) {
      if (!report.sent_to?.length) continue;
      const known = recipientsOf(model, report).map((recipient) => recipient.id);
      report.sent_to.forEach((entry, index) => {
        if (!known.includes(entry.recipient))
          at(
            report,
            ["sent_to", index, "recipient"],
            `"${entry.recipient}" không phải nơi nhận của báo cáo này (nơi nhận: ${known.join(", ") || "chưa có"}).${didYouMean(entry.recipient, known)}`,
          );
        if (entry.date < report.submitted_on) at(report, ["sent_to", index, "date"], `Ngày gửi ${entry.date} trước ngày báo cáo ${report.submitted_on}`);
        else if (entry.date > today) at(report, ["sent_to", index, "date"], `Ngày gửi ${entry.date} ở tương lai (hôm nay là ${today})`);
      });
    }
  },
};
