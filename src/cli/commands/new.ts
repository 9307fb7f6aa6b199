/**
 * `npm run new -- observation …` / `npm run new -- report …`: creates a valid file
 * in the right place, from flags or, for what is missing on a terminal, Vietnamese
 * prompts. Validates before writing and never overwrites.
 */
import { parseArgs } from "node:util";
import { input, select } from "@inquirer/prompts";
import { contentDir, listContentPaths, readContentFiles } from "../../adapters/content-files.ts";
import { loadContent } from "../../core/content/load-content.ts";
import { newObservation } from "../../core/content/new-entry.ts";
import { draftReport } from "../../core/reports/report-draft.ts";
import { buildUnitTree } from "../../core/units/unit-tree.ts";
import { createContentFile } from "../lib/create-content-file.ts";
import { EXIT, ExitError } from "../errors.ts";
import { runCommand } from "../run-command.ts";
import { todayInVietnam } from "../lib/today.ts";

const USAGE = `Cách dùng:
  npm run new -- observation --unit <mã> --organisation <mã> --field <mã> [--subtopics a,b] --channel <mã> --urgency thuong-xuyen|dot-xuat|khan --title "…" [--date YYYY-MM-DD] [--location "…"] [--people N] [--body "…"]
  npm run new -- report --unit <mã> --organisation <mã> --period <kỳ> --author <mã-đầu-mối> [--date YYYY-MM-DD]
Thiếu tham số nào thì lệnh sẽ hỏi (khi chạy trong cửa sổ dòng lệnh).`;

await runCommand(async (argv) => {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      unit: { type: "string" },
      organisation: { type: "string" },
      field: { type: "string" },
      subtopics: { type: "string" },
      channel: { type: "string" },
      urgency: { type: "string" },
      title: { type: "string" },
      date: { type: "string" },
      location: { type: "string" },
      people: { type: "string" },
      body: { type: "string" },
      period: { type: "string" },
      author: { type: "string" },
    },
  });
  const kind = positionals[0];
  if (kind !== "observation" && kind !== "report") throw new ExitError(USAGE, EXIT.usage);

  const directory = contentDir();
  const files = [...readContentFiles(directory, listContentPaths(directory))];
  const { model } = loadContent(files);
  const today = todayInVietnam();
  const interactive = process.stdin.isTTY === true;
  const ask = async (name: string, question: string, choices?: { value: string; name: string }[]): Promise<string> => {
    const given = (values as Record<string, string | undefined>)[name];
    if (given !== undefined) return given;
    if (!interactive) throw new ExitError(`Thiếu --${name} (${question}).\n${USAGE}`, EXIT.usage);
    return choices ? select({ message: question, choices }) : input({ message: question, required: true });
  };
  const activeUnits = [...model.units.values()].filter((unit) => !unit.valid_to).map((unit) => ({ value: unit.id, name: `${unit.name} (${unit.id})` }));
  const organisations = model.organisations.map((organisation) => ({ value: organisation.id, name: organisation.label }));

  let created: { path: string; text: string };
  if (kind === "observation") {
    const unit = await ask("unit", "Đơn vị", activeUnits);
    const organisation = await ask("organisation", "Tổ chức", organisations);
    const field = await ask(
      "field",
      "Lĩnh vực",
      model.fields.map((entry) => ({ value: entry.id, name: entry.label })),
    );
    const subtopicChoices = model.fields.find((entry) => entry.id === field)?.subtopics ?? [];
    const subtopics =
      values.subtopics !== undefined || subtopicChoices.length === 0 || !interactive
        ? (values.subtopics ?? "")
            .split(",")
            .map((id) => id.trim())
            .filter(Boolean)
        : [await select({ message: "Tiểu mục", choices: subtopicChoices.map((entry) => ({ value: entry.id, name: entry.label })) })];
    const channel = await ask(
      "channel",
      "Kênh nắm thông tin",
      model.channels.map((entry) => ({ value: entry.id, name: entry.label })),
    );
    const urgency = await ask("urgency", "Mức độ", [
      { value: "thuong-xuyen", name: "Thường xuyên" },
      { value: "dot-xuat", name: "Đột xuất" },
      { value: "khan", name: "Khẩn" },
    ]);
    const title = await ask("title", "Tiêu đề (một câu tóm tắt)");
    const body =
      values.body ?? (interactive ? await input({ message: "Nội dung (không ghi tên, số điện thoại, giấy tờ của người phản ánh)", required: true }) : "");
    if (!body.trim()) throw new ExitError("Thiếu --body: nội dung thông tin", EXIT.usage);
    const people = values.people === undefined ? undefined : Number(values.people);
    created = newObservation({
      title,
      observed_on: values.date ?? today,
      recorded_on: today,
      unit,
      organisation,
      field,
      subtopics,
      channel,
      urgency,
      ...(values.location ? { location: values.location } : {}),
      ...(people !== undefined ? { people_count: people } : {}),
      body,
    });
  } else {
    const unit = await ask("unit", "Đơn vị", activeUnits);
    const organisation = await ask("organisation", "Tổ chức", organisations);
    const periodText = await ask("period", "Kỳ báo cáo (ví dụ 2026-11, 2026-q4, 2026-h2, 2026)");
    const body = model.bodies.get(`${unit}/${organisation}`);
    const author = await ask(
      "author",
      "Đầu mối viết báo cáo",
      body?.focal_points.map((person) => ({ value: person.id, name: `${person.name} — ${person.title}` })),
    );
    const draft = draftReport(model, buildUnitTree(model), { unit, organisation, period: periodText, author, submittedOn: values.date ?? today });
    if (!draft.ok) throw new ExitError(draft.message, EXIT.usage);
    created = draft;
  }

  const display = createContentFile(directory, files, created, today);
  console.log(`Đã tạo ${display}. Hãy mở tệp để bổ sung nội dung, rồi chạy npm run check.`);
});
