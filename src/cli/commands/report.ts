/**
 * `npm run report -- draft --unit <id> --organisation <id> --period <kỳ> [--author <id>] [--date YYYY-MM-DD]`:
 * writes the draft consolidated report of a body and period, pre-filled in the
 * plan's outline from its subtree and window. Never overwrites a report.
 */
import { parseArgs } from "node:util";
import { contentDir, listContentPaths, readContentFiles } from "../../adapters/content-files.ts";
import { loadContent } from "../../core/content/load-content.ts";
import { draftReport } from "../../core/reports/report-draft.ts";
import { buildUnitTree } from "../../core/units/unit-tree.ts";
import { createContentFile } from "../lib/create-content-file.ts";
import { EXIT, ExitError } from "../errors.ts";
import { runCommand } from "../run-command.ts";
import { todayInVietnam } from "../lib/today.ts";

const USAGE = "Cách dùng: npm run report -- draft --unit <mã-đơn-vị> --organisation <mã-tổ-chức> --period <kỳ> [--author <mã-đầu-mối>] [--date YYYY-MM-DD]";

await runCommand(async (argv) => {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      unit: { type: "string" },
      organisation: { type: "string" },
      period: { type: "string" },
      author: { type: "string" },
      date: { type: "string" },
      today: { type: "string" },
    },
  });
  if (positionals[0] !== "draft" || !values.unit || !values.organisation || !values.period) throw new ExitError(USAGE, EXIT.usage);
  const directory = contentDir();
  const files = [...readContentFiles(directory, listContentPaths(directory))];
  const { model } = loadContent(files);
  const today = values.today ?? todayInVietnam();
  const body = model.bodies.get(`${values.unit}/${values.organisation}`);
  const author = values.author ?? body?.focal_points[0]?.id;
  if (!author)
    throw new ExitError(
      `Chưa khai báo đầu mối của ${values.unit}/${values.organisation} trong bodies/: cần --author hoặc tệp bodies/${values.unit}/${values.organisation}.yaml`,
    );
  const draft = draftReport(model, buildUnitTree(model), {
    unit: values.unit,
    organisation: values.organisation,
    period: values.period,
    author,
    submittedOn: values.date ?? today,
  });
  if (!draft.ok) throw new ExitError(draft.message, EXIT.usage);
  const display = createContentFile(directory, files, draft, today);
  console.log(
    `Đã viết bản nháp ${display}: tổng hợp ${draft.observations} thông tin nổi bật và ${draft.reports} báo cáo cấp dưới. Hãy biên tập phần nhận định rồi nộp bằng npm run submit.`,
  );
});
