import { didYouMean } from "../suggest.ts";
import type { Rule } from "./rule.ts";

const EXPECTED_DUE_COUNTS = { month: 12, quarter: 4, half: 2, year: 1 } as const;

function duplicates(ids: readonly string[]): number[] {
  const seen = new Set<string>();
  const repeated: number[] = [];
  ids.forEach((id, index) => {
    if (seen.has(id)) repeated.push(index);
    else seen.add(id);
  });
  return repeated;
}

export const referenceLists: Rule = {
  id: "reference-lists",
  description:
    "Danh mục cấp, tổ chức, lĩnh vực, kênh, mức độ, trạng thái, từ khóa không trùng mã; có đúng một tổ chức chủ trì và một trạng thái ban đầu; trạng thái tiếp theo có trong danh mục; lịch báo cáo đủ và theo thứ tự.",
  check({ model }, { atSource: at }) {
    const lists = [
      ["levels", model.levels],
      ["organisations", model.organisations],
      ["fields", model.fields],
      ["channels", model.channels],
      ["urgencies", model.urgencies],
      ["statuses", model.statuses],
      ["tags", model.tags],
    ] as const;
    for (const [name, entries] of lists) {
      for (const index of duplicates(entries.map((entry) => entry.id))) {
        at(model.referenceSources[name], [index, "id"], `Mã "${entries[index]?.id}" bị trùng trong danh mục`);
      }
    }
    const subtopicIds = model.fields.flatMap((field, fieldIndex) =>
      field.subtopics.map((subtopic, index) => ({ id: subtopic.id, path: [fieldIndex, "subtopics", index, "id"] })),
    );
    for (const index of duplicates(subtopicIds.map((entry) => entry.id))) {
      at(
        model.referenceSources.fields,
        subtopicIds[index]?.path ?? [],
        `Mã tiểu mục "${subtopicIds[index]?.id}" bị trùng (mã tiểu mục phải khác nhau trên mọi lĩnh vực)`,
      );
    }
    const initial = model.statuses.filter((status) => status.initial);
    if (model.statuses.length > 0 && initial.length !== 1) {
      at(model.referenceSources.statuses, [], `Cần đúng một trạng thái ban đầu (initial: true) cho thông tin chưa có bước theo dõi; đang có ${initial.length}`);
    }
    const statusIds = model.statuses.map((status) => status.id);
    model.statuses.forEach((status, index) => {
      status.next.forEach((next, position) => {
        if (!statusIds.includes(next))
          at(
            model.referenceSources.statuses,
            [index, "next", position],
            `Trạng thái tiếp theo "${next}" không có trong danh mục.${didYouMean(next, statusIds)}`,
          );
      });
    });
    const leads = model.organisations.filter((organisation) => organisation.lead);
    if (model.organisations.length > 0 && leads.length !== 1) {
      at(model.referenceSources.organisations, [], `Cần đúng một tổ chức chủ trì tổng hợp (lead: true); đang có ${leads.length}`);
    }
    const schedule = model.schedule;
    const levelIds = model.levels.map((level) => level.id);
    const organisationIds = model.organisations.map((organisation) => organisation.id);
    schedule?.expected_reports.forEach((expectation, index) => {
      if (model.levels.length > 0 && !levelIds.includes(expectation.level)) {
        at(
          model.referenceSources.schedule,
          ["expected_reports", index, "level"],
          `Cấp "${expectation.level}" không có trong levels.yaml.${didYouMean(expectation.level, levelIds)}`,
        );
      }
      expectation.organisations.forEach((organisation, position) => {
        if (model.organisations.length > 0 && !organisationIds.includes(organisation)) {
          at(
            model.referenceSources.schedule,
            ["expected_reports", index, "organisations", position],
            `Tổ chức "${organisation}" không có trong organisations.yaml.${didYouMean(organisation, organisationIds)}`,
          );
        }
      });
    });
    if (schedule) {
      for (const [kind, count] of Object.entries(EXPECTED_DUE_COUNTS) as [keyof typeof EXPECTED_DUE_COUNTS, number][]) {
        const due = schedule[kind].due;
        if (due.length !== count)
          at(model.referenceSources.schedule, [kind, "due"], `Cần ${count} hạn báo cáo cho loại "${schedule[kind].label}"; đang có ${due.length}`);
        for (let index = 1; index < due.length; index++) {
          const before = due[index - 1] as { month: number; day: number };
          const current = due[index] as { month: number; day: number };
          if (current.month * 100 + current.day <= before.month * 100 + before.day) {
            at(model.referenceSources.schedule, [kind, "due", index], "Các hạn báo cáo phải theo thứ tự thời gian trong năm");
          }
        }
      }
    }
  },
};
