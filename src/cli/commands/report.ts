/**
 * `dan-y report draft --unit <id> --organisation <id> --period <kỳ>`: writes the
 * draft consolidated report of a body and period, pre-filled in the plan's
 * outline from its subtree and window. Never overwrites a report.
 * `dan-y report docx <mã-báo-cáo> [--out …]`: the report (or its draft, or a
 * unit's consolidated report) as a Word document in the administrative form.
 */
import type { Command } from "commander";
import { act, examples, isoDate, today, todayOption } from "../command-kit.ts";
import { EXIT, ExitError } from "../errors.ts";

interface DraftOptions {
  unit: string;
  organisation: string;
  period: string;
  author?: string;
  date?: string;
  today?: string;
}

async function draft(options: DraftOptions): Promise<void> {
  const { contentDir, listContentPaths, readContentFiles } = await import("../../adapters/content-files.ts");
  const { loadContent } = await import("../../core/content/load-content.ts");
  const { draftReport } = await import("../../core/reports/report-draft.ts");
  const { buildUnitTree } = await import("../../core/units/unit-tree.ts");
  const { createContentFile } = await import("../lib/create-content-file.ts");
  const directory = contentDir();
  const files = [...readContentFiles(directory, listContentPaths(directory))];
  const { model } = loadContent(files);
  const day = today(options);
  const body = model.bodies.get(`${options.unit}/${options.organisation}`);
  const author = options.author ?? body?.focal_points[0]?.id;
  if (!author)
    throw new ExitError(
      `Chưa khai báo đầu mối của ${options.unit}/${options.organisation} trong bodies/: cần --author hoặc tệp bodies/${options.unit}/${options.organisation}.yaml`,
    );
  const drafted = draftReport(model, buildUnitTree(model), {
    unit: options.unit,
    organisation: options.organisation,
    period: options.period,
    author,
    submittedOn: options.date ?? day,
  });
  if (!drafted.ok) throw new ExitError(drafted.message, EXIT.usage);
  const display = createContentFile(directory, files, drafted, day);
  console.log(
    `Đã viết bản nháp ${display}: tổng hợp ${drafted.observations} thông tin nổi bật và ${drafted.reports} báo cáo cấp dưới. Hãy biên tập phần nhận định rồi nộp bằng npx dan-y submit.`,
  );
}

interface DocxOptions {
  out?: string;
  force?: boolean;
  today?: string;
}

async function docx(id: string, options: DocxOptions): Promise<void> {
  const { contentDir } = await import("../../adapters/content-files.ts");
  const { exportReportDocx } = await import("../../adapters/docx-export.ts");
  const written = await exportReportDocx({ contentDirectory: contentDir(), id, out: options.out, today: today(options), force: options.force === true });
  const what = { report: "báo cáo", draft: "bản nháp báo cáo", consolidation: "báo cáo tổng hợp" }[written.kind];
  console.log([`Đã ghi ${what} ${id} thành văn bản Word: ${written.file}`, ...written.notes.map((note) => `  ${note}`)].join("\n"));
}

export function register(program: Command): void {
  const report = program
    .command("report")
    .summary("bản nháp báo cáo tổng hợp theo kỳ; xuất văn bản Word")
    .description("Báo cáo tổng hợp tình hình Nhân dân theo kỳ.");
  examples(report, [["npx dan-y report draft --unit ha-tinh --organisation mttq --period 2026-q4", "viết bản nháp báo cáo quý IV/2026 của MTTQ tỉnh"]]);
  const command = report
    .command("draft")
    .description(
      "Viết bản nháp báo cáo tổng hợp của một cơ quan trong một kỳ, theo đề cương của kế hoạch: gom thông tin nổi bật và báo cáo cấp dưới trong kỳ. Không ghi đè báo cáo đã có.",
    )
    .requiredOption("--unit <mã-đơn-vị>", "đơn vị của cơ quan báo cáo (tên tệp trong units/, không có .yaml)")
    .requiredOption("--organisation <mã-tổ-chức>", "tổ chức: mttq, hoi-phu-nu, hoi-nong-dan, cong-doan, doan-thanh-nien, hoi-cuu-chien-binh…")
    .requiredOption("--period <kỳ>", "kỳ báo cáo: tháng 2026-11, quý 2026-q4, nửa năm 2026-h2 hoặc năm 2026")
    .option("--author <mã-đầu-mối>", "đầu mối đứng tên báo cáo (mặc định: đầu mối đầu tiên của cơ quan)")
    .option("--date <ngày>", "ngày nộp ghi trên báo cáo (mặc định: hôm nay)", isoDate);
  todayOption(command).action(act(draft));
  examples(command, [
    ["npx dan-y report draft --unit ha-tinh --organisation mttq --period 2026-q4", "bản nháp báo cáo quý IV/2026 của MTTQ tỉnh Hà Tĩnh"],
    [
      "npx dan-y report draft --unit xa-ky-hoa --organisation hoi-phu-nu --period 2026-11 --author xa-ky-hoa-hoi-phu-nu-tran-minh-cuong",
      "báo cáo tháng, do một đầu mối đứng tên",
    ],
    ["npx dan-y report draft --unit ha-tinh --organisation mttq --period 2026 --date 2026-12-15", "báo cáo năm, ghi ngày nộp 15/12/2026"],
    ["npx dan-y report draft --unit ha-tinh --organisation mttq --period 2026-q3 --today 2026-11-27", "kiểm tra như thể hôm nay là 27/11/2026"],
  ]);
  const word = report
    .command("docx")
    .description(
      "Xuất báo cáo thành văn bản Word (.docx) theo thể thức văn bản của MTTQ (Hướng dẫn 91/HD-MTTW-BTT, Nghị định 30/2020/NĐ-CP): tiêu đề, số, quốc hiệu, địa danh và ngày, nội dung theo đề cương, chữ ký, nơi nhận. Chưa có tệp báo cáo thì xuất bản nháp hệ thống tổng hợp; mã chỉ có kỳ và đơn vị thì xuất báo cáo tổng hợp của đơn vị như trên trang.",
    )
    .argument("<mã-báo-cáo>", "<kỳ>/<mã-đơn-vị>/<mã-tổ-chức>, ví dụ 2026-11/xa-ky-hoa/mttq; hoặc <kỳ>/<mã-đơn-vị> cho báo cáo tổng hợp")
    .option("--out <tệp-hoặc-thư-mục>", "nơi ghi tệp .docx (mặc định: bao-cao-<kỳ>-<đơn-vị>-<tổ-chức>.docx ở thư mục hiện tại)")
    .option("--force", "ghi đè tệp .docx đã có");
  todayOption(word).action(act(docx));
  examples(word, [
    ["npx dan-y report docx 2026-07/ha-tinh/mttq", "báo cáo tháng 7/2026 của MTTQ tỉnh thành bao-cao-2026-07-ha-tinh-mttq.docx"],
    ["npx dan-y report docx 2026-q4/xa-ky-hoa/mttq --out ~/Văn-bản/", "bản nháp (nếu chưa có báo cáo) quý IV/2026 của MTTQ xã Kỳ Hoa, ghi vào thư mục Văn-bản"],
    ["npx dan-y report docx 2026/ha-tinh --out bao-cao-nam.docx --force", "báo cáo tổng hợp năm 2026 của tỉnh, như trang Báo cáo tổng hợp, ghi đè tệp cũ"],
    ["npx dan-y report docx 2026-q4/ha-tinh --today 2026-12-20", "báo cáo tổng hợp quý IV/2026, ghi ngày 20/12/2026 trên văn bản"],
  ]);
}
