import { describe, expect, it } from "vitest";
import { minimalContent, toContentFiles, VALID_OBSERVATION } from "../../test-support/content-fixtures.ts";
import { checkContent } from "../check/check-content.ts";
import { buildUnitTree } from "../units/unit-tree.ts";
import {
  authorityOf,
  awaitingAnswer,
  changePhrase,
  comparisonWith,
  countByChannel,
  countByField,
  existedOn,
  followUpRates,
  lifetimeIn,
  observationsByUnit,
  observationsIn,
  unitsBelow,
} from "./aggregate.ts";

/** An observation of the fixture tree with a given date, unit, field/subtopic, channel and follow-up. */
function observation(
  date: string,
  slug: string,
  options: { unit?: string; field?: string; subtopic?: string; channel?: string; followUp?: string; status?: string; forwardedTo?: string } = {},
) {
  const unit = options.unit ?? "xa-ky-hoa";
  let text = VALID_OBSERVATION.replace("observed_on: 2026-03-14", `observed_on: ${date}`)
    .replace("recorded_on: 2026-03-15", `recorded_on: ${date}`)
    .replace("unit: xa-ky-hoa", `unit: ${unit}`)
    .replace("channel: hom-thu-gop-y", `channel: ${options.channel ?? "hom-thu-gop-y"}`);
  if (options.field)
    text = text.replace("field: kinh-te", `field: ${options.field}`).replace("subtopics: [nong-nghiep-nong-thon]", `subtopics: [${options.subtopic ?? ""}]`);
  const followUp = options.followUp ?? "follow_up: []";
  text = text.replace(
    /status: da-tra-loi\nforwarded_to: UBND xã Kỳ Hoa\nfollow_up:\n(?: {2}.*\n)+/,
    `status: ${options.status ?? "moi"}\n${options.forwardedTo ? `forwarded_to: ${options.forwardedTo}\n` : ""}${followUp}\n`,
  );
  return [`observations/${date.slice(0, 4)}/${date.slice(5, 7)}/${unit}/${date}-${slug}.md`, text] as const;
}

function model(extra: (readonly [string, string])[]) {
  const tree = { ...minimalContent(), ...Object.fromEntries(extra) };
  delete (tree as Record<string, string>)["reports/2026-03/xa-ky-hoa/mttq.md"];
  const result = checkContent(toContentFiles(tree), { root: "content/", today: "2026-11-27" });
  expect(result.issues).toEqual([]);
  return result.model;
}

const forwarded = (date: string, authority: string, then = "") => `follow_up:\n  - date: ${date}\n    status: da-chuyen\n    authority: ${authority}${then}`;

describe("observationsIn and counts", () => {
  const content = model([
    observation("2026-02-25", "a", { field: "van-hoa-xa-hoi", subtopic: "y-te-dan-so", channel: "mang-xa-hoi" }),
    observation("2026-03-20", "b", { field: "van-hoa-xa-hoi", subtopic: "giao-duc-dao-tao" }),
    observation("2026-03-21", "c"),
    observation("2025-03-10", "cu", { unit: "xa-ky-hoa-cu" }),
  ]);
  const tree = buildUnitTree(content);

  it("takes the subtree and the window, former units included", () => {
    expect(observationsIn(content, tree, "xa-ky-hoa", { start: "2026-02-21", end: "2026-03-20" }).map((entry) => entry.id)).toEqual([
      "xa-ky-hoa/2026-02-25-a",
      "xa-ky-hoa/2026-03-14-duong-lien-thon",
      "xa-ky-hoa/2026-03-20-b",
    ]);
    expect(observationsIn(content, tree, "ha-tinh", { start: "2025-01-01", end: "2025-12-31" }).map((entry) => entry.id)).toEqual([
      "xa-ky-hoa-cu/2025-03-10-cu",
    ]);
    expect(observationsIn(content, tree, "xa-ky-hoa", { start: "2025-01-01", end: "2025-12-31" }).map((entry) => entry.id)).toEqual([
      "xa-ky-hoa-cu/2025-03-10-cu",
    ]);
  });

  it("counts per field and sub-topic in the plan's order, beside the previous period", () => {
    const march = observationsIn(content, tree, "xa-ky-hoa", { start: "2026-02-21", end: "2026-03-20" });
    const april = observationsIn(content, tree, "xa-ky-hoa", { start: "2026-03-21", end: "2026-04-20" });
    const fields = countByField(content, april, march);
    expect(fields.map((field) => [field.id, field.count, field.previous])).toEqual([
      ["kinh-te", 1, 1],
      ["van-hoa-xa-hoi", 0, 2],
      ["cai-cach-hanh-chinh", 0, 0],
      ["an-ninh-doi-ngoai", 0, 0],
      ["xay-dung-dang", 0, 0],
      ["vu-viec-noi-com", 0, 0],
    ]);
    expect(fields[1]?.subtopics.filter((subtopic) => subtopic.previous > 0).map((subtopic) => subtopic.id)).toEqual(["giao-duc-dao-tao", "y-te-dan-so"]);
    expect(
      countByChannel(content, march, [])
        .filter((channel) => channel.count > 0)
        .map((channel) => [channel.id, channel.count]),
    ).toEqual([
      ["hom-thu-gop-y", 2],
      ["mang-xa-hoi", 1],
    ]);
  });
});

