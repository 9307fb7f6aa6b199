/**
 * `dan-y new observation …` / `dan-y new report …`: creates a valid file in the
 * right place, from options or, for what is missing on a terminal, Vietnamese
 * prompts that offer only what the data allows (entry-choices.ts). Validates
 * before writing and never overwrites.
 */
import { styleText } from "node:util";
import type { Command } from "commander";
import type { ContentModel } from "../../core/content/content-model.ts";
import type { Choice } from "../../core/content/entry-choices.ts";
import { referenceLabels } from "../../core/content/labels.ts";
import type { ContentFile } from "../../core/content/load-content.ts";
import { act, examples, isoDate, today, todayOption, wholeNumber } from "../command-kit.ts";
import { EXIT, ExitError } from "../errors.ts";

interface ObservationOptions {
  unit?: string;
  organisation?: string;
  field?: string;
  subtopics?: string;
  channel?: string;
  urgency?: string;
  title?: string;
  date?: string;
  location?: string;
  people?: number;
  body?: string;
  today?: string;
}

interface ReportOptions {
  unit?: string;
  organisation?: string;
  period?: string;
  author?: string;
  date?: string;
  today?: string;
}

/** Where prompts read keys and draw; absent when not on a terminal (then every missing option is an error). */
export interface Terminal {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
}

const KEYS: Record<string, string> = { navigate: "di chuyển", select: "chọn", submit: "xong", all: "chọn hết", invert: "đảo lựa chọn", space: "phím cách" };
/** The prompts' own English messages. */
const MESSAGES: Record<string, string> = { "No results found": "Không có lựa chọn nào khớp", "You must provide a valid value": "Hãy chọn một giá trị hợp lệ" };
const THEME = {
  style: {
    keysHelpTip: (keys: readonly (readonly [string, string])[]) => keys.map(([key, action]) => `${KEYS[key] ?? key} ${KEYS[action] ?? action}`).join(" • "),
    error: (text: string) => styleText("red", `> ${MESSAGES[text] ?? text}`),
  },
};
/** Longer lists are searched by typing (without diacritics too) rather than scrolled. */
const SEARCH_FROM = 13;

/** Asks for what the options did not give, from the lists the data allows. */
class Asker {
  readonly #options: Record<string, unknown>;
  readonly #terminal: Terminal | undefined;
  constructor(options: object, terminal: Terminal | undefined) {
    this.#options = options as Record<string, unknown>;
    this.#terminal = terminal;
  }

