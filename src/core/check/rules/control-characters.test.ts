import { describe, expect, it } from "vitest";
import { checkWith, where } from "../../../test-support/check-fixture.ts";
import { VALID_OBSERVATION, VALID_OBSERVATION_PATH } from "../../../test-support/content-fixtures.ts";

describe("control-characters", () => {
  it("refuses NUL, ESC and a right-to-left override at line and column, in any content file, and stops there", () => {
    const issues = checkWith({
      [VALID_OBSERVATION_PATH]: VALID_OBSERVATION.replace("Bà con đề nghị", "Bà con\u0000 đề nghị"),
      "units/thon-moi.yaml": "name: Thôn\u001bMới\nlevel: khu-dan-cu\nparent: xa-ky-hoa\n",
      "channels.yaml": `# \u202Egnol\n${"x"}`,
    });
    expect(issues.map((issue) => `${where(issue)} ${issue.message}`)).toEqual([
      "content/channels.yaml:1:3 Tệp chứa ký tự đổi chiều văn bản U+202E: hãy xóa ký tự này (tệp nội dung chỉ được chứa văn bản, dấu tab và xuống dòng)",
      `content/${VALID_OBSERVATION_PATH}:30:7 Tệp chứa ký tự điều khiển U+0000 (NUL): hãy xóa ký tự này (tệp nội dung chỉ được chứa văn bản, dấu tab và xuống dòng)`,
      "content/units/thon-moi.yaml:1:11 Tệp chứa ký tự điều khiển U+001B (ESC): hãy xóa ký tự này (tệp nội dung chỉ được chứa văn bản, dấu tab và xuống dòng)",
    ]);
  });

  it("accepts tabs and line ends, also CRLF", () => {
    expect(checkWith({ [VALID_OBSERVATION_PATH]: VALID_OBSERVATION.replace("Bà con đề nghị", "Bà con\tđề nghị").replace(/\n/g, "\r\n") })).toEqual([]);
  });
});
