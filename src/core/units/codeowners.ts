/**
 * CODEOWNERS from the data, so that a forge enforces the same review rule as
 * `npm run review`: the folders and files each body writes are owned by the
 * bodies it reports to; shared data by the administrators.
 */
import type { ContentModel } from "../content/content-model.ts";
import type { UnitTree } from "./unit-tree.ts";

export interface CodeownersOptions {
  /** Content directory inside the repository, e.g. `content`. */
  contentPath: string;
  /** Forge organisation that holds one team per body, e.g. `@mttq-ha-tinh`. */
  organisation: string;
  /** Team of administrators for reference data, units and bodies. */
  adminTeam: string;
}

/** Team name of a body: `<organisation>/<unit>-<organisation-id>`. */
export const bodyTeam = (options: CodeownersOptions, bodyId: string): string => `${options.organisation}/${bodyId.replace("/", "-")}`;

export function codeowners(model: ContentModel, tree: UnitTree, options: CodeownersOptions): string {
  const admins = `${options.organisation}/${options.adminTeam}`;
  const root = `/${options.contentPath.replace(/^\/|\/$/g, "")}`;
  const lines = [
    "# Sinh bởi `npm run codeowners` từ units/ và bodies/: đừng sửa tay, hãy sửa dữ liệu rồi chạy lại lệnh.",
    "# Mỗi cơ quan (đơn vị × tổ chức) là một nhóm trên máy chủ Git; cơ quan cấp trên duyệt bài của cơ quan cấp dưới.",
    "",
    `* ${admins}`,
  ];
  const byUnit = new Map<string, Set<string>>();
  const bodies = [...model.bodies.values()].sort((a, b) => a.id.localeCompare(b.id));
  for (const body of bodies) {
    const reviewers = tree.reportsTo(body.unit, body.organisation).filter((id) => model.bodies.has(id));
    const owners = byUnit.get(body.unit) ?? new Set<string>();
    for (const reviewer of reviewers) owners.add(bodyTeam(options, reviewer));
    byUnit.set(body.unit, owners);
  }
  for (const [unit, owners] of [...byUnit].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`${root}/observations/*/*/${unit}/ ${owners.size > 0 ? [...owners].sort().join(" ") : admins}`);
  }
  for (const body of bodies) {
    const owners = tree
      .reportsTo(body.unit, body.organisation)
      .filter((id) => model.bodies.has(id))
      .map((id) => bodyTeam(options, id));
    lines.push(`${root}/reports/*/${body.unit}/${body.organisation}.md ${owners.length > 0 ? owners.sort().join(" ") : admins}`);
  }
  return `${lines.join("\n")}\n`;
}