  #missing(name: string, question: string): never {
    throw new ExitError(`Thiếu --${name} (${question}).`, EXIT.usage);
  }

  async pick(name: string, question: string, choices: Choice[]): Promise<string> {
    const given = this.#options[name];
    if (typeof given === "string") return given;
    if (!this.#terminal) this.#missing(name, question);
    if (choices.length === 0)
      throw new ExitError(`Không có lựa chọn nào cho "${question}" theo dữ liệu hiện có: hãy kiểm tra units/ và bodies/.`, EXIT.problems);
    const { search, select } = await import("@inquirer/prompts");
    if (choices.length < SEARCH_FROM) return select({ message: question, choices, theme: THEME, pageSize: 12 }, this.#terminal);
    const { foldVietnamese } = await import("../../core/search/fold.ts");
    const folded = choices.map((choice) => ({ ...choice, key: foldVietnamese(choice.name) }));
    return search(
      {
        message: `${question} (gõ để lọc)`,
        source: (term) => folded.filter((choice) => !term || choice.key.includes(foldVietnamese(term))).map(({ value, name }) => ({ value, name })),
        theme: THEME,
        pageSize: 12,
      },
      this.#terminal,
    );
  }

  /** Several values; an empty list is a valid answer. */
  async pickSeveral(name: string, question: string, choices: Choice[]): Promise<string[]> {
    const given = this.#options[name];
    if (typeof given === "string")
      return given
        .split(",")
        .map((id) => id.trim())
        .filter(Boolean);
    if (!this.#terminal || choices.length === 0) return [];
    const { checkbox } = await import("@inquirer/prompts");
    return checkbox({ message: `${question} (phím cách để chọn, có thể chọn nhiều)`, choices, theme: THEME, pageSize: 12 }, this.#terminal);
  }

  async text(name: string, question: string): Promise<string> {
    const given = this.#options[name];
    if (typeof given === "string") return given;
    if (!this.#terminal) this.#missing(name, question);
    const { input } = await import("@inquirer/prompts");
    return input({ message: question, validate: (value) => value.trim() !== "" || "Cần nhập nội dung." }, this.#terminal);
  }
}

async function loadModel() {
  const { contentDir, listContentPaths, readContentFiles } = await import("../../adapters/content-files.ts");
  const { loadContent } = await import("../../core/content/load-content.ts");
  const directory = contentDir();
  const files = [...readContentFiles(directory, listContentPaths(directory))];
  return { directory, files, model: loadContent(files).model };
}

/** The answers for a new observation: options first, prompts for the rest. */
export async function observationAnswers(model: ContentModel, options: ObservationOptions, day: string, terminal: Terminal | undefined) {
  const choices = await import("../../core/content/entry-choices.ts");
  const ask = new Asker(options, terminal);
  const observedOn = options.date ?? day;
  const unit = await ask.pick("unit", "Đơn vị", choices.unitChoices(model, observedOn, options.organisation));
  const organisation = await ask.pick("organisation", "Tổ chức", choices.organisationChoices(model, unit));
  const field = await ask.pick("field", "Lĩnh vực", choices.fieldChoices(model));
  const subtopics = await ask.pickSeveral("subtopics", "Tiểu mục", choices.subtopicChoices(model, field));
  const channel = await ask.pick("channel", "Kênh nắm thông tin", choices.channelChoices(model));
  const urgency = await ask.pick("urgency", "Mức độ", choices.urgencyChoices(model));
  const status = referenceLabels(model).initialStatus;
  if (!status) throw new ExitError("statuses.yaml chưa có trạng thái ban đầu (initial: true): không biết thông tin mới ở trạng thái nào", EXIT.problems);
  const title = await ask.text("title", "Tiêu đề (một câu tóm tắt)");
  const body = options.body ?? (terminal ? await ask.text("body", "Nội dung (không ghi tên, số điện thoại, giấy tờ của người phản ánh)") : "");
  if (!body.trim()) throw new ExitError("Thiếu --body: nội dung thông tin", EXIT.usage);
  return {
    title,
    observed_on: observedOn,
    recorded_on: day,
    unit,
    organisation,
    field,
    subtopics,
    channel,
    urgency,
    status,
    ...(options.location ? { location: options.location } : {}),
    ...(options.people !== undefined ? { people_count: options.people } : {}),
    body,
  };
}

const terminalOf = (): Terminal | undefined => (process.stdin.isTTY === true ? { input: process.stdin, output: process.stdout } : undefined);

async function createAndSay(directory: string, files: readonly ContentFile[], created: { path: string; text: string }, day: string) {
  const { createContentFile } = await import("../lib/create-content-file.ts");
  const display = createContentFile(directory, files, created, day);
  console.log(`Đã tạo ${display}. Hãy mở tệp để bổ sung nội dung, rồi chạy npx dan-y check.`);
}

/** Ctrl+C in a prompt: stop without writing anything. */
async function cancellable<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof Error && error.name === "ExitPromptError") throw new ExitError("Đã dừng: chưa tạo tệp nào.", EXIT.problems);
    throw error;
  }
}

async function newObservation(options: ObservationOptions): Promise<void> {
  const { newObservation: build } = await import("../../core/content/new-entry.ts");
  const { directory, files, model } = await loadModel();
  const day = today(options);
  const answers = await cancellable(() => observationAnswers(model, options, day, terminalOf()));
  await createAndSay(directory, files, build(answers), day);
}

async function newReport(options: ReportOptions): Promise<void> {
  const choices = await import("../../core/content/entry-choices.ts");
  const { draftReport } = await import("../../core/reports/report-draft.ts");
  const { buildUnitTree } = await import("../../core/units/unit-tree.ts");
  const { directory, files, model } = await loadModel();
  const day = today(options);
  const ask = new Asker(options, terminalOf());
  const draft = await cancellable(async () => {
    const unit = await ask.pick("unit", "Đơn vị", choices.unitChoices(model, day, options.organisation));
    const organisation = await ask.pick("organisation", "Tổ chức", choices.organisationChoices(model, unit));
    const period = await ask.text("period", "Kỳ báo cáo (ví dụ 2026-11, 2026-q4, 2026-h2, 2026)");
    const author = await ask.pick("author", "Đầu mối viết báo cáo", choices.authorChoices(model, unit, organisation));
    return draftReport(model, buildUnitTree(model), { unit, organisation, period, author, submittedOn: options.date ?? day });
  });
  if (!draft.ok) throw new ExitError(draft.message, EXIT.usage);
  await createAndSay(directory, files, draft, day);
}

export function register(program: Command): void {
  const group = program
    .command("new")
    .summary("tạo thông tin hoặc báo cáo mới (hỏi từng mục)")
    .description(
      "Tạo tệp thông tin hoặc báo cáo mới đúng chỗ, đúng mẫu. Thiếu tùy chọn nào thì lệnh hỏi (khi chạy trong cửa sổ dòng lệnh), chỉ đưa ra những lựa chọn dữ liệu cho phép. Kiểm tra trước khi ghi và không bao giờ ghi đè.",
    );
  examples(group, [
    ["npx dan-y new observation", "tạo một thông tin, trả lời từng câu hỏi"],
    ["npx dan-y new report", "tạo bản nháp báo cáo, trả lời từng câu hỏi"],
  ]);

  const observation = group
    .command("observation")
    .description("Ghi một thông tin nắm được (ý kiến, kiến nghị, phản ánh của Nhân dân) vào observations/<năm>/<tháng>/<đơn-vị>/.")
    .option("--unit <mã>", "đơn vị nơi nắm được thông tin (tên tệp trong units/)")
    .option("--organisation <mã>", "tổ chức ghi nhận: mttq, hoi-phu-nu, hoi-nong-dan, cong-doan, doan-thanh-nien, hoi-ccb")
    .option("--field <mã>", "lĩnh vực (trong fields.yaml), ví dụ kinh-te")
    .option("--subtopics <a,b>", "các tiểu mục của lĩnh vực, cách nhau bằng dấu phẩy")
    .option("--channel <mã>", "kênh nắm thông tin (trong channels.yaml)")
    .option("--urgency <mức>", "mức độ (mã trong urgencies.yaml), ví dụ thuong-xuyen, dot-xuat, khan")
    .option("--title <câu>", "tiêu đề, một câu tóm tắt (tên tệp lấy từ đây)")
    .option("--date <ngày>", "ngày nắm được thông tin (mặc định: hôm nay)", isoDate)
    .option("--location <nơi>", "địa điểm (thôn, tổ dân phố…), không ghi địa chỉ nhà riêng")
    .option("--people <số>", "số người cùng phản ánh", wholeNumber(0))
    .option("--body <nội-dung>", "nội dung; không ghi tên, số điện thoại, số giấy tờ của người phản ánh");
  todayOption(observation).action(act(newObservation));
  examples(observation, [
    ["npx dan-y new observation", "hỏi lần lượt: đơn vị, tổ chức, lĩnh vực, tiểu mục (chọn nhiều), kênh, mức độ, tiêu đề, nội dung"],
    [
      'npx dan-y new observation --unit xa-thach-ha --organisation mttq --field van-hoa-xa-hoi --subtopics y-te-dan-so,giao-duc-dao-tao --channel duong-day-nong --urgency dot-xuat --title "Trạm y tế thiếu bác sĩ trực đêm" --body "Người dân phản ánh…"',
      "tạo ngay, không hỏi gì",
    ],
    ['npx dan-y new observation --date 2026-11-01 --location "Thôn Trung" --people 12', "ghi ngày, địa điểm và số người; hỏi những mục còn thiếu"],
    ["npx dan-y new observation --today 2026-11-27", "coi hôm nay là 27/11/2026 (ngày ghi nhận)"],
  ]);

  const report = group
    .command("report")
    .description("Tạo bản nháp báo cáo tổng hợp của một cơ quan trong một kỳ (như report draft), hỏi những mục còn thiếu.")
    .option("--unit <mã>", "đơn vị của cơ quan báo cáo")
    .option("--organisation <mã>", "tổ chức của cơ quan báo cáo")
    .option("--period <kỳ>", "kỳ báo cáo: 2026-11, 2026-q4, 2026-h2 hoặc 2026")
    .option("--author <mã-đầu-mối>", "đầu mối đứng tên báo cáo")
    .option("--date <ngày>", "ngày nộp ghi trên báo cáo (mặc định: hôm nay)", isoDate);
  todayOption(report).action(act(newReport));
  examples(report, [
    ["npx dan-y new report", "hỏi đơn vị, tổ chức, kỳ và đầu mối"],
    ["npx dan-y new report --unit ha-tinh --organisation mttq --period 2026-q4 --author ha-tinh-mttq-hoang-quang-quan", "tạo ngay, không hỏi gì"],
    ["npx dan-y new report --unit ha-tinh --organisation mttq --period 2026-11 --date 2026-11-20", "ghi ngày nộp 20/11/2026"],
    ["npx dan-y new report --today 2026-11-27", "coi hôm nay là 27/11/2026"],
  ]);
}
