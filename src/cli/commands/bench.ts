/** `dan-y bench check|build|search|git|publish|hotspots|office`: the speed targets, measured on generated content and printed beside their figures. */
import type { Command } from "commander";
import { examples } from "../command-kit.ts";
import * as benchBuild from "./bench-build.ts";
import * as benchCheck from "./bench-check.ts";
import * as benchGit from "./bench-git.ts";
import * as benchHotspots from "./bench-hotspots.ts";
import * as benchOffice from "./bench-office.ts";
import * as benchPublish from "./bench-publish.ts";
import * as benchSearch from "./bench-search.ts";
import * as benchWorkspace from "./bench-workspace.ts";

export function register(program: Command): void {
  const bench = program
    .command("bench")
    .summary("đo tốc độ so với mục tiêu")
    .description("Đo tốc độ trên nội dung sinh ra và in số đo bên cạnh mục tiêu. Mỗi phép đo mất từ vài chục giây đến vài phút.");
  for (const command of [benchCheck, benchBuild, benchSearch, benchGit, benchPublish, benchHotspots, benchOffice, benchWorkspace]) command.register(bench);
  examples(bench, [
    ["npx dan-y bench check", "đo tốc độ kiểm tra nội dung"],
    ["npx dan-y bench git", "đo nộp, liệt kê và duyệt so với git"],
  ]);
}
