/** `dan-y sync`: fetch `origin` and fast-forward `main`. */
import type { Command } from "commander";
import { act, examples, today, todayOption } from "../command-kit.ts";
import { EXIT, ExitError } from "../errors.ts";

async function syncMain(options: { today?: string }): Promise<void> {
  const { contentDir } = await import("../../adapters/content-files.ts");
  const { openWorkspace, sync } = await import("../../adapters/submissions.ts");
  const { refTarget } = await import("../../adapters/git.ts");
  const { describeServerRewrite, serverRewriteSince } = await import("../../adapters/server-history.ts");
  const space = await openWorkspace(contentDir(), today(options));
  // What this machine last knew of the server, to tell a rewrite of main from a server that moved on.
  const before = space.remote ? await refTarget(space.dir, `refs/remotes/${space.remote}/main`) : undefined;
  let result: Awaited<ReturnType<typeof sync>>;
  try {
    result = await sync(space);
  } catch (error) {
    const rewrite = space.remote ? await serverRewriteSince(space.dir, space.remote, before) : undefined;
    if (rewrite) throw new ExitError(describeServerRewrite(rewrite), EXIT.problems);
    throw error;
  }
  console.log(
    result.from === result.to
      ? "main đã là bản mới nhất."
      : `Đã cập nhật main ${result.from?.slice(0, 7) ?? "(trống)"} → ${result.to?.slice(0, 7)} (${result.changed} tệp thay đổi).`,
  );
}

export function register(program: Command): void {
  const command = program
    .command("sync")
    .summary("lấy bản main mới nhất từ máy chủ")
    .description("Cập nhật kho: tải các thay đổi từ máy chủ origin và đưa main lên bản mới nhất (không ghi đè việc đang làm).");
  todayOption(command).action(act(syncMain));
  examples(command, [
    ["npx dan-y sync", "lấy bản main mới nhất từ máy chủ"],
    ["npx dan-y sync --today 2026-11-27", "như trên, coi hôm nay là 27/11/2026"],
  ]);
}
