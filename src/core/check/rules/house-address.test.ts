import { describe, expect, it } from "vitest";
import { checkWith, withBodyLine } from "../../../test-support/check-fixture.ts";
import { VALID_OBSERVATION_PATH } from "../../../test-support/content-fixtures.ts";

const restricted = (sentence: string, confidentiality = "han-che") => ({
  [VALID_OBSERVATION_PATH]: (withBodyLine(sentence)[VALID_OBSERVATION_PATH] as string).replace(
    "confidentiality: binh-thuong",
    `confidentiality: ${confidentiality}`,
  ),
});
const flagged = (changes: Record<string, string>) =>
  checkWith(changes)
    .filter((issue) => issue.rule === "house-address")
    .map((issue) => `${issue.line}:${issue.column} ${issue.message.slice(0, issue.message.indexOf("):") + 1)}`);

describe("house-address", () => {
  it.each([
    ["Hộ ở số nhà 12 xóm Đông gửi đơn.", "số nhà 12", 6],
    ["Địa chỉ: số 45 đường Trần Phú.", "số 45 đường", 10],
    ["Nhà trong ngõ 3 phố Nguyễn Du.", "ngõ 3", 11],
    ["Cuối hẻm 12/4 có người tố cáo.", "hẻm 12/4", 6],
    ["Ở nhà số 7B thôn Bắc.", "nhà số 7B", 3],
  ])("flags %j in a restricted item", (sentence, address, column) => {
    expect(flagged(restricted(sentence))).toEqual([`30:${column} Thông tin hạn chế không được ghi địa chỉ đến từng nhà ("${address}")`]);
  });

  it("flags the location field too, and leaves normal items and document numbers alone", () => {
    const text = (restricted("Bà con đồng tình.")[VALID_OBSERVATION_PATH] as string).replace("location: Thôn Trung Hòa", "location: Số nhà 5, thôn Trung Hòa");
    expect(flagged({ [VALID_OBSERVATION_PATH]: text })).toEqual(['11:11 Thông tin hạn chế không được ghi địa chỉ đến từng nhà ("Số nhà 5")']);
    expect(flagged(restricted("Sửa số nhà 12 đường làng.", "binh-thuong"))).toEqual([]);
    expect(flagged(restricted("Văn bản số 125/UBND ngày 20/11/2025; tổ dân phố 3, thôn 5."))).toEqual([]);
  });
});
