import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { plainFrontMatter } from "./front-matter-writer.ts";
import { newObservation } from "./new-entry.ts";

const byYaml = (data: object) => stringify(data, { lineWidth: 0 });

/** A small deterministic generator, so a failure names a reproducible case. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe("plainFrontMatter", () => {
  it("writes exactly what yaml writes, or passes, on random documents of Vietnamese text, ids, dates, counts and lists", () => {
    const next = random(7);
    // Letters of every kind, then everything the fast path allows and characters it must pass on (quotes, colons, #, tabs…).
    const alphabet = [..."aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯàảãáạằẳẵắặầẩẫấậềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ0123456789  ,.;()/%…–-"];
    const hostile = [..."::#'\"!?&*[]{}|>@`\t~"];
    const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)] as T;
    const text = () => {
      const length = 1 + Math.floor(next() * 40);
      // Mostly a letter first, as titles and ids start; sometimes anything.
      let value = next() < 0.85 ? pick(alphabet.filter((character) => /\p{L}/u.test(character))) : "";
      for (let index = 0; index < length; index++) value += next() < 0.01 ? pick(hostile) : pick(alphabet);
      return next() < 0.2 ? pick(["true", "Null", "FALSE", "2026-11-27", "10", "0x1F", "1e3", "kinh-te", "Khẩn:", "a #b", "đất đai "]) : value;
    };
    let answered = 0;
    for (let round = 0; round < 3000; round++) {
      const data: Record<string, unknown> = {};
      const keys = 1 + Math.floor(next() * 8);
      for (let index = 0; index < keys; index++) {
        const kind = next();
        data[pick(["title", "observed_on", "unit", "field", "subtopics", "people_count", "tags", "location", "status"])] =
          kind < 0.6 ? text() : kind < 0.8 ? Array.from({ length: Math.floor(next() * 3) }, text) : Math.floor(next() * 2000);
      }
      const fast = plainFrontMatter(data);
      if (fast === undefined) continue;
      answered++;
      expect(fast, JSON.stringify(data)).toBe(byYaml(data));
    }
    // The fast path must answer for most documents, or it saves nothing.
    expect(answered).toBeGreaterThan(1000);
  });

  it("passes on what it does not know: nested maps, booleans, negative or fractional numbers, odd keys, empty mappings", () => {
    for (const data of [{ consolidates: { observations: [] } }, { reviewed: true }, { count: -1 }, { count: 1.5 }, { "Tiêu đề": "x" }, {}, { title: "" }])
      expect(plainFrontMatter(data)).toBeUndefined();
    expect(plainFrontMatter({ title: "Đường sụt lún", location: undefined })).toBe(byYaml({ title: "Đường sụt lún", location: undefined }));
  });

  it("gives a new observation the same file as yaml, and yaml's quoting where the title needs it", () => {
    const answers = {
      title: "Đường liên thôn ở thôn Trung Hòa sụt lún đoạn 1, đi lại khó khăn mùa mưa",
      observed_on: "2026-01-01",
      recorded_on: "2026-11-27",
      unit: "xa-ky-hoa",
      organisation: "mttq",
      field: "kinh-te",
      subtopics: ["giao-thong"],
      channel: "duong-day-nong",
      urgency: "thuong-xuyen",
      status: "moi",
      location: "Thôn Trung Hòa",
      people_count: 10,
      body: "Bà con phản ánh.",
    };
    const { body, status, ...fields } = answers;
    const data = { ...fields, tags: [], status, follow_up: [], related: [], confidentiality: "binh-thuong" };
    expect(newObservation(answers).text).toBe(`---\n${byYaml(data)}---\n\n${body}\n`);
    const quoted = newObservation({ ...answers, title: "Khiếu nại: đường sụt # lún" }).text;
    expect(quoted).toContain('title: "Khiếu nại: đường sụt # lún"\n');
  });
});
