import { describe, expect, it } from "vitest";
import { checkWith, observation, withBodyLine } from "../../../test-support/check-fixture.ts";
import { VALID_OBSERVATION_PATH } from "../../../test-support/content-fixtures.ts";
import { flagEntry } from "./reviewed-flags.ts";

const flagged = (changes: Record<string, string>) =>
  checkWith(changes)
    .filter((issue) => issue.rule === "identity-names")
    .map((issue) => `${issue.line}:${issue.column} ${issue.message}`);

describe("identity-names", () => {
  it.each([
    ["Bà Nguyễn Thị Lan ở thôn Trung Hòa là người tố cáo việc lấn chiếm đất.", "Bà Nguyễn Thị Lan", 1],
    ["Theo đơn thư của ông Trần Văn Bình, việc thu phí chưa đúng.", "ông Trần Văn Bình", 18],
    ["Người gửi đơn là anh Hùng, xóm Đông.", "anh Hùng", 18],
    ["Chị Lê Thị Hoa khiếu nại về việc bồi thường.", "Chị Lê Thị Hoa", 1],
    ["Cô Mai phản ánh giá điện tăng.", "Cô Mai", 1],
  ])("flags %j at its column", (sentence, name, column) => {
    const [message, ...rest] = flagged(withBodyLine(sentence));
    expect(rest).toEqual([]);
    expect(message).toBe(
      `30:${column} Có thể làm lộ danh tính người phản ánh, khiếu nại, tố cáo: "${name}" đứng cạnh lời phản ánh, tố cáo. Hãy viết "một người dân", "người gửi đơn" thay cho họ tên (Luật Tố cáo, Điều 9 và 47). Nếu đã xem xét và đây không phải danh tính người phản ánh, khiếu nại, tố cáo, thêm vào phần đầu: reviewed_flags: ["${flagEntry("identity-names", name)}"]`,
    );
  });

  it("flags a name in the title and a follow-up note", () => {
    const changes = observation("title: Người dân phản ánh đường liên thôn xuống cấp", "title: Bà Nguyễn Thị Lan phản ánh đường liên thôn xuống cấp");
    const text = (changes[VALID_OBSERVATION_PATH] as string).replace("note: Chuyển văn bản đề nghị sửa chữa", "note: Chuyển đơn tố cáo của ông Lê Văn Tám");
    expect(flagged({ [VALID_OBSERVATION_PATH]: text }).map((line) => line.slice(0, line.indexOf(" Có thể")))).toEqual(["2:8", "20:11"]);
  });

  it.each([
    ["a name without a complaint in the sentence", "Ông Trần Văn Bình, Chủ tịch UBND xã, chủ trì hội nghị. Bà con đồng tình."],
    ["a complaint without a name", "Bà con phản ánh đường xuống cấp; một người dân gửi đơn tố cáo."],
    ["a title, not a name", "Ông Chủ tịch UBND xã đã trả lời phản ánh của bà con."],
    ["a lower-case word after the form of address", "Anh em trong thôn phản ánh việc thu phí."],
    ["a name in another sentence", "Bà Lan dự họp. Sau đó có người phản ánh giá điện."],
  ])("does not flag %s", (_, sentence) => {
    expect(flagged(withBodyLine(sentence))).toEqual([]);
  });

  it("stays silent for a reviewed false alarm, and only for that phrase", () => {
    const sentence = "Ông Trần Văn Bình, cán bộ địa chính, đã trả lời phản ánh của bà con; bà Lê Thị Hoa khiếu nại tiếp.";
    const reviewed = (withBodyLine(sentence)[VALID_OBSERVATION_PATH] as string).replace(
      "confidentiality: binh-thuong",
      `confidentiality: binh-thuong\nreviewed_flags: ["${flagEntry("identity-names", "Ông Trần Văn Bình")}"]`,
    );
    expect(flagged({ [VALID_OBSERVATION_PATH]: reviewed }).map((line) => line.slice(0, line.indexOf(" Có thể")))).toEqual(["31:70"]);
  });
});

it("refuses a reviewed flag that is not as check prints it", () => {
  const text = (withBodyLine("Bà con đồng tình.")[VALID_OBSERVATION_PATH] as string).replace(
    "related: []",
    'related: []\nreviewed_flags: ["ông Trần Văn Bình"]',
  );
  const [issue] = checkWith({ [VALID_OBSERVATION_PATH]: text });
  expect(`${issue?.line} ${issue?.rule} ${issue?.message}`).toBe(
    '25 schema Trường "reviewed_flags[1]": Mỗi mục có dạng "<mã quy tắc>:<mã 8 ký tự>", chép từ thông báo của check (nhận được "ông Trần Văn Bình")',
  );
});