describe("follow-up tracker", () => {
  const content = model([
    observation("2026-09-01", "cho-lau", { status: "da-chuyen", forwardedTo: "Công an xã", followUp: forwarded("2026-09-02", "Công an xã") }),
    observation("2026-11-10", "moi-chuyen", { status: "da-chuyen", forwardedTo: "UBND xã Kỳ Hoa", followUp: forwarded("2026-11-11", "UBND xã Kỳ Hoa") }),
    observation("2026-08-01", "xong", {
      status: "da-giai-quyet",
      forwardedTo: "UBND xã Kỳ Hoa",
      followUp: forwarded("2026-08-02", "UBND xã Kỳ Hoa", "\n  - date: 2026-08-20\n    status: da-giai-quyet"),
    }),
  ]);
  const all = [...content.observations.values()];

  it("lists items awaiting an answer, oldest first, with the overdue ones marked", () => {
    expect(awaitingAnswer(content, all, "2026-11-27", 30).map((item) => [item.observation.id, item.authority, item.days, item.overdue])).toEqual([
      ["xa-ky-hoa/2026-09-01-cho-lau", "Công an xã", 86, true],
      ["xa-ky-hoa/2026-11-10-moi-chuyen", "UBND xã Kỳ Hoa", 16, false],
    ]);
  });

  it("gives answered and resolved rates by authority", () => {
    expect(followUpRates(content, all, authorityOf)).toEqual([
      { key: "UBND xã Kỳ Hoa", forwarded: 3, answered: 2, resolved: 1, answeredRate: 2 / 3, resolvedRate: 1 / 3 },
      { key: "Công an xã", forwarded: 1, answered: 0, resolved: 0, answeredRate: 0, resolvedRate: 0 },
    ]);
  });
});

describe("follow-up outcomes read from the log with the status roles of statuses.yaml", () => {
  const informedBack = "\n  - date: 2026-08-20\n    status: da-giai-quyet\n  - date: 2026-08-25\n    status: da-thong-tin-lai";
  const content = model([
    observation("2026-08-01", "thong-tin-lai", {
      status: "da-thong-tin-lai",
      forwardedTo: "UBND xã Kỳ Hoa",
      followUp: forwarded("2026-08-02", "UBND xã Kỳ Hoa", informedBack),
    }),
    observation("2026-09-01", "chuyen-lai", {
      status: "da-chuyen",
      forwardedTo: "Công an xã",
      followUp: forwarded(
        "2026-09-02",
        "UBND xã Kỳ Hoa",
        "\n  - date: 2026-09-10\n    status: da-tra-loi\n    authority: UBND xã Kỳ Hoa\n  - date: 2026-09-12\n    status: da-chuyen\n    authority: Công an xã",
      ),
    }),
  ]);
  const all = [...content.observations.values()];
  const rates = (model: typeof content) => followUpRates(model, all, (entry) => entry.id.replace(/^.*\/\d{4}-\d{2}-\d{2}-/, ""));

  it("counts an item resolved and then informed back as resolved, and a re-forwarded one as waiting", () => {
    expect(rates(content)).toEqual([
      { key: "chuyen-lai", forwarded: 1, answered: 0, resolved: 0, answeredRate: 0, resolvedRate: 0 },
      { key: "duong-lien-thon", forwarded: 1, answered: 1, resolved: 0, answeredRate: 1, resolvedRate: 0 },
      { key: "thong-tin-lai", forwarded: 1, answered: 1, resolved: 1, answeredRate: 1, resolvedRate: 1 },
    ]);
    expect(awaitingAnswer(content, all, "2026-11-27", 30).map((item) => [item.observation.id, item.authority, item.forwardedOn])).toEqual([
      ["xa-ky-hoa/2026-09-01-chuyen-lai", "Công an xã", "2026-09-12"],
    ]);
  });

  it("follows changed roles: a status that no longer answers, another that now resolves, another that forwards", () => {
    const statuses = content.statuses.map((status) =>
      status.id === "da-tra-loi"
        ? { ...status, answers: false, resolves: true }
        : status.id === "da-giai-quyet"
          ? { ...status, resolves: false }
          : status.id === "da-thong-tin-lai"
            ? { ...status, forwards: true }
            : status,
    );
    const changed = { ...content, statuses };
    expect(rates(changed)).toEqual([
      { key: "chuyen-lai", forwarded: 1, answered: 0, resolved: 0, answeredRate: 0, resolvedRate: 0 },
      { key: "duong-lien-thon", forwarded: 1, answered: 1, resolved: 1, answeredRate: 1, resolvedRate: 1 },
      { key: "thong-tin-lai", forwarded: 1, answered: 0, resolved: 0, answeredRate: 0, resolvedRate: 0 },
    ]);
    expect(awaitingAnswer(changed, all, "2026-11-27", 30).map((item) => [item.observation.id, item.forwardedOn])).toEqual([
      ["xa-ky-hoa/2026-08-01-thong-tin-lai", "2026-08-25"],
      ["xa-ky-hoa/2026-09-01-chuyen-lai", "2026-09-12"],
    ]);
  });
});

