import { describe, expect, it } from "vitest";
import { checkWith, where } from "../../../test-support/check-fixture.ts";
import { VALID_REQUEST } from "../../../test-support/content-fixtures.ts";

const REQUEST = `${VALID_REQUEST}fields: [kinh-te]
`;

const requestIssues = (files: Record<string, string>) =>
  checkWith(files)
    .filter((issue) => issue.rule === "ad-hoc-requests")
    .map((issue) => `${where(issue)} ${issue.message}`);

describe("ad-hoc-requests", () => {
  it("accepts a request naming existing bodies, levels, organisations and fields", () => {
    expect(requestIssues({ "requests/2026-11-23-mua-lu.yaml": REQUEST })).toEqual([]);
  });

  it("points at each unknown body, level, organisation and field, and a file name without the request's date, at its line", () => {
    const file = "content/requests/2026-11-24-mua-lu.yaml";
    const bad = REQUEST.replace("requested_by: ha-tinh/mttq", "requested_by: ha-tinh/mtq")
      .replace("xa-ky-hoa/hoi-nong-dan", "xa-ky-hao/mttq")
      .replace("level: xa", "level: thon")
      .replace("organisations: [mttq]", "organisations: [doan-tn]")
      .replace("fields: [kinh-te]", "fields: [kinh-tee]");
    expect(requestIssues({ "requests/2026-11-24-mua-lu.yaml": bad })).toEqual([
      `${file}:2:15 Cơ quan "ha-tinh/mtq": không có tổ chức "mtq" trong organisations.yaml. Có phải ý bạn là "mttq"?`,
      `${file}:4:12 Tên tệp cần bắt đầu bằng ngày yêu cầu 2026-11-23 (issued_on), ví dụ requests/2026-11-23-mua-lu.yaml`,
      `${file}:6:10 Cơ quan "xa-ky-hao/mttq": không có đơn vị "xa-ky-hao" trong content/units/. Có phải ý bạn là "xa-ky-hoa"?`,
      `${file}:8:12 Không có cấp "thon" trong levels.yaml (có: tinh, huyen, xa, khu-dan-cu).`,
      `${file}:9:21 Không có tổ chức "doan-tn" trong organisations.yaml.`,
      `${file}:10:10 Không có lĩnh vực "kinh-tee" trong fields.yaml. Có phải ý bạn là "kinh-te"?`,
    ]);
  });
});
