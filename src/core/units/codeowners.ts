/**
 * CODEOWNERS from the data, decided by the same function as `review approve`
 * and the server hook (`reviewLine`): each body's reports are owned by exactly
 * the bodies that may approve them; units, bodies and reference lists by the
 * administrators. An observation folder holds the files of every organisation of
 * its unit and CODEOWNERS cannot look inside a file, so such a folder is owned by
 * the union of its bodies' lines (urgent ones included); the required status
 * check (`dan-y verify-approval`, run on each approving review) narrows that to the line of the file's own
 * organisation and urgency. The header of the generated file says so.
 */
import type { ContentModel } from "../content/content-model.ts";
import { reviewLine } from "./jurisdiction.ts";

export interface CodeownersOptions {
  /** Content directory inside the repository, e.g. `content`. */
  contentPath: string;
  /** Forge organisation that holds one team per body, e.g. `@mttq-ha-tinh`. */
  organisation: string;
  /** Team of the administrators named in the data (`administrators`). */
  adminTeam: string;
}

/** Team name of a body: `<organisation>/<unit>-<organisation-id>`. */
export const bodyTeam = (options: CodeownersOptions, bodyId: string): string => `${options.organisation}/${bodyId.replace("/", "-")}`;

export const CODEOWNERS_HEADER = [
  "# Sinh bởi `dan-y codeowners` từ units/ và bodies/: đừng sửa tay, hãy sửa dữ liệu rồi chạy lại lệnh.",
  "# Mỗi cơ quan (đơn vị × tổ chức) là một nhóm trên máy chủ Git, gồm đúng các đầu mối khai trong bodies/;",
  "# nhóm quản trị gồm đúng những người khai trong administrators của MTTQ cấp tỉnh.",
  "# Báo cáo của mỗi cơ quan: đúng các cơ quan được duyệt theo Kế hoạch (mục IV.2) hoặc reports_to.",
  "# Ở cấp cao nhất, nhóm của chính cơ quan duyệt: máy chủ không cho người mở yêu cầu tự duyệt, nên phải là đầu mối khác.",
  "# Thư mục thông tin của một đơn vị chứa tệp của mọi tổ chức ở đơn vị đó, CODEOWNERS không đọc được nội dung tệp:",
  "# thư mục được giao cho hợp các cơ quan duyệt của mọi tổ chức ở đơn vị (kể cả cấp trên nữa cho tin khẩn/đột xuất).",
  "# Kiểm tra bắt buộc \"Kiểm tra người duyệt\" (dan-y verify-approval, chạy ở mỗi lượt duyệt) thu hẹp lại: người duyệt",
  "# phải thuộc đúng tuyến của tổ chức ghi trong tệp, và chỉ tin khẩn/đột xuất mới được cấp trên nữa duyệt;",
  "# \"Kiểm tra bài nộp\" (check --submission) bảo đảm tệp thuộc đúng cơ quan nộp. Đặt cả hai là bắt buộc (required status checks).",
];

export function codeowners(model: ContentModel, options: CodeownersOptions): string {
  const admins = `${options.organisation}/${options.adminTeam}`;
  const root = `/${options.contentPath.replace(/^\/|\/$/g, "")}`;
  const teams = (ids: Iterable<string>) => [...new Set([...ids].map((id) => bodyTeam(options, id)))].sort().join(" ");
  const lines = [...CODEOWNERS_HEADER, "", `* ${admins}`];
  const byUnit = new Map<string, Set<string>>();
  const bodies = [...model.bodies.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const body of bodies) {
    const owners = byUnit.get(body.unit) ?? new Set<string>();
    for (const id of reviewLine(model, body, true).bodies) owners.add(id);
    byUnit.set(body.unit, owners);
  }
  for (const [unit, owners] of [...byUnit].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    lines.push(`${root}/observations/*/*/${unit}/ ${teams(owners)}`);
  }
  for (const body of bodies) {
    lines.push(`${root}/reports/*/${body.unit}/${body.organisation}.md ${teams(reviewLine(model, body).bodies)}`);
  }
  // Last match wins: the administrative data comes after every folder rule.
  for (const path of ["units/", "bodies/", "*.yaml"]) lines.push(`${root}/${path} ${admins}`);
  return `${lines.join("\n")}\n`;
}