describe("lifetimes and like-with-like comparisons", () => {
  it("cuts a window to the days a unit existed", () => {
    const window = { start: "2025-06-21", end: "2025-09-20" };
    expect(lifetimeIn({ valid_to: "2025-06-30" }, window)).toEqual({ start: "2025-06-21", end: "2025-06-30" });
    expect(lifetimeIn({ valid_from: "2025-07-01" }, window)).toEqual({ start: "2025-07-01", end: "2025-09-20" });
    expect(lifetimeIn({ valid_to: "2025-06-30" }, { start: "2026-06-21", end: "2026-09-20" })).toBeUndefined();
    expect(existedOn({ valid_from: "2025-07-01" }, "2025-06-30")).toBe(false);
    expect(existedOn({}, "2025-06-30")).toBe(true);
  });

  it("compares a period in progress with as many days of the previous one, an ended one with all of it", () => {
    const window = { start: "2026-11-21", end: "2026-12-20" };
    const previous = { start: "2026-10-21", end: "2026-11-20" };
    expect(comparisonWith(window, previous, "2026-11-30", "tháng 11/2026")).toEqual({
      window: { start: "2026-10-21", end: "2026-10-30" },
      partial: true,
      days: 10,
      phrase: "so với 10 ngày đầu kỳ trước (tháng 11/2026)",
    });
    expect(comparisonWith(window, previous, "2026-12-20", "tháng 11/2026")).toMatchObject({ window: previous, partial: false, phrase: "so với tháng 11/2026" });
    // A longer current period never compares beyond the previous one's end.
    expect(comparisonWith({ start: "2026-03-21", end: "2026-04-20" }, { start: "2026-02-21", end: "2026-03-20" }, "2026-04-19", "x").window.end).toBe(
      "2026-03-20",
    );
  });

  it("words a change", () => {
    expect([changePhrase(5, 2), changePhrase(2, 23), changePhrase(3, 3)]).toEqual(["tăng 3", "giảm 21", "không đổi"]);
  });
});

describe("unitsBelow", () => {
  const content = model([observation("2025-05-10", "truoc", { unit: "xa-ky-hoa-cu" }), observation("2025-08-10", "sau")]);
  const tree = buildUnitTree(content);
  const byUnit = observationsByUnit(content);
  const names = (unit: string, window: { start: string; end: string }) =>
    unitsBelow(content, tree, byUnit, unit, window).map((item) => `${item.unit.id} ${item.relation} ${item.count}`);

  it("lists a successor's predecessors for a window before the merger, and not after it", () => {
    expect(names("xa-ky-hoa", { start: "2025-04-21", end: "2025-05-20" })).toEqual(["xa-ky-hoa-cu predecessor 1"]);
    expect(names("xa-ky-hoa", { start: "2025-07-21", end: "2025-08-20" })).toEqual([]);
  });

  it("lists the province's old district before 1 July 2025 and its new commune after, counting each observation once", () => {
    expect(names("ha-tinh", { start: "2025-04-21", end: "2025-05-20" })).toEqual(["huyen-ky-anh child 1"]);
    expect(names("ha-tinh", { start: "2025-07-21", end: "2025-08-20" })).toEqual(["xa-ky-hoa child 1"]);
    expect(names("ha-tinh", { start: "2025-04-21", end: "2025-09-20" })).toEqual(["huyen-ky-anh child 1", "xa-ky-hoa child 1"]);
  });
});
